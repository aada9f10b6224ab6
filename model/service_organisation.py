"""How the four service units work together this month: coordination, follow-up of
placements and the capacity to arrange placements (M11, ch. 6.1.2, 6.2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.enums import Placement

if TYPE_CHECKING:
    from model.model import BygdeModel


class ServiceOrganisation:
    def __init__(self, model: BygdeModel) -> None:
        self.model = model
        sp = model.p.services
        self.coordination = sp.coordination
        self.follow_up = sp.follow_up
        self.placement_slots = 0.0

    def organise(self) -> None:
        """Coordination (raised by an integration leader, joint meetings and a shared plan),
        follow-up (squeezed when caseworkers are overloaded) and placement slots (M11)."""
        model = self.model
        sp, lv = model.p.services, model.levers
        base = lv.integration_leader.coordination_gain(sp.coordination)
        self.coordination = min(1.0, lv.shared_ip_and_meetings.coordination_gain(base))
        participants = sum(1 for p in model.present_people if p.in_programme)
        load = participants * sp.hours_per_participant
        pressure = 1.0 if load <= sp.caseworker_hours else sp.caseworker_hours / load
        contact = model.p.levers.employer_contact
        self.follow_up = min(
            1.0, sp.follow_up * pressure + contact.follow_up_boost * contact.persons
        )
        slots = sp.placement_hours_share * sp.caseworker_hours * pressure / sp.hours_per_placement
        if sp.placement_owner is Placement.UNCLEAR:
            # a hot potato between units (ch. 6.1.2)
            kept = sp.unclear_owner_capacity
            slots *= kept + (1.0 - kept) * self.coordination
        self.placement_slots = slots
