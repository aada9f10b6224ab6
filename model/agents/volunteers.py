"""Volunteer groups: arenas that build local ties only when they mix (M4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from mesa import Agent

from model.enums import EventKind, Sex
from model.params import VolunteerGroupSpec

if TYPE_CHECKING:
    from model.agents.refugee import Refugee
    from model.model import BygdeModel


class VolunteerGroup(Agent):
    """A Red Cross café, volunteer centre, sports club, crafts or youth group."""

    model: BygdeModel

    def __init__(
        self, model: BygdeModel, spec: VolunteerGroupSpec, members: np.ndarray, designed: bool
    ) -> None:
        super().__init__(model)
        self.name = spec.name
        self.kind = spec.kind
        self.mixed = spec.mixed or designed
        self.designed = designed  # converted by the mixed_activities lever
        self.capacity = spec.capacity
        self.meetings_per_month = spec.meetings_per_month
        self.older_women_profile = spec.older_women_profile
        self.fee = spec.fee
        self.members = members
        self.participants: list[Refugee] = []
        self.stream = model.streams.stream("group", spec.name)
        self.node = model.network.add_group(
            self.unique_id, members, name=spec.name, mixed=self.mixed
        )

    def recruit(self) -> None:
        """Newcomers join if there is room; older-women groups rarely reach young men
        (ch. 6.3.1); fees keep some out (ch. 4.1)."""
        sp = self.model.p.social
        self.participants = [p for p in self.participants if p.moved_month is None]
        room = self.capacity - len(self.participants)
        if room <= 0:
            return
        for person in self.model.present_people:
            if room <= 0:
                break
            if person.group is not None:
                continue
            p = sp.group_join_rate
            if self.older_women_profile and person.sex is Sex.MAN and person.is_single:
                p *= sp.group_reach_young_men
            if self.fee:
                p *= sp.group_fee_factor
            if person.household.remote_without_car:
                p *= sp.remote_no_car
            if person.rng_social.random() < p:
                person.group = self
                n = min(sp.group_locals_met, len(self.members))
                person.group_contacts = [
                    int(x) for x in self.stream.choice(self.members, size=n, replace=False)
                ]
                self.participants.append(person)
                room -= 1
                person.log(
                    EventKind.SOCIAL,
                    f"joins {self.name}{'' if self.mixed else ' (immigrants only)'}",
                )
