"""The refugee adult: state, the programme and the records; the rules of work, learning and
social life are in the sibling modules, each in the order of ``step()``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesa import Agent

from model.agents.refugee.learning import Learning
from model.agents.refugee.social import SocialLife
from model.agents.refugee.work import WorkLife
from model.enums import (
    PAID_WORK,
    Activity,
    Adaptation,
    Education,
    EventKind,
    HireChannel,
    ProgrammeStatus,
    Sector,
    Sex,
)
from model.history import History
from model.population import AdultPlan

if TYPE_CHECKING:
    from model.agents.employer import Employer
    from model.agents.household import Household
    from model.agents.volunteers import VolunteerGroup
    from model.model import BygdeModel

IN_PROGRAMME = (ProgrammeStatus.ACTIVE, ProgrammeStatus.EXTENDED)
# after the programme: no work, education or measure (a Nav job seeker without a measure too)
IDLE_ACTIVITIES = (Activity.IDLE, Activity.NAV_JOBSEEKER, Activity.WAITING, Activity.CLASS)


class Refugee(WorkLife, Learning, SocialLife, Agent):
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
        self.norwegian_at_exit: float | None = None
        self.exit_outcome: str | None = None
        self.ip_quality_at_exit: float | None = None
        self.active_again_month: int | None = None  # first month in work, education or a measure
        self.municipal_job_months = 0
        self.municipal_job_months_in_programme = 0
        self.ip_quality = model.p.services.ip_quality_initial
        self.nav_known = False
        self.nav_gap_left = 0
        self.nav_joined_month: int | None = None  # programme month Nav joined the plan
        self.measure_end = -1  # last month of a Nav work-training place
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
        self.hires: list[tuple[int, HireChannel]] = []  # (month, channel) of each hire
        self.reference: tuple[Sector, int] | None = None  # municipal-job reference: sector, until
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
    def programme_months_left(self) -> int:
        """Programme months after this one (0 in the last month or outside the programme)."""
        if not self.in_programme:
            return 0
        end = self.model.p.services.programme_months
        if self.status is ProgrammeStatus.EXTENDED:
            end += self.model.p.levers.third_programme_year.months
        return max(0, end - self.programme_month)

    @property
    def nav_follows(self) -> bool:
        """Nav knows the person and follows them up (no gap left at programme end)."""
        return self.nav_known and self.nav_gap_left == 0

    @property
    def caring(self) -> bool:
        """At home with a small child (the household's carer, mostly the mother)."""
        hh = self.household
        return hh.carer is self and hh.small_child_at_home

    @property
    def job_seeker(self) -> bool:
        """Open to hiring: not working, studying or at home with a small child, and past the
        first programme year."""
        # the programme test first: it is cheaper than ``caring`` and rules out most people
        if self.status is not ProgrammeStatus.COMPLETED and not (
            self.in_programme and self.programme_month >= 12
        ):
            return False
        a = self.activity
        return not (a in PAID_WORK or a is Activity.EDUCATION or self.caring)

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
        if self.nav_follows:
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
            self.nav_joined_month = self.programme_month
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
        if (
            self.activity is Activity.NAV_JOBSEEKER
            and self.rng_services.random() < self.model.p.labour.nav_measure_offer_per_month
        ):
            self.start_measure("Nav finds a work-training place")
        if self.activity in (Activity.IDLE, Activity.NAV_JOBSEEKER):
            self.idle_months += 1
        elif self.activity is Activity.LOW_THRESHOLD:
            self.idle_months = max(0, self.idle_months - 1)
        else:
            self.idle_months = 0

    def exit_programme(self) -> None:
        self.status = ProgrammeStatus.COMPLETED
        self.exit_month = self.model.month
        self.norwegian_at_exit = self.norwegian
        self.ip_quality_at_exit = self.ip_quality
        if self.activity.is_placement:
            self.employer.end_placement(self, completed=False)
        if not self.nav_known:
            # the gap at programme end; some keep away from Nav for longer (ch. 4.3)
            sv = self.model.p.services
            avoids = self.rng_services.random() < sv.nav_avoid_share
            self.nav_gap_left = sv.nav_avoid_months if avoids else sv.nav_entry_gap_months
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
            if self.nav_known and self.rng_services.random() < self.measure_ready_chance():
                self.start_measure("a work-training place planned with Nav starts")
        self.log(
            EventKind.PROGRAMME,
            f"completes the programme: {self.exit_outcome}"
            + (f"; {self.nav_gap_left} months before Nav meets them" if self.nav_gap_left else ""),
        )

    def measure_ready_chance(self) -> float:
        """Chance that the plan lined up a Nav work-training place for the first month after
        the programme: highest when Nav drew up the plan with the services at the first IP
        meeting, lower when Nav joined later, none when Nav was never in the plan (ch. 6.2.2,
        6.2.3, 7)."""
        lab = self.model.p.labour
        if self.nav_joined_month is None:
            return 0.0
        if self.nav_joined_month <= 1:
            return lab.nav_measure_ready_share
        return lab.nav_measure_ready_late_share

    def start_measure(self, how: str) -> None:
        """Begin a Nav work-training place if this year's places are not used up."""
        market = self.model.labour_market
        if self.caring or not market.can_fund_measure():
            return
        market.commit_measure()
        self.set_activity(Activity.NAV_MEASURE)
        self.measure_end = self.model.month + self.model.p.labour.nav_measure_months
        self.log(EventKind.NAV, how)

    # ---- stage 10: records -----------------------------------------------------------------
    def record_milestones(self) -> None:
        """Activity in the middle of each year since arrival; status a year after exit."""
        since = self.months_settled
        if since % 12 == 6:  # literal: measured in the middle of each year (outcome definition)
            self.year_activity[since // 12 + 1] = self.activity
            self.year_ties[since // 12 + 1] = self.local_ties
        if self.exit_month is not None and self.model.month == self.exit_month + 12:
            self.after_programme_1y = self.in_paid_work or self.activity is Activity.EDUCATION
        if self.activity is Activity.MUNICIPAL_JOB:
            self.municipal_job_months += 1
            self.municipal_job_months_in_programme += self.in_programme
        if (
            self.exit_month is not None
            and self.active_again_month is None
            and self.activity not in IDLE_ACTIVITIES
        ):
            self.active_again_month = self.model.month
