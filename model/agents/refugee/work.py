"""A person's working life: placements, taking a job and keeping it (M1, M7, M8, M13)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.enums import Activity, EventKind, HireChannel, Sector

if TYPE_CHECKING:
    from model.agents.employer import Employer
    from model.model import BygdeModel


# how each hiring channel reads in a life history
HIRE_WORDS = {
    HireChannel.OPEN_APPLICATION: "hired on an open application",
    HireChannel.PLACEMENT: "hired after practice",
    HireChannel.REFERRAL: "hired through a tie",
    HireChannel.MUNICIPAL_JOB_REFERENCE: "the municipal position led to a job",
    HireChannel.NAV_MEASURE: "hired through a Nav measure",
    HireChannel.COMMUTING: "commutes",
    HireChannel.BRIDGE_BUILDER_POST: "employed part-time as a bicultural bridge-builder",
}


class WorkLife:
    """The rules of placement and paid work; mixed into :class:`Refugee`."""

    model: BygdeModel

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

    def take_job(self, employer: Employer | None, subsidised: bool, channel: HireChannel) -> None:
        """Start paid work at ``employer`` (None: in a neighbouring municipality), with a Nav
        wage subsidy or not, found through ``channel``; tourism jobs may be seasonal (M1, M8)."""
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
        self.hires.append((self.model.month, channel))
        how = HIRE_WORDS[channel]
        self.log(EventKind.JOB, f"{how}: job at {where}{extra}", employer=where)
        if self.in_programme:
            self.exit_programme()

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
        elif a is Activity.NAV_MEASURE and m >= self.measure_end:
            self.fall_back("the Nav work-training place ended")
        elif a is Activity.MUNICIPAL_JOB and self.job_end is not None and m >= self.job_end:
            self.model.levers.municipal_jobs.end_position(self)
