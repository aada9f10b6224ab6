"""One integration leader across the four units (App. 4, summary)."""

from __future__ import annotations

from model.fields import P, Section
from model.levers.base import Ladder, Lever


class IntegrationLeaderSettings(Section):
    enabled: bool = P(False, source="App. 4 summary")
    coordination_boost: float = P(0.35, ge=0, le=1, unit="coordination index")
    cost_per_month: float = P(70000.0, ge=0, le=300000, unit="NOK/month")


class IntegrationLeader(Lever):
    """Acts through the units' coordination."""

    name = "integration_leader"
    settings = IntegrationLeaderSettings
    purpose = "One leader across the four units"
    ladder = Ladder("enabled", (True,))

    def coordination_gain(self, base: float) -> float:
        return base + (self.s.coordination_boost if self.s.enabled else 0.0)

    def monthly_cost(self) -> float:
        return self.s.cost_per_month if self.s.enabled else 0.0
