"""A third programme year: alternating practice and school with a job specialist (ch. 6.1.1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.enums import Activity, ProgrammeStatus, Stage
from model.fields import P, Section
from model.levers.base import Ladder, Lever

if TYPE_CHECKING:
    from model.agents.refugee import Refugee


class ThirdProgrammeYearSettings(Section):
    participants_per_year: int = P(0, ge=0, le=50, unit="persons/year", source="ch. 6.1.1 (Sel)")
    specialist_boost: float = P(
        0.5, ge=0, le=3, unit="relative", doc="Job specialist: better matching and hiring odds"
    )
    cost_per_participant_month: float = P(
        24000.0,
        ge=0,
        le=100000,
        unit="NOK/participant-month",
        doc="Benefit (2G a year) and specialist time",
    )
    min_norwegian: float = P(
        1.0, ge=0, le=4, unit="CEFR level", doc="Norwegian needed to be offered the third year"
    )
    months: int = P(12, ge=1, le=24, unit="months", doc="Extension after services.programme_months")


class ThirdProgrammeYear(Lever):
    """A yearly number of places, offered at the end of the second year to those not in work or
    education who have some Norwegian."""

    name = "third_programme_year"
    settings = ThirdProgrammeYearSettings
    purpose = "Alternating practice and school with a job specialist"
    ladder = Ladder("participants_per_year", (8, 16))
    acts_in = {Stage.SERVICES: "open_places"}

    def __init__(self, model) -> None:
        super().__init__(model)
        self.places_left = self.s.participants_per_year

    def open_places(self) -> None:
        """A new year's places at the start of each model year."""
        if self.model.month % 12 == 0:
            self.places_left = self.s.participants_per_year

    def offer(self, person: Refugee) -> bool:
        """Whether ``person`` gets a third year (taking one of this year's places)."""
        if (
            self.places_left <= 0
            or person.in_paid_work
            or person.activity is Activity.EDUCATION
            or person.norwegian < self.s.min_norwegian
        ):
            return False
        self.places_left -= 1
        return True

    def monthly_cost(self) -> float:
        extended = sum(1 for p in self.model.present_people if p.status is ProgrammeStatus.EXTENDED)
        return extended * self.s.cost_per_participant_month
