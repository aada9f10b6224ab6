"""Volunteer activities designed for meeting locals (ch. 4.1, 4.4)."""

from __future__ import annotations

from model.fields import P, Section
from model.levers.base import Ladder, Lever


class MixedActivitiesSettings(Section):
    share: float = P(
        0.0,
        ge=0,
        le=1,
        unit="share of groups",
        source="ch. 4.1, 4.4",
        doc="Share of volunteer activities designed for meeting locals",
    )
    cost_per_group_month: float = P(3000.0, ge=0, le=50000, unit="NOK/month")
    contact_boost: float = P(
        1.5,
        ge=1,
        le=5,
        unit="multiplier",
        doc="Contacts per meeting in a group designed for meeting locals",
    )


class MixedActivities(Lever):
    """Redesigns a share of the volunteer groups (immigrant-only ones first) when the model is
    built; designed groups mix and give more contacts per meeting."""

    name = "mixed_activities"
    settings = MixedActivitiesSettings
    purpose = "Volunteer activities designed for meeting locals"
    ladder = Ladder("share", (1.0,))
    sensitivity = {"share": (0.0, 1.0)}

    @staticmethod
    def designed_groups(specs: list, share: float) -> set[int]:
        """Indices of the groups the lever redesigns: immigrant-only ones first."""
        order = sorted(range(len(specs)), key=lambda i: (specs[i].mixed, i))
        return set(order[: int(round(len(order) * share))])

    def monthly_cost(self) -> float:
        designed = sum(1 for g in self.model.group_list if g.designed)
        return designed * self.s.cost_per_group_month
