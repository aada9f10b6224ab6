"""The refugee adult: state and the rules each person follows, in the order of ``step()``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesa import Agent

from model.enums import (
    PAID_WORK,
    Activity,
    Adaptation,
    Education,
    EventKind,
    ProgrammeStatus,
    Sector,
    Sex,
)
from model.formulas import cefr, chance, tie_language_factor
from model.history import History
from model.population import AdultPlan

if TYPE_CHECKING:
    from model.agents.employer import Employer
    from model.agents.household import Household
    from model.agents.volunteers import VolunteerGroup
    from model.model import BygdeModel

IN_PROGRAMME = (ProgrammeStatus.ACTIVE, ProgrammeStatus.EXTENDED)


class Refugee(Agent):
    """An adult (18-55 at arrival) settled as a refugee."""

    model: BygdeModel

    def __init__(self, model: BygdeModel, plan: AdultPlan, household: Household) -> None:
        super().__init__(model)
        self.pid = plan.pid
        self.household = household
        self.sex: Sex = plan.sex
        self.age_at_arrival = plan.age
        self.education: Education = plan.education
        self.experience: Sector | None = plan.experience
        self.goal: Sector = plan.goal
        self.health_burden = plan.health_burden
        self.licence = plan.licence
        self.adaptation: Adaptation = plan.adaptation
        self.start_delay = plan.start_delay
        self.arrival_month = household.arrival_month
        self.norwegian = 0.0
        arr = model.p.arrivals
        self.motivation = {
            Adaptation.UNSTEADY: arr.motivation_unsteady,
            Adaptation.IMPATIENT: arr.motivation_impatient,
            Adaptation.CONTENT: arr.motivation_content,
            Adaptation.GO_GETTER: arr.motivation_go_getter,
        }[plan.adaptation]
        # programme and services
        self.status = ProgrammeStatus.WAITING
        self.programme_month = 0
        self.exit_month: int | None = None
        self.exit_outcome: str | None = None
        self.ip_quality = model.p.services.ip_quality_initial
        self.nav_known = False
        self.nav_gap_left = 0
        self.bridge_builder = None  # the BridgeBuilder serving this person, if any
        self.in_ladder = False
        # activity
        self.activity = Activity.WAITING
        self.employer: Employer | None = None
        self.activity_since = model.month
        self.placement_end = -1
        self.placement_matched = False
        self.placement_interaction = False
        self.placements = 0
        self.unmatched_placements = 0
        self.subsidy_left = 0
        self.job_end: int | None = None  # seasonal job or municipal position end
        self.job_match = 0.0
        self.education_end = -1
        self.qualified = False
        self.ever_employed = False
        self.idle_months = 0
        self.colleagues: list[int] = []
        # social life
        self.group: VolunteerGroup | None = None
        self.group_contacts: list[int] = []
        self.bb_contacts: list[int] = []
        self.mentor: int | None = None
        self.mentor_until = -1
        self.local_ties = 0
        self.co_ethnic_ties = 0
        self.loneliness = 0.0
        # records
        self.moved_month: int | None = None
        self.year_activity: dict[int, Activity] = {}
        self.year_ties: dict[int, int] = {}
        self.after_programme_1y: bool | None = None
        self.history = History()
        streams = model.streams
        self.rng_social = streams.stream("social", plan.pid)
        self.rng_labour = streams.stream("labour", plan.pid)
        self.rng_services = streams.stream("services", plan.pid)
        self.node = model.network.add_refugee(
            plan.pid, htype=household.htype.value, sex=plan.sex.value
        )

    # ---- helpers ---------------------------------------------------------------------------
    @property
    def in_programme(self) -> bool:
        return self.status in IN_PROGRAMME

    @property
    def is_single(self) -> bool:
        return self.household.htype.is_single

    @property
    def age(self) -> float:
        return self.age_at_arrival + (self.model.month - self.arrival_month) / 12.0

    @property
    def months_settled(self) -> int:
        return self.model.month - self.arrival_month

    @property
    def in_paid_work(self) -> bool:
        return self.activity in PAID_WORK

    @property
    def job_seeker(self) -> bool:
        """Open to hiring: not working or studying, and past the first programme year."""
        if self.activity in PAID_WORK or self.activity is Activity.EDUCATION:
            return False
        if self.status is ProgrammeStatus.COMPLETED:
            return True
        return self.in_programme and self.programme_month >= 12

    def log(self, kind: EventKind, text: str, **data) -> None:
        self.history.add(self.model.month, kind, text, **data)

    def default_activity(self) -> Activity:
        """What the person does when not placed, employed or studying."""
        if self.status is ProgrammeStatus.WAITING:
            return Activity.WAITING
        if self.in_ladder:
            return Activity.LOW_THRESHOLD
        if self.in_programme:
            return Activity.CLASS
        if self.nav_known and self.nav_gap_left == 0:
            return Activity.NAV_JOBSEEKER
        return Activity.IDLE

    def set_activity(self, activity: Activity, employer: Employer | None = None) -> None:
        """Leave the current activity (and its employer) and take up another."""
        if self.employer is not None:
            self.employer.release(self)
        if self.activity is Activity.MUNICIPAL_JOB:
            self.model.levers.municipal_jobs.release(self)
        self.activity = activity
        self.employer = employer
        self.activity_since = self.model.month
        if employer is not None:
            employer.admit(self)
            n = min(self.model.p.social.colleagues_met, len(employer.workers))
            self.colleagues = [
                int(w) for w in self.rng_social.choice(employer.workers, size=n, replace=False)
            ]
        elif activity is not Activity.MUNICIPAL_JOB:
            self.colleagues = []
        if activity in PAID_WORK and not self.ever_employed:
            self.ever_employed = True

    def fall_back(self, reason: str) -> None:
        self.set_activity(self.default_activity())
        self.job_end = None
        self.log(EventKind.ACTIVITY, f"{reason}; now {self.activity.value.replace('_', ' ')}")

    def start_placement(self, employer: Employer, matched: bool) -> None:
        """Begin language or work practice at ``employer``; unmatched placements erode
        motivation after a while (M7, ch. 6.1.2)."""
        sv, m = self.model.p.services, self.model.month
        kind = (
            Activity.WORK_PRACTICE
            if self.norwegian >= sv.work_practice_level
            else Activity.LANGUAGE_PRACTICE
        )
        self.set_activity(kind, employer)
        self.placement_end = m + sv.placement_length
        self.placement_matched = matched
        interaction = self.model.p.social.placement_interaction_share
        self.placement_interaction = self.rng_services.random() < min(
            1.0, interaction + (sv.matched_interaction_boost if matched else 0.0)
        )
        self.placements += 1
        if matched:
            self.motivation = min(1.0, self.motivation + sv.matched_motivation_gain)
            how = "matched to the person's goal"
        else:
            self.unmatched_placements += 1
            how = "placed wherever there was room"
            if self.unmatched_placements >= sv.parked_after_unmatched:
                self.motivation = max(
                    sv.motivation_floor, self.motivation - sv.parked_motivation_loss
                )
                how += "; feels parked, motivation falls"
        self.log(
            EventKind.PLACEMENT,
            f"{kind.value.replace('_', ' ')} at {employer.name} ({how})",
            employer=employer.name,
            matched=matched,
        )

    def take_job(self, employer: Employer | None, subsidised: bool, how: str) -> None:
        """Start paid work at ``employer`` (None: in a neighbouring municipality), with a Nav
        wage subsidy or not; tourism jobs may be seasonal (M1, M8)."""
        lab = self.model.p.labour
        self.set_activity(Activity.WAGE_SUBSIDY_JOB if subsidised else Activity.JOB, employer)
        self.in_ladder = False
        self.subsidy_left = lab.wage_subsidy_months if subsidised else 0
        self.job_end = None
        if (
            employer is not None
            and employer.sector is Sector.TOURISM
            and self.rng_labour.random() < lab.seasonal_share_tourism
        ):
            self.job_end = self.model.month + lab.season_months
        where = employer.name if employer is not None else "a neighbouring municipality"
        extra = " with a Nav wage subsidy" if subsidised else ""
        extra += " (seasonal)" if self.job_end is not None else ""
        self.log(EventKind.JOB, f"{how}: job at {where}{extra}", employer=where)
        if self.in_programme:
            self.exit_programme()

    # ---- stage 2: services (M6, M9, M12) ---------------------------------------------------
    def attend_ip_meeting(self) -> None:
        """IP quality rises at meetings; Nav joins at its entry month (M6, M9, M12)."""
        if not self.in_programme:
            return
        p, lv = self.model.p, self.model.p.levers
        sh = lv.shared_ip_and_meetings
        # joint meetings between units keep the plan alive between IP meetings (ch. 6.2.2)
        if sh.joint_meetings_per_month > 0:
            self.ip_quality += (
                p.services.ip_gain_per_meeting
                * sh.joint_meeting_ip_gain
                * min(sh.joint_meetings_per_month, sh.meetings_counted_max)
                * (1 - self.ip_quality)
            )
        if (self.programme_month - 1) % p.services.ip_meeting_interval != 0:
            return
        mult = 1.0 + p.services.coordination_ip_gain * self.model.services.coordination
        mult += sh.digital_ip_meeting_gain if sh.shared_digital_ip else 0.0
        mult += p.services.visual_ip_gain if p.services.visual_ip else 0.0
        if self.bridge_builder is not None:
            mult += lv.bridge_builders.ip_boost
        before = self.ip_quality
        self.ip_quality = min(
            1.0, self.ip_quality + p.services.ip_gain_per_meeting * mult * (1 - self.ip_quality)
        )
        joined = ""
        if not self.nav_known and self.programme_month >= lv.early_nav.entry_month:
            self.nav_known = True
            joined = "; Nav joins the plan"
            self.log(
                EventKind.NAV,
                f"Nav joins the individual plan in programme month {self.programme_month}",
            )
        self.log(
            EventKind.IP_MEETING,
            f"IP meeting, quality {before:.2f} -> {self.ip_quality:.2f}{joined}",
            ip_quality=round(self.ip_quality, 3),  # literal: rounding for display
        )

    # ---- stage 4: learning (M5) ------------------------------------------------------------
    def learn_language(self) -> None:
        """Monthly Norwegian gain by activity, education, age, health and support (M5)."""
        lp, model = self.model.p.language, self.model
        lv = model.p.levers
        a = self.activity
        dialect = 1.0 - model.p.municipality.nynorsk_dialect_gap
        class_part = {
            Activity.CLASS: 1.0,
            Activity.LANGUAGE_PRACTICE: lp.class_share_language_practice,
            Activity.WORK_PRACTICE: lp.class_share_work_practice,
            Activity.LOW_THRESHOLD: lp.class_share_low_threshold,
            Activity.EDUCATION: lp.class_share_education,
        }.get(a, 0.0)
        if class_part and self.in_programme and model.p.services.bilingual_class_support:
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
        gain *= max(lp.top_slowdown_floor, 1.0 - self.norwegian / lp.ceiling)  # harder towards C1
        before = cefr(self.norwegian)
        self.norwegian = min(lp.ceiling, self.norwegian + gain)
        if cefr(self.norwegian) != before:
            self.log(
                EventKind.LANGUAGE,
                f"Norwegian reaches {cefr(self.norwegian)}",
                level=round(self.norwegian, 2),  # literal: rounding for display
            )

    # ---- stage 5: labour market (M1, M8, M13) ----------------------------------------------
    def keep_or_lose_job(self) -> None:
        """Separations, seasonal ends, subsidy ends and municipal positions ending (M8, M13)."""
        a, lab, m = self.activity, self.model.p.labour, self.model.month
        rng = self.rng_labour
        if a is Activity.JOB:
            if self.job_end is not None and m >= self.job_end:
                self.fall_back("seasonal job ended")
            elif rng.random() < lab.separation_per_month:
                self.fall_back("lost the job")
        elif a is Activity.WAGE_SUBSIDY_JOB:
            self.subsidy_left -= 1
            if self.subsidy_left <= 0:
                if rng.random() < lab.subsidy_retention:
                    emp = self.employer
                    self.set_activity(Activity.JOB, emp)
                    where = emp.name if emp is not None else "the commuting job"
                    self.log(EventKind.JOB, f"kept on at {where} after the wage subsidy")
                else:
                    self.fall_back("wage subsidy ended and the job with it")
            elif rng.random() < lab.separation_per_month:
                self.fall_back("lost the subsidised job")
        elif a is Activity.MUNICIPAL_JOB and self.job_end is not None and m >= self.job_end:
            self.model.levers.municipal_jobs.end_position(self)

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

    # ---- stage 7: social life (M3, M4, M12) ------------------------------------------------
    def socialise(self) -> None:
        """Contacts in each arena; repeated contact deepens into ties; ties decay (M3, M4)."""
        model, sp, rng = self.model, self.model.p.social, self.rng_social
        hh, net, m = self.household, model.network, model.month
        eg = model.p.levers.establishment_group
        outside = sp.remote_no_car if hh.remote_without_car else 1.0
        drive = {
            Adaptation.UNSTEADY: sp.drive_unsteady,
            Adaptation.GO_GETTER: sp.drive_go_getter,
        }.get(self.adaptation, 1.0)
        arenas: list[tuple[list[int], float]] = [(hh.neighbours, sp.neighbour_contacts)]
        if self.colleagues:
            at_work = self.in_paid_work or (
                self.activity.is_placement and self.placement_interaction
            )
            if at_work:
                arenas.append((self.colleagues, sp.workplace_contacts))
        if hh.school_parents:
            arenas.append(
                (
                    hh.school_parents,
                    sp.school_contacts
                    * outside
                    * (
                        eg.school_contact_boost
                        if hh.prepared and self.months_settled < eg.school_boost_months
                        else 1.0
                    ),
                )
            )
        if hh.club_parents:
            arenas.append((hh.club_parents, sp.club_contacts * outside))
        if self.group is not None and self.group.mixed and self.group_contacts:
            meetings = self.group.meetings_per_month
            boost = model.p.levers.mixed_activities.contact_boost if self.group.designed else 1.0
            arenas.append((self.group_contacts, sp.group_contacts * meetings * boost * outside))
        if self.mentor is not None and m <= self.mentor_until:
            arenas.append(([self.mentor], sp.mentor_contacts))
        if self.bridge_builder is not None and self.bb_contacts:
            arenas.append((self.bb_contacts, sp.bridge_builder_contacts * outside))
        lang = tie_language_factor(
            self.norwegian, sp.tie_language_floor, sp.tie_language_level, sp.tie_language_cap
        )
        p_tie = sp.tie_chance * lang
        for pool, rate in arenas:
            n = rng.poisson(rate * drive)
            for _ in range(n):
                other = pool[int(rng.integers(len(pool)))]
                gain = sp.tie_step if rng.random() < p_tie else 0.0
                if gain or net.has_tie(self.node, other):
                    net.contact(self.node, other, gain, m)
        # co-ethnic contacts: other refugees present, and immigrant-only groups (ch. 4.1)
        peers = model.present_nodes
        co_rate = sp.co_ethnic_contacts * outside
        if self.group is not None and not self.group.mixed:
            co_rate += sp.group_contacts * self.group.meetings_per_month
        if len(peers) > 1:
            known = net.co_ethnic_tie_ids(self.node)
            for _ in range(rng.poisson(co_rate)):
                if known and rng.random() < sp.co_ethnic_known_share:  # mostly the same few
                    other = known[int(rng.integers(len(known)))]
                else:
                    other = peers[int(rng.integers(len(peers)))]
                if other != self.node:
                    net.contact(self.node, other, sp.tie_step * sp.co_ethnic_tie_step, m)
        net.decay(self.node, sp.tie_decay, m, sp.tie_floor)
        before = self.local_ties
        self.local_ties, self.co_ethnic_ties = net.ties(self.node, sp.tie_threshold)
        if self.local_ties != before:
            change = self.local_ties - before
            self.log(
                EventKind.TIES,
                f"{'gained' if change > 0 else 'lost'} {abs(change)} local "
                f"tie{'s' if abs(change) > 1 else ''}; now {self.local_ties}",
                local_ties=self.local_ties,
            )

    def update_loneliness(self) -> None:
        """Loneliness grows when local ties stay low, most for singles with free time (M3)."""
        sp = self.model.p.social
        few = max(sp.lonely_ties, 1e-9)  # literal: guard against division by zero
        short = max(0.0, (sp.lonely_ties - self.local_ties) / few)
        hh = self.household.htype
        if hh.is_single:
            exposure = sp.lonely_exposure_single
        else:
            exposure = sp.lonely_exposure_family if hh.has_children else sp.lonely_exposure_couple
        if self.in_paid_work:
            exposure *= sp.lonely_exposure_in_work
        if self.adaptation is Adaptation.UNSTEADY:
            exposure *= sp.lonely_exposure_unsteady
        if self.bridge_builder is not None:
            # a trusted person to turn to (App. 4 pt 2)
            exposure *= self.model.p.levers.bridge_builders.loneliness_exposure
        full = sp.co_ethnic_comfort_ties
        co = min(self.co_ethnic_ties, full) / full
        target = min(1.0, short * exposure * (1.0 - sp.co_ethnic_comfort * co))
        self.loneliness += sp.loneliness_rate * (target - self.loneliness)

    # ---- stage 8: programme (M2, M9) -------------------------------------------------------
    def progress_programme(self) -> None:
        """Start, advance and end the introduction programme; exit gap without Nav (M9)."""
        m = self.model.month
        if self.status is ProgrammeStatus.WAITING:
            if m >= self.arrival_month + self.start_delay:
                self.status = ProgrammeStatus.ACTIVE
                self.programme_month = 1
                self.model.levers.low_threshold_ladder.offer(self)
                self.set_activity(self.default_activity())
                self.log(EventKind.PROGRAMME, "starts the introduction programme")
            return
        if self.in_programme:
            self.programme_month += 1
            end = self.model.p.services.programme_months
            if self.status is ProgrammeStatus.EXTENDED:
                end += self.model.p.levers.third_programme_year.months
            if self.programme_month > end:
                if (
                    self.status is ProgrammeStatus.ACTIVE
                    and self.model.levers.third_programme_year.offer(self)
                ):
                    self.status = ProgrammeStatus.EXTENDED
                    self.log(
                        EventKind.PROGRAMME,
                        "third programme year: alternating practice and "
                        "school with a job specialist",
                    )
                else:
                    self.exit_programme()
            return
        # completed: idle months and the gap before Nav knows the person
        if self.nav_gap_left > 0:
            self.nav_gap_left -= 1
            if self.nav_gap_left == 0:
                self.nav_known = True
                self.log(EventKind.NAV, "first meeting with Nav after the programme")
                if self.activity is Activity.IDLE:
                    self.set_activity(self.default_activity())
        if self.activity in (Activity.IDLE, Activity.NAV_JOBSEEKER):
            self.idle_months += 1
        elif self.activity is Activity.LOW_THRESHOLD:
            self.idle_months = max(0, self.idle_months - 1)
        else:
            self.idle_months = 0

    def exit_programme(self) -> None:
        self.status = ProgrammeStatus.COMPLETED
        self.exit_month = self.model.month
        if self.activity.is_placement:
            self.employer.end_placement(self, completed=False)
        if not self.nav_known:
            self.nav_gap_left = self.model.p.services.nav_entry_gap_months
            if self.nav_gap_left == 0:
                self.nav_known = True
        self.model.levers.low_threshold_ladder.offer(self)
        if self.in_paid_work:
            self.exit_outcome = "work"
        elif self.activity is Activity.EDUCATION:
            self.exit_outcome = "education"
        else:
            self.set_activity(self.default_activity())
            self.exit_outcome = "nav" if self.nav_known else "nothing"
        self.log(
            EventKind.PROGRAMME,
            f"completes the programme: {self.exit_outcome}"
            + (f"; {self.nav_gap_left} months before Nav meets them" if self.nav_gap_left else ""),
        )

    # ---- stage 10: records -----------------------------------------------------------------
    def record_milestones(self) -> None:
        """Activity in the middle of each year since arrival; status a year after exit."""
        since = self.months_settled
        if since % 12 == 6:  # literal: measured in the middle of each year (outcome definition)
            self.year_activity[since // 12 + 1] = self.activity
            self.year_ties[since // 12 + 1] = self.local_ties
        if self.exit_month is not None and self.model.month == self.exit_month + 12:
            self.after_programme_1y = self.in_paid_work or self.activity is Activity.EDUCATION
