"""Fees for children's clubs paid by the municipality (ch. 4.1)."""

from __future__ import annotations

from model.fields import P, Section
from model.levers.base import Ladder, Lever


class ChildrenActivitySupportSettings(Section):
    enabled: bool = P(False, source="ch. 4.1")
    cost_per_child_month: float = P(300.0, ge=0, le=5000, unit="NOK/month")


class ChildrenActivitySupport(Lever):
    """Acts through households: children of school age join a club at once."""

    name = "children_activity_support"
    settings = ChildrenActivitySupportSettings
    purpose = "Fees for children's clubs paid"
    ladder = Ladder("enabled", (True,))

    def monthly_cost(self) -> float:
        if not self.s.enabled:
            return 0.0
        children = sum(
            len(h.children)
            for h in self.model.households
            if h.moved_month is None and h.children_in_club
        )
        return children * self.s.cost_per_child_month
