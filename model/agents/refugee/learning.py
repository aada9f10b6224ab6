"""A person's learning: Norwegian and upper-secondary education (M5, M10)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.enums import Activity, Education, EventKind, ProgrammeStatus
from model.formulas import cefr, chance

if TYPE_CHECKING:
    from model.model import BygdeModel


class Learning:
    """The rules of language learning and education; mixed into :class:`Refugee`."""

    model: BygdeModel

    # ---- stage 4: learning (M5) ------------------------------------------------------------
    def learn_language(self) -> None:
        """Monthly Norwegian gain by activity, education, age, health and support (M5)."""
        lp, model = self.model.p.language, self.model
        lv = model.p.levers
        a = self.activity
        dialect = 1.0 - model.p.municipality.nynorsk_dialect_gap
        in_programme = self.in_programme
        if a is Activity.CLASS:
            class_part = 1.0
        elif a is Activity.LANGUAGE_PRACTICE:
            class_part = lp.class_share_language_practice
        elif a is Activity.WORK_PRACTICE:
            class_part = lp.class_share_work_practice
        elif a is Activity.LOW_THRESHOLD:
            class_part = lp.class_share_low_threshold
        elif a is Activity.EDUCATION:
            class_part = lp.class_share_education
        elif a is Activity.MUNICIPAL_JOB and in_programme:
            class_part = 1.0 - lv.municipal_jobs.fte  # the rest of the week in class
        else:
            class_part = 0.0
        if self.caring:
            class_part *= model.p.social.carer_class_share
        if class_part and in_programme and model.p.services.bilingual_class_support:
            class_part *= 1.0 + lp.bilingual_gain
        gain = lp.class_gain * class_part
        if a.is_placement:
            practice = (
                lp.practice_gain
                * (1.0 if self.placement_interaction else lp.practice_without_interaction)
                * dialect
            )
            if a is Activity.WORK_PRACTICE:
                practice *= 1.0 + lp.teacher_day_gain * lv.teacher_at_workplace.days_per_week
            gain += practice
        elif a in (Activity.JOB, Activity.WAGE_SUBSIDY_JOB, Activity.BRIDGE_BUILDER):
            gain += lp.job_gain * dialect
        elif a is Activity.NAV_MEASURE:
            gain += lp.practice_gain * lp.practice_without_interaction * dialect
        elif a is Activity.MUNICIPAL_JOB:
            gain += lp.job_gain * lv.municipal_jobs.language_factor * dialect
        elif not class_part:
            gain += lp.idle_gain
        if (
            self.bridge_builder is not None
            and self.months_settled < lv.bridge_builders.language_boost_months
        ):
            gain *= 1.0 + lp.bridge_builder_gain
        gain *= lp.education_factor[int(self.education)]
        gain *= max(
            lp.age_factor_floor, 1.0 - lp.age_slope * max(0.0, self.age - lp.age_slope_from)
        )
        if self.health_burden:
            gain *= lp.health_factor
        # each level up to B1 takes about as long; above it, harder towards C1
        above = max(0.0, self.norwegian - lp.slowdown_from)
        gain *= max(lp.top_slowdown_floor, 1.0 - above / (lp.ceiling - lp.slowdown_from))
        before = cefr(self.norwegian)
        self.norwegian = min(lp.ceiling, self.norwegian + gain)
        after = cefr(self.norwegian)
        if after != before:
            self.log(
                EventKind.LANGUAGE,
                f"Norwegian reaches {after}",
                level=round(self.norwegian, 2),  # literal: rounding for display
            )

    # ---- stage 6: education (M10) ----------------------------------------------------------
    def pursue_education(self) -> None:
        """Enter upper-secondary qualification through the career centre; complete it (M10)."""
        sp, lp, m = self.model.p.services, self.model.p.language, self.model.month
        if self.activity is Activity.EDUCATION:
            if m >= self.education_end:
                self.qualified = True
                self.norwegian = min(lp.ceiling, self.norwegian + lp.education_completion_gain)
                self.fall_back("completed upper-secondary qualification")
            return
        eligible = (
            self.job_seeker
            and self.norwegian >= sp.education_min_norwegian
            and self.age < sp.education_max_age
            and self.education >= Education.PRIMARY
            and not self.qualified
            and (
                self.status is ProgrammeStatus.COMPLETED
                or self.programme_month >= sp.education_from_programme_month
            )
        )
        if not eligible:
            return
        reach = (
            sp.education_reach_base
            + sp.career_centre_reach
            + sp.education_coordination_weight * self.model.services.coordination
        )
        if self.household.remote_without_car:
            reach *= 1.0 - sp.evening_course_distance
        if self.rng_services.random() < chance(sp.education_entry_rate * reach):
            self.set_activity(Activity.EDUCATION)
            self.education_end = m + sp.education_months
            self.log(
                EventKind.EDUCATION, "starts upper-secondary qualification via the career centre"
            )
