"""Municipal jobs: part-time positions inside the programme, place-and-train (M13, App. 4 pt 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.enums import Activity, EventKind, Sector, Stage
from model.fields import P, Section
from model.levers.base import Ladder, Lever

if TYPE_CHECKING:
    from model.agents.refugee import Refugee


class MunicipalJobsSettings(Section):
    positions: int = P(0, ge=0, le=50, unit="positions", source="App. 4 pt 3 (Fjell: ten)")
    duration_months: int = P(12, ge=1, le=36, unit="months")
    fte: float = P(
        0.8,
        ge=0.1,
        le=1,
        unit="FTE",
        doc="Share of the week in the position; the rest of the week in class",
    )
    matched_to_goals: bool = P(
        True, source="App. 4 pt 3", doc="Tasks chosen from the person's mapped goals"
    )
    transition_boost: float = P(
        1.0,
        ge=0,
        le=5,
        unit="relative increase",
        doc="Rise in an applicant's weight from the reference a fully matched task gives "
        "(scaled by how well the task matched)",
    )
    cost_per_position_month: float = P(
        42000.0,
        ge=0,
        le=200000,
        unit="NOK/month at 1 FTE",
        doc="Wage and social costs, entry-level municipal post",
    )
    open_from_programme_month: int = P(
        6,
        ge=1,
        le=36,
        unit="programme month",
        source="App. 4 pt 3 (after thorough mapping, inside the programme)",
        doc="Programme month from which a participant can hold a position (after mapping)",
    )
    unmatched_task_fit: float = P(
        0.15, ge=0, le=1, unit="index", doc="How well 'any task' fits the person's goal"
    )
    colleagues: int = P(8, ge=1, le=30, unit="persons", doc="Municipal colleagues a holder meets")
    language_factor: float = P(
        1.2,
        ge=0,
        le=3,
        unit="multiplier",
        doc="Workplace language gain in a municipal position relative to an ordinary job",
    )
    reference_months: int = P(
        24,
        ge=0,
        le=120,
        unit="months",
        source="App. 4 pt 3; assumption on length",
        doc="How long after the position the reference counts when an employer of its sector hires",
    )


class MunicipalJobs(Lever):
    """Part-time positions inside the introduction programme, place-train style: after
    mapping, with a task matched to the person's goal and close follow-up. The holder keeps the
    programme (the rest of the week in class), learns Norwegian at work, gains work experience,
    and leaves with a reference that counts when an employer of the task's sector hires (M13)."""

    name = "municipal_jobs"
    settings = MunicipalJobsSettings
    purpose = "Part-time municipal positions inside the programme, place-train style"
    ladder = Ladder("positions", (5, 10, 15, 20))
    sensitivity = {"positions": (0, 10)}
    acts_in = {Stage.LABOUR_MARKET: "fill_positions"}

    def __init__(self, model) -> None:
        super().__init__(model)
        self.holders: list[Refugee | None] = [None] * self.s.positions
        self.rng = model.streams.stream("municipal_jobs")

    @property
    def filled(self) -> int:
        return sum(1 for h in self.holders if h is not None)

    def monthly_cost(self) -> float:
        return self.filled * self.s.fte * self.s.cost_per_position_month

    def task_sector(self, person: Refugee) -> Sector:
        """The sector of the task: the person's goal when matched, else a public service."""
        return person.goal if self.s.matched_to_goals else Sector.OTHER_PUBLIC

    def fill_positions(self) -> None:
        """Free positions go to programme participants past mapping who are not working or
        studying: best individual plans first when matched to goals, else at random."""
        mj = self.s
        free = [i for i, holder in enumerate(self.holders) if holder is None]
        if not free:
            return
        candidates = [
            p
            for p in self.model.present_people
            if p.in_programme
            and p.programme_month >= mj.open_from_programme_month
            and p.programme_months_left > 0
            and not p.in_paid_work
            and p.activity is not Activity.EDUCATION
            and p.municipal_job_months == 0
        ]
        if mj.matched_to_goals:
            candidates.sort(key=lambda p: (-p.ip_quality, p.pid))
        else:
            order = self.rng.permutation(len(candidates))
            candidates = [candidates[int(i)] for i in order]
        workers = self.model.public_workers
        for slot, person in zip(free, candidates, strict=False):
            self.holders[slot] = person
            if person.activity.is_placement:
                person.employer.end_placement(person, completed=False)
            person.set_activity(Activity.MUNICIPAL_JOB)
            person.in_ladder = False
            months = min(mj.duration_months, person.programme_months_left)
            person.job_end = self.model.month + months
            person.job_match = person.ip_quality if mj.matched_to_goals else mj.unmatched_task_fit
            n = min(mj.colleagues, len(workers))
            person.colleagues = [
                int(x) for x in person.rng_social.choice(workers, size=n, replace=False)
            ]
            sector = self.task_sector(person)
            if person.experience is None:
                person.experience = sector  # Norwegian work experience
            person.reference = (sector, person.job_end + mj.reference_months)
            person.log(
                EventKind.JOB,
                f"municipal position for {months} months inside the programme, "
                f"{mj.fte:.0%} of the week ("
                f"{'a task matched to the goal' if mj.matched_to_goals else 'any task'})",
            )

    def release(self, person: Refugee) -> None:
        """The person no longer holds a position (left it, moved, or took another job)."""
        for i, holder in enumerate(self.holders):
            if holder is person:
                self.holders[i] = None

    def end_position(self, person: Refugee) -> None:
        """The position ends; the person goes back to the programme or to job seeking with a
        reference in the task's sector."""
        self.release(person)
        person.fall_back("municipal position ended; has a reference")

    def reference_boost(self, person: Refugee) -> float:
        """Relative rise in an applicant's weight from the reference: larger the better the
        task matched the person's goal."""
        return self.s.transition_boost * person.job_match
