"""An establishment group: neighbours and school prepared before a household arrives
(ch. 6.3.2, Sel)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.enums import EventKind
from model.fields import P, Section
from model.levers.base import Ladder, Lever

if TYPE_CHECKING:
    from model.agents.household import Household


class EstablishmentGroupSettings(Section):
    enabled: bool = P(
        False,
        source="ch. 6.3.2 (Sel)",
        doc="Neighbours and school prepared before a household arrives",
    )
    ties_at_arrival: int = P(2, ge=0, le=10, unit="acquaintances")
    cost_per_household: float = P(15000.0, ge=0, le=200000, unit="NOK/household")
    school_contact_boost: float = P(
        1.3,
        ge=1,
        le=3,
        unit="multiplier",
        doc="School contacts of a prepared household in its first year",
    )
    school_boost_months: int = P(
        12, ge=0, le=60, unit="months settled", doc="How long the school boost lasts"
    )


class EstablishmentGroup(Lever):
    """Each settling household meets its first neighbours before arrival."""

    name = "establishment_group"
    settings = EstablishmentGroupSettings
    purpose = "Neighbours and school prepared before a household arrives"
    ladder = Ladder("enabled", (True,))

    def welcome(self, household: Household) -> None:
        if not self.s.enabled:
            return
        model = self.model
        household.prepared = True
        k = self.s.ties_at_arrival
        for person in household.members:
            for local in household.neighbours[:k]:
                model.network.contact(person.node, local, model.p.social.tie_threshold, model.month)
            person.log(EventKind.SOCIAL, f"neighbours prepared before arrival ({k} acquaintances)")
        self.spend(self.s.cost_per_household)
