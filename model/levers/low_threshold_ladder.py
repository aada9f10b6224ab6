"""A MAKS-style low-threshold group for those furthest from work (ch. 6.1.1, App. 4 pt 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.enums import Activity, Education, EventKind, Sex
from model.fields import P, Section
from model.levers.base import Ladder, Lever

if TYPE_CHECKING:
    from model.agents.refugee import Refugee


class LowThresholdLadderSettings(Section):
    places: int = P(0, ge=0, le=50, unit="places", source="ch. 6.1.1 (MAKS), App. 4 pt 3")
    cost_per_month: float = P(
        30000.0, ge=0, le=200000, unit="NOK/month", doc="Group leader, half time"
    )
    cost_per_place_month: float = P(1500.0, ge=0, le=50000, unit="NOK/month")
    placement_level: float = P(
        1.0,
        ge=0,
        le=4,
        unit="CEFR level",
        doc="Norwegian (A1) a group member needs before a practice placement",
    )


class LowThresholdLadder(Lever):
    """Offered at programme start and exit to those furthest from work (no schooling, a health
    burden, or women with little schooling and no paid-work experience, ch. 3.3.1, 6.1.1),
    while places are free."""

    name = "low_threshold_ladder"
    settings = LowThresholdLadderSettings
    purpose = "A low-threshold group for those furthest from work"
    ladder = Ladder("places", (8, 16))
    sensitivity = {"places": (0, 10)}

    def offer(self, person: Refugee) -> None:
        if (
            self.s.places == 0
            or person.in_ladder
            or person.in_paid_work
            or person.activity is Activity.EDUCATION
        ):
            return
        furthest = (
            person.education is Education.NONE
            or person.health_burden
            or (
                person.sex is Sex.WOMAN
                and person.experience is None
                and person.education <= Education.PRIMARY
            )
        )
        if not furthest:
            return
        if sum(1 for p in self.model.present_people if p.in_ladder) < self.s.places:
            person.in_ladder = True
            person.log(EventKind.PROGRAMME, "joins the low-threshold group (language and activity)")

    def monthly_cost(self) -> float:
        s = self.s
        attending = sum(
            1
            for p in self.model.present_people
            if p.in_ladder and p.activity is Activity.LOW_THRESHOLD
        )
        return (s.cost_per_month if s.places else 0.0) + attending * s.cost_per_place_month
