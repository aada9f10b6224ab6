"""Service units: the refugee service, the learning centre, Nav and the career centre (M6, M7,
M11)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesa import Agent

from model.agents.employer import sector_weights
from model.enums import Activity, EventKind, Placement, ProgrammeStatus

if TYPE_CHECKING:
    from model.agents.employer import Employer
    from model.agents.refugee import Refugee
    from model.model import BygdeModel

UNITS = ("refugee_service", "learning_centre", "nav", "career_centre")
UNCLEAR_OWNERS = ("refugee_service", "learning_centre", "nav")  # when no unit owns placement
OWNING_UNIT = {
    Placement.REFUGEE_SERVICE: "refugee_service",
    Placement.LEARNING_CENTRE: "learning_centre",
    Placement.NAV: "nav",
}


class ServiceUnit(Agent):
    """One of the four units, with its caseworker hours and staff turnover."""

    model: BygdeModel

    def __init__(self, model: BygdeModel, name: str) -> None:
        super().__init__(model)
        self.name = name
        self.hours = model.p.services.caseworker_hours * model.p.services.unit_hours_share[name]
        self.turnover_events = 0
        self.placements_made = 0
        self.stream = model.streams.stream("service", name)

    @property
    def owns_placement(self) -> bool:
        owner = self.model.p.services.placement_owner
        if owner is Placement.UNCLEAR:
            return self.name in UNCLEAR_OWNERS
        return OWNING_UNIT[owner] == self.name

    @property
    def caseload(self) -> int:
        """Participants this unit follows (the career centre only those near education)."""
        people = self.model.present_people
        if self.name == "nav":
            return sum(1 for p in people if p.nav_known)
        if self.name == "career_centre":
            return sum(1 for p in people if p.activity is Activity.EDUCATION)
        return sum(1 for p in people if p.in_programme)

    # ---- stage 2 ---------------------------------------------------------------------------
    def lose_staff(self) -> None:
        """Key staff leave: tacit knowledge and IP quality are lost (M11, App. 4)."""
        sp = self.model.p.services
        if self.stream.random() >= sp.staff_turnover_per_year / 12.0:
            return
        self.turnover_events += 1
        ip = self.model.p.levers.shared_ip_and_meetings
        loss = (
            sp.turnover_ip_loss
            * (1.0 - sp.turnover_coordination_shield * self.model.services.coordination)
            * (ip.turnover_loss_factor if ip.shared_digital_ip else 1.0)
        )
        for person in self.model.present_people:
            if person.in_programme:
                person.ip_quality *= 1.0 - loss
                person.log(
                    EventKind.SERVICES,
                    f"a caseworker at the {self.name.replace('_', ' ')} "
                    f"leaves; IP quality falls to {person.ip_quality:.2f}",
                )

    # ---- stage 3 ---------------------------------------------------------------------------
    def place_participants(self) -> None:
        """Place participants in practice: matched by the IP, or wherever there is room (M7)."""
        if not self.owns_placement:
            return
        model = self.model
        sp, lv = model.p.services, model.p.levers
        owners = len(UNCLEAR_OWNERS) if sp.placement_owner is Placement.UNCLEAR else 1
        slots = model.services.placement_slots / owners
        slots = int(slots) + (self.stream.random() < slots - int(slots))
        start, ladder_level = sp.placement_start_month, lv.low_threshold_ladder.placement_level
        class_, low_threshold = Activity.CLASS, Activity.LOW_THRESHOLD
        waiting = [
            p
            for p in model.present_people
            if (
                p.activity is class_
                or (p.activity is low_threshold and not p.norwegian < ladder_level)
            )
            and p.programme_month >= start
            and p.in_programme
        ]
        order = self.stream.permutation(len(waiting))
        if not slots or not waiting:
            return
        free = [e for e in model.employer_list if e.free_places > 0]
        for i in order[:slots]:
            person = waiting[int(i)]
            p_match = person.ip_quality
            if person.nav_known:
                p_match *= 1.0 + lv.early_nav.matching_boost
            if person.bridge_builder is not None:
                p_match *= 1.0 + lv.bridge_builders.matching_boost
            if person.status is ProgrammeStatus.EXTENDED:
                p_match *= 1.0 + lv.third_programme_year.specialist_boost
            p_match = min(
                sp.match_chance_max,
                p_match + lv.employer_contact.matching_boost * lv.employer_contact.persons,
            )
            matched = person.rng_services.random() < p_match
            if self.try_place(person, matched, free):
                self.placements_made += 1
                # only the employer just taken lost a place (nothing else changes meanwhile)
                if person.employer.free_places <= 0:
                    free.remove(person.employer)

    def try_place(self, person: Refugee, matched: bool, free: list[Employer]) -> bool:
        """Try a few employers with free places; they accept by trust and language."""
        if not free:
            return False
        sp = self.model.p.services
        weights = sector_weights(free, person.goal if matched else None, sp.room_weight_care)
        if matched and weights.sum() == 0:
            matched = False  # no room in the person's field: placed where there is room
            weights = sector_weights(free, None, sp.room_weight_care)
        weights = weights / weights.sum()
        trusting, speaking = sp.acceptance_at_no_trust, sp.acceptance_at_no_norwegian
        for _ in range(sp.placement_tries):
            employer: Employer = free[int(self.stream.choice(len(free), p=weights))]
            accept = (trusting + (1.0 - trusting) * employer.trust) * (
                speaking + (1.0 - speaking) * min(1.0, person.norwegian / sp.acceptance_full_level)
            )
            if self.stream.random() < accept:
                person.start_placement(employer, matched)
                return True
        return False
