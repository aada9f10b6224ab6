"""Municipal jobs: time-limited municipal positions, place-and-train style (M13, App. 4 pt 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.enums import Activity, EventKind, HireChannel, ProgrammeStatus, Stage
from model.fields import P, Section
from model.formulas import language_fit
from model.levers.base import Ladder, Lever

if TYPE_CHECKING:
    from model.agents.refugee import Refugee


class MunicipalJobsSettings(Section):
    positions: int = P(0, ge=0, le=50, unit="positions", source="App. 4 pt 3 (Fjell: ten)")
    duration_months: int = P(12, ge=1, le=36, unit="months")
    fte: float = P(0.8, ge=0.1, le=1, unit="FTE")
    matched_to_goals: bool = P(
        True, source="App. 4 pt 3", doc="Tasks chosen from the person's mapped goals"
    )
    transition_boost: float = P(
        1.0,
        ge=0,
        le=5,
        unit="relative increase",
        doc="Rise in hiring odds from the reference a matched job gives",
    )
    cost_per_position_month: float = P(
        42000.0,
        ge=0,
        le=200000,
        unit="NOK/month at 1 FTE",
        doc="Wage and social costs, entry-level municipal post",
    )
    open_from_programme_month: int = P(
        18,
        ge=1,
        le=36,
        unit="programme month",
        doc="Programme month from which participants can hold a position",
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
    transition_chance: float = P(
        0.3,
        ge=0,
        le=1,
        unit="probability",
        doc="Chance the position leads to an ordinary job at its end (before the reference "
        "boost and language fit)",
    )
    transition_language_margin: float = P(
        0.5,
        ge=0,
        le=3,
        unit="CEFR levels",
        doc="How far below B1 the language bar of the follow-on job lies",
    )
    transition_chance_max: float = P(
        0.95, ge=0, le=1, unit="probability", doc="Upper limit of the follow-on job chance"
    )


class MunicipalJobs(Lever):
    """Positions filled from job seekers, best plans first when matched to goals; at the end
    the reference may lead to an ordinary job in the person's field."""

    name = "municipal_jobs"
    settings = MunicipalJobsSettings
    purpose = "Time-limited municipal positions, place-and-train style"
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

    def fill_positions(self) -> None:
        """Free positions go to job seekers, best individual plans first when matched."""
        mj = self.s
        free = [i for i, holder in enumerate(self.holders) if holder is None]
        if not free:
            return
        candidates = [
            p
            for p in self.model.present_people
            if p.job_seeker
            and p.activity is not Activity.MUNICIPAL_JOB
            and (
                p.status is ProgrammeStatus.COMPLETED
                or p.programme_month >= mj.open_from_programme_month
            )
        ]
        if mj.matched_to_goals:
            candidates.sort(key=lambda p: (-p.ip_quality, p.pid))
        else:
            order = self.rng.permutation(len(candidates))
            candidates = [candidates[int(i)] for i in order]
        workers = self.model.public_workers
        for slot, person in zip(free, candidates, strict=False):
            self.holders[slot] = person
            person.set_activity(Activity.MUNICIPAL_JOB)
            person.in_ladder = False
            person.job_end = self.model.month + mj.duration_months
            person.job_match = person.ip_quality if mj.matched_to_goals else mj.unmatched_task_fit
            n = min(mj.colleagues, len(workers))
            person.colleagues = [
                int(x) for x in person.rng_social.choice(workers, size=n, replace=False)
            ]
            person.log(
                EventKind.JOB,
                f"municipal position for {mj.duration_months} months "
                f"({'matched to goals' if mj.matched_to_goals else 'any task'})",
            )
            if person.in_programme:
                person.exit_programme()

    def release(self, person: Refugee) -> None:
        """The person no longer holds a position (left it, moved, or took another job)."""
        for i, holder in enumerate(self.holders):
            if holder is person:
                self.holders[i] = None

    def end_position(self, person: Refugee) -> None:
        """At the end of a position: the reference may lead to an ordinary job."""
        mj, lab = self.s, self.model.p.labour
        bar = self.model.p.language.b1_bar - mj.transition_language_margin
        fit = language_fit(person.norwegian, bar, lab)
        p = mj.transition_chance * (1.0 + mj.transition_boost * person.job_match) * fit
        if person.rng_labour.random() < min(mj.transition_chance_max, p):
            employers = self.model.employer_list
            pool = (
                [e for e in employers if e.sector is person.goal]
                or [e for e in employers if e.municipal]
                or employers
            )
            emp = pool[int(person.rng_labour.integers(len(pool)))]
            self.release(person)
            person.take_job(emp, False, HireChannel.MUNICIPAL_JOB_REFERENCE)
        else:
            person.fall_back("municipal position ended")
