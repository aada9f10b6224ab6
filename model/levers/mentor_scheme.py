"""Volunteer mentors for newcomers, singles first (ch. 3.2.2, 3.3.2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from model.enums import EventKind, Stage
from model.fields import P, Section
from model.levers.base import Ladder, Lever

if TYPE_CHECKING:
    from model.agents.refugee import Refugee


class MentorSchemeSettings(Section):
    mentors_per_year: int = P(0, ge=0, le=100, unit="pairs/year", source="ch. 3.2.2, 3.3.2")
    duration_months: int = P(12, ge=1, le=36, unit="months")
    cost_per_pair_month: float = P(800.0, ge=0, le=20000, unit="NOK/month")
    newcomer_months: int = P(
        6, ge=1, le=36, unit="months settled", doc="Newcomers get a mentor up to this time"
    )


class MentorScheme(Lever):
    """Each month a twelfth of the year's pairs becomes available; newcomers without a
    mentor get one, singles first. Mentors come from the first volunteer group."""

    name = "mentor_scheme"
    settings = MentorSchemeSettings
    purpose = "Volunteer mentors for newcomers"
    ladder = Ladder("mentors_per_year", (10, 20, 40))
    sensitivity = {"mentors_per_year": (0, 20)}
    acts_in = {Stage.ARRIVALS: "pair_newcomers"}

    def __init__(self, model) -> None:
        super().__init__(model)
        self.budget = 0.0
        self.rng = model.streams.stream("levers")  # the stream's historical name

    def pair_newcomers(self) -> None:
        self.budget += self.s.mentors_per_year / 12.0
        people = self.model.present_people
        for singles_only in (True, False):
            for person in people:
                if self.budget < 1.0:
                    return
                if (
                    person.mentor is None
                    and person.months_settled < self.s.newcomer_months
                    and (person.is_single or not singles_only)
                ):
                    self.assign(person)

    def assign(self, person: Refugee) -> None:
        model = self.model
        groups = model.group_list
        pool = groups[0].members if groups else np.arange(model.network.n_locals)
        person.mentor = int(pool[int(self.rng.integers(len(pool)))])
        person.mentor_until = model.month + self.s.duration_months
        model.network.contact(person.node, person.mentor, model.p.social.tie_step, model.month)
        self.budget -= 1.0
        person.log(EventKind.SOCIAL, "gets a volunteer mentor")

    def monthly_cost(self) -> float:
        m = self.model.month
        pairs = sum(
            1 for p in self.model.present_people if p.mentor is not None and m <= p.mentor_until
        )
        return pairs * self.s.cost_per_pair_month
