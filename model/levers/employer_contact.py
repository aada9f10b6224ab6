"""A dedicated contact person between the services and employers (ch. 5.3, App. 4 pt 4)."""

from __future__ import annotations

from model.fields import P, Section
from model.levers.base import Ladder, Lever


class EmployerContactSettings(Section):
    persons: float = P(0.0, ge=0, le=3, unit="FTE", source="ch. 5.3, App. 4 pt 4")
    follow_up_boost: float = P(0.35, ge=0, le=1, unit="follow-up index per FTE")
    trust_boost: float = P(0.15, ge=0, le=1, unit="extra trust rate per FTE")
    matching_boost: float = P(
        0.15, ge=0, le=1, unit="match chance per FTE", doc="Better-matched placements per FTE"
    )
    cost_per_fte_month: float = P(55000.0, ge=0, le=200000, unit="NOK/month")


class EmployerContact(Lever):
    """Acts through the services' follow-up, employers' trust and placement matching."""

    name = "employer_contact"
    settings = EmployerContactSettings
    purpose = "A dedicated contact person between the services and employers"
    ladder = Ladder("persons", (1.0, 2.0))
    sensitivity = {"persons": (0.0, 2.0)}

    def monthly_cost(self) -> float:
        return self.s.persons * self.s.cost_per_fte_month
