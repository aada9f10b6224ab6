"""Driving licences financed by the municipality, hamlet households first (ch. 7.1)."""

from __future__ import annotations

from model.enums import EventKind, Stage
from model.fields import P, Section
from model.levers.base import Ladder, Lever


class DrivingLicenceSupportSettings(Section):
    licences_per_year: int = P(0, ge=0, le=100, unit="licences/year", source="ch. 7.1")
    cost_per_licence: float = P(32000.0, ge=0, le=200000, unit="NOK")
    min_norwegian: float = P(
        1.5, ge=0, le=4, unit="CEFR level", doc="Norwegian needed to take the theory test"
    )


class DrivingLicenceSupport(Lever):
    name = "driving_licence_support"
    settings = DrivingLicenceSupportSettings
    purpose = "Driving licences financed by the municipality"
    ladder = Ladder("licences_per_year", (5, 10))
    sensitivity = {"licences_per_year": (0, 10)}
    acts_in = {Stage.EDUCATION: "finance_licences"}

    def __init__(self, model) -> None:
        super().__init__(model)
        self.budget = 0.0

    def finance_licences(self) -> None:
        """A twelfth of the year's licences each month: hamlet households without a car first."""
        self.budget += self.s.licences_per_year / 12.0
        if self.budget < 1.0:
            return
        eligible = [
            p
            for p in self.model.present_people
            if not p.licence and p.norwegian >= self.s.min_norwegian
        ]
        eligible.sort(key=lambda p: (p.household.hamlet == 0, p.household.has_car, p.pid))
        for person in eligible:
            if self.budget < 1.0:
                break
            person.licence = True
            self.budget -= 1.0
            self.spend(self.s.cost_per_licence)
            person.log(EventKind.MOBILITY, "gets a driving licence financed by the municipality")
