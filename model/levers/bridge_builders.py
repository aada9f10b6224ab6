"""Bicultural bridge-builders: part-time staff who are former refugees (M12, App. 4 pt 2)."""

from __future__ import annotations

from model.agents.bridge_builder import BridgeBuilder
from model.enums import Stage
from model.fields import P, Section
from model.levers.base import Ladder, Lever


class BridgeBuildersSettings(Section):
    count: int = P(0, ge=0, le=20, unit="persons", source="App. 4 pt 2")
    caseload: int = P(12, ge=1, le=60, unit="participants each")
    fte: float = P(0.5, ge=0.1, le=1, unit="FTE")
    ip_boost: float = P(
        0.5,
        ge=0,
        le=3,
        unit="relative",
        source="App. 4 pt 1-2",
        doc="Faster IP quality gain (honest answers to a trusted person)",
    )
    recruit_level: float = P(
        3.0, ge=1, le=4, unit="CEFR level", doc="Norwegian needed to be recruited (B1)"
    )
    recruit_months: int = P(36, ge=0, le=120, unit="months settled")
    cost_per_month: float = P(48000.0, ge=0, le=200000, unit="NOK/month at 1 FTE")
    external_contract_months: int = P(
        24,
        ge=1,
        le=120,
        unit="months",
        doc="Contract of an earlier-settled resident hired when no participant qualifies",
    )
    introduction_pool: int = P(
        30, ge=3, le=500, unit="locals", doc="Locals a bridge-builder can introduce people to"
    )
    introductions: int = P(3, ge=0, le=30, unit="locals", doc="Locals introduced to each newcomer")
    language_boost_months: int = P(
        18,
        ge=0,
        le=120,
        unit="months settled",
        doc="How long language.bridge_builder_gain speeds up learning",
    )
    loneliness_exposure: float = P(
        0.8,
        ge=0,
        le=1,
        unit="multiplier",
        source="App. 4 pt 2",
        doc="Loneliness exposure with a trusted person to turn to",
    )
    matching_boost: float = P(
        0.3,
        ge=0,
        le=2,
        unit="relative",
        source="App. 4 pt 2 (employer matching); assumption on size",
        doc="Better placement matching for the bridge-builder's caseload",
    )
    follow_up_boost: float = P(
        0.3,
        ge=0,
        le=1,
        unit="probability added",
        source="App. 4 pt 2 (follow-up at the workplace); assumption on size",
        doc="Added chance a placement of the caseload is followed up",
    )
    school_contact_boost: float = P(
        0.5,
        ge=0,
        le=3,
        unit="relative",
        source="App. 4 pt 2 (two-way translation at school and health services); assumption",
        doc="More contact with other parents at school for the caseload's parents",
    )
    intake_months: int = P(
        24, ge=1, le=120, unit="months settled", doc="Newcomers taken on up to this time"
    )
    support_months: int = P(
        36, ge=1, le=120, unit="months settled", doc="People followed up to this time"
    )


class BridgeBuilders(Lever):
    """Positions held by the municipality's own refugees when one qualifies (settled before the
    run or arrived in it), otherwise by someone hired from outside; each takes newcomers up to a
    caseload. Pathways (App. 4 pt 1-2): honest answers in the plan (``ip_boost``), a trusted
    person to raise problems (``loneliness_exposure``), employer matching and follow-up of
    placements (``matching_boost``, ``follow_up_boost``), and two-way translation at school
    and health services (``school_contact_boost``)."""

    name = "bridge_builders"
    settings = BridgeBuildersSettings
    purpose = "Bicultural staff recruited from well-settled former refugees"
    ladder = Ladder("count", (2, 4, 6))
    sensitivity = {"count": (0, 4)}
    acts_in = {Stage.SERVICES: "serve", Stage.LABOUR_MARKET: "recruit"}

    def __init__(self, model) -> None:
        super().__init__(model)
        self.positions = [BridgeBuilder(model, i) for i in range(self.s.count)]
        self.months_own = 0  # position-months held by the municipality's own refugees
        self.months_external = 0  # position-months held by someone hired from outside

    def serve(self) -> None:
        for position in self.positions:
            position.serve()

    def recruit(self) -> None:
        for position in self.positions:
            position.recruit()
            if position.own:
                self.months_own += 1
            elif position.filled:
                self.months_external += 1

    def monthly_cost(self) -> float:
        filled = sum(1 for b in self.positions if b.filled)
        return filled * self.s.fte * self.s.cost_per_month
