"""A person's social life: contacts in each arena, ties, and loneliness (M3, M4, M12)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.enums import Adaptation, EventKind
from model.formulas import tie_language_factor

if TYPE_CHECKING:
    from model.model import BygdeModel


class SocialLife:
    """The rules of social life; mixed into :class:`Refugee`."""

    model: BygdeModel

    # ---- stage 7: social life (M3, M4, M12) ------------------------------------------------
    def socialise(self) -> None:
        """Contacts in each arena; repeated contact deepens into ties; ties decay (M3, M4)."""
        model, rng = self.model, self.rng_social
        sp, lv = model.p.social, model.p.levers
        hh, net, m, node = self.household, model.network, model.month, self.node
        outside = sp.remote_no_car if hh.remote_without_car else 1.0
        if self.adaptation is Adaptation.UNSTEADY:
            drive = sp.drive_unsteady
        elif self.adaptation is Adaptation.GO_GETTER:
            drive = sp.drive_go_getter
        else:
            drive = 1.0
        arenas: list[tuple[list[int], float]] = [(hh.neighbours, sp.neighbour_contacts)]
        if self.colleagues:
            at_work = self.in_paid_work or (
                self.activity.is_placement and self.placement_interaction
            )
            if at_work:
                arenas.append((self.colleagues, sp.workplace_contacts))
        if hh.school_parents:
            eg = lv.establishment_group
            arenas.append(
                (
                    hh.school_parents,
                    sp.school_contacts
                    * outside
                    * (
                        1.0 + lv.bridge_builders.school_contact_boost
                        if self.bridge_builder is not None
                        else 1.0
                    )
                    * (
                        eg.school_contact_boost
                        if hh.prepared and self.months_settled < eg.school_boost_months
                        else 1.0
                    ),
                )
            )
        if hh.club_parents:
            arenas.append((hh.club_parents, sp.club_contacts * outside))
        group = self.group
        if group is not None and group.mixed and self.group_contacts:
            meetings = group.meetings_per_month
            boost = lv.mixed_activities.contact_boost if group.designed else 1.0
            arenas.append((self.group_contacts, sp.group_contacts * meetings * boost * outside))
        if self.mentor is not None and m <= self.mentor_until:
            arenas.append(([self.mentor], sp.mentor_contacts))
        if self.bridge_builder is not None and self.bb_contacts:
            arenas.append((self.bb_contacts, sp.bridge_builder_contacts * outside))
        lang = tie_language_factor(
            self.norwegian, sp.tie_language_floor, sp.tie_language_level, sp.tie_language_cap
        )
        p_tie = sp.tie_chance * lang
        tie_step = sp.tie_step
        # the draws, bound once: the same calls in the same order as written out in full
        poisson, integers, random = rng.poisson, rng.integers, rng.random
        contact, has_tie = net.contact, net.has_tie
        for pool, rate in arenas:
            size = len(pool)
            for _ in range(poisson(rate * drive)):
                other = pool[int(integers(size))]
                gain = tie_step if random() < p_tie else 0.0
                if gain or has_tie(node, other):
                    contact(node, other, gain, m)
        # co-ethnic contacts: other refugees present, and immigrant-only groups (ch. 4.1),
        # and those settled in earlier years (model/settled.py)
        peers, settled = model.present_nodes, model.settled_nodes
        n_present = len(peers)
        n_peers = n_present + len(settled)
        co_rate = sp.co_ethnic_contacts * outside
        if group is not None and not group.mixed:
            co_rate += sp.group_contacts * group.meetings_per_month
        if n_peers > 1:
            known = net.co_ethnic_tie_ids(node)
            n_known = len(known)
            known_share = sp.co_ethnic_known_share
            co_gain = tie_step * sp.co_ethnic_tie_step
            for _ in range(poisson(co_rate)):
                if known and random() < known_share:  # mostly the same few
                    other = known[int(integers(n_known))]
                else:
                    i = int(integers(n_peers))
                    other = peers[i] if i < n_present else settled[i - n_present]
                if other != node:
                    contact(node, other, co_gain, m)
        before = self.local_ties
        self.local_ties, self.co_ethnic_ties = net.decay_and_count(
            node, sp.tie_decay, m, sp.tie_floor, sp.tie_threshold
        )
        if self.local_ties != before:
            change = self.local_ties - before
            self.log(
                EventKind.TIES,
                f"{'gained' if change > 0 else 'lost'} {abs(change)} local "
                f"tie{'s' if abs(change) > 1 else ''}; now {self.local_ties}",
                local_ties=self.local_ties,
            )

    def update_loneliness(self) -> None:
        """Loneliness grows when local ties stay low, most for singles with free time (M3)."""
        sp = self.model.p.social
        few = max(sp.lonely_ties, 1e-9)  # literal: guard against division by zero
        short = max(0.0, (sp.lonely_ties - self.local_ties) / few)
        hh = self.household.htype
        if hh.is_single:
            exposure = sp.lonely_exposure_single
        else:
            exposure = sp.lonely_exposure_family if hh.has_children else sp.lonely_exposure_couple
        if self.in_paid_work:
            exposure *= sp.lonely_exposure_in_work
        if self.adaptation is Adaptation.UNSTEADY:
            exposure *= sp.lonely_exposure_unsteady
        if self.bridge_builder is not None:
            # a trusted person to turn to (App. 4 pt 2)
            exposure *= self.model.p.levers.bridge_builders.loneliness_exposure
        full = sp.co_ethnic_comfort_ties
        co = min(self.co_ethnic_ties, full) / full
        target = min(1.0, short * exposure * (1.0 - sp.co_ethnic_comfort * co))
        self.loneliness += sp.loneliness_rate * (target - self.loneliness)
