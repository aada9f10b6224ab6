"""Bicultural bridge-builders: part-time municipal staff who are former refugees (M12)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesa import Agent

from model.enums import Activity, Adaptation, EventKind, HireChannel
from model.settled import SettledRefugee

if TYPE_CHECKING:
    from model.agents.refugee import Refugee
    from model.model import BygdeModel


class BridgeBuilder(Agent):
    """A bridge-builder position. Held by one of the municipality's own refugees when one
    qualifies (B1 Norwegian; for the run's arrivals also several years settled; not in a job
    or education), otherwise by someone hired from outside on a fixed-term contract."""

    model: BygdeModel

    def __init__(self, model: BygdeModel, index: int) -> None:
        super().__init__(model)
        self.index = index
        self.holder: Refugee | None = None  # one of the run's own arrivals
        self.settled_holder: SettledRefugee | None = None  # one settled before the run
        self.external_until = -1
        self.caseload: list[Refugee] = []
        self.stream = model.streams.stream("bridge_builder", index)
        # the locals a bridge-builder can introduce people to: a broad pool in the centre
        pool = model.p.levers.bridge_builders.introduction_pool
        self.arena = [
            int(x) for x in self.stream.choice(model.network.n_locals, size=pool, replace=False)
        ]

    @property
    def own(self) -> bool:
        """Held by one of the municipality's own refugees (a newcomer of the run or one
        settled in earlier years)."""
        return self.holder is not None or self.settled_holder is not None

    @property
    def filled(self) -> bool:
        return self.own or self.model.month < self.external_until

    def recruit(self) -> None:
        """Fill a vacant position from the municipality's own well-settled refugees (those
        settled before the run and the run's own arrivals with B1 and years here), never
        pulling anyone out of paid work or education; otherwise hire from outside on a
        fixed-term contract (App. 4 pt 2)."""
        if self.holder is not None and (
            self.holder.moved_month is not None
            or self.holder.activity is not Activity.BRIDGE_BUILDER
        ):
            self.holder = None
        if self.filled:
            return
        bb = self.model.p.levers.bridge_builders
        own: list[Refugee | SettledRefugee] = [
            s
            for s in self.model.settled
            if s.norwegian >= bb.recruit_level and not s.employed and not s.bridge_builder
        ]
        own += [
            p
            for p in self.model.present_people
            if p.norwegian >= bb.recruit_level
            and p.months_settled >= bb.recruit_months
            and not p.in_paid_work
            and p.activity is not Activity.EDUCATION
            and not p.caring
        ]
        if not own:
            self.external_until = self.model.month + bb.external_contract_months
            return
        person = own[int(self.stream.integers(len(own)))]
        if isinstance(person, SettledRefugee):
            person.bridge_builder = True
            self.settled_holder = person
            return
        person.set_activity(Activity.BRIDGE_BUILDER)
        person.hires.append((self.model.month, HireChannel.BRIDGE_BUILDER_POST))
        person.log(EventKind.JOB, "employed part-time as a bicultural bridge-builder")
        self.holder = person

    def serve(self) -> None:
        """Take on newcomers up to the caseload, singles and the unsteady first (M12)."""
        bb = self.model.p.levers.bridge_builders
        keep = [
            p
            for p in self.caseload
            if p.moved_month is None and p.months_settled < bb.support_months
        ]
        for p in self.caseload:
            if p not in keep:
                p.bridge_builder = None
        self.caseload = keep
        if not self.filled:
            for p in self.caseload:
                p.bridge_builder = None
            self.caseload = []
            return
        room = bb.caseload - len(self.caseload)
        if room <= 0:
            return
        waiting = [
            p
            for p in self.model.present_people
            if p.bridge_builder is None
            and p.months_settled < bb.intake_months
            and p is not self.holder
        ]
        waiting.sort(
            key=lambda p: (
                not p.is_single,
                p.adaptation is not Adaptation.UNSTEADY,
                p.arrival_month,
                p.pid,
            )
        )
        for person in waiting[:room]:
            person.bridge_builder = self
            # introductions: a few locals the person will meet again and again
            picks = self.stream.choice(len(self.arena), size=bb.introductions, replace=False)
            person.bb_contacts = [self.arena[int(i)] for i in picks]
            self.caseload.append(person)
            person.log(EventKind.SERVICES, "gets a bicultural bridge-builder")
