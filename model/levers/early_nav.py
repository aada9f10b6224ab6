"""Early Nav: Nav joins the individual plan from an earlier programme month (ch. 6.2.2, App. 4)."""

from __future__ import annotations

from model.fields import P, Section
from model.levers.base import Ladder, Lever


class EarlyNavSettings(Section):
    entry_month: int = P(
        22,
        ge=1,
        le=24,
        unit="programme month",
        source="ch. 6.2.2, App. 4",
        doc="Programme month at which Nav joins the individual plan",
    )
    matching_boost: float = P(
        0.3,
        ge=0,
        le=2,
        unit="relative",
        doc="Better placement matching from Nav's employer contacts",
    )
    cost_per_participant_month: float = P(
        1400.0,
        ge=0,
        le=20000,
        unit="NOK/participant-month",
        doc="Nav caseworker time in IP work (2 h)",
    )


class EarlyNav(Lever):
    """Nav joins the plan at ``entry_month`` (1: its first meeting). From then on Nav follows
    the person: better placement matching through Nav's employer contacts, Nav's proposals and
    wage subsidies during the programme (``Employer.applicants``, ``LabourMarket``), and no gap
    or avoidance of Nav at programme end (``Refugee.exit_programme``). Costs Nav's time for
    every participant Nav knows."""

    name = "early_nav"
    settings = EarlyNavSettings
    purpose = "Nav in the plan early: its measures during the programme, no gap after it"
    ladder = Ladder("entry_month", (1,))
    sensitivity = {"entry_month": (1, 24)}

    def monthly_cost(self) -> float:
        known = sum(1 for p in self.model.present_people if p.in_programme and p.nav_known)
        return known * self.s.cost_per_participant_month
