"""Mechanism tests for social life: arenas, ties, decay and loneliness (M3, M4, M12)."""

import numpy as np
import pytest

from model.enums import Activity, HouseholdType
from model.formulas import tie_language_factor
from model.params import VolunteerGroupSpec
from tests.builders import complete_programme, empty_model, settle


def _months_of_social_life(model, people, months):
    for _ in range(months):
        for p in people:
            p.household.grow_children()
            p.socialise()
            p.update_loneliness()
        model.month += 1


def test_m4_a_contact_adds_weight_and_repeated_contact_makes_a_tie():
    model = empty_model()
    person = settle(model).members[0]
    net, thr = model.network, model.p.social.tie_threshold
    local = person.household.neighbours[0]
    net.contact(person.node, local, 0.4, model.month)
    assert net.ties(person.node, thr) == (0, 0)
    net.contact(person.node, local, 0.4, model.month)
    net.contact(person.node, local, 0.4, model.month)
    assert net.ties(person.node, thr) == (1, 0)
    assert net.graph.edges[person.node, local]["weight"] == pytest.approx(1.2)


def test_m4_ties_decay_without_contact_and_fade_away():
    model = empty_model()
    person = settle(model).members[0]
    net = model.network
    local = person.household.neighbours[0]
    net.contact(person.node, local, 1.0, month=0)
    net.decay(person.node, 0.1, month=1, floor=model.p.social.tie_floor)
    assert net.graph.edges[person.node, local]["weight"] == pytest.approx(0.9)
    net.contact(person.node, local, 0.0, month=2)  # contact this month: no decay
    net.decay(person.node, 0.1, month=2, floor=model.p.social.tie_floor)
    assert net.graph.edges[person.node, local]["weight"] == pytest.approx(0.9)
    for month in range(3, 60):
        net.decay(person.node, 0.1, month=month, floor=model.p.social.tie_floor)
    assert not net.graph.has_edge(person.node, local)


def test_m4_language_scales_the_chance_a_contact_becomes_a_tie():
    sp = empty_model().p.social
    curve = (sp.tie_language_floor, sp.tie_language_level, sp.tie_language_cap)
    levels = [0.0, 1.0, 2.0, 3.0, 4.0]
    factors = [tie_language_factor(x, *curve) for x in levels]
    assert factors == sorted(factors)
    assert tie_language_factor(sp.tie_language_level, *curve) == pytest.approx(1.0)
    assert tie_language_factor(0.0, *curve) == pytest.approx(sp.tie_language_floor)
    assert sp.tie_language_floor < 0.3
    assert tie_language_factor(5.0, *curve) == pytest.approx(sp.tie_language_cap)


def _ties_after(model, people, months):
    _months_of_social_life(model, people, months)
    return np.mean([p.local_ties for p in people])


def test_m3_families_build_local_ties_faster_than_singles():
    model = empty_model()
    singles = [settle(model, HouseholdType.SINGLE_MAN).members[0] for _ in range(30)]
    parents = [
        settle(model, HouseholdType.SINGLE_PARENT, children=(7.0, 10.0)).members[0]
        for _ in range(30)
    ]
    for p in singles + parents:
        p.norwegian = 2.0
    _months_of_social_life(model, singles + parents, 24)
    single_ties = np.mean([p.local_ties for p in singles])
    parent_ties = np.mean([p.local_ties for p in parents])
    assert parent_ties > single_ties + 1.0


def test_m3_singles_with_few_ties_grow_lonely_families_much_less():
    model = empty_model()
    single = settle(model, HouseholdType.SINGLE_MAN).members[0]
    parent = settle(model, HouseholdType.FAMILY, children=(8.0,)).members[0]
    for _ in range(36):
        single.update_loneliness()
        parent.update_loneliness()
    assert single.loneliness > 0.9
    assert parent.loneliness < 0.3
    single.local_ties = 5  # enough local ties: loneliness recedes
    for _ in range(36):
        single.update_loneliness()
    assert single.loneliness < 0.1


def test_m4_remote_housing_without_a_car_cuts_contact_opportunities():
    model = empty_model()
    centre = [settle(model, HouseholdType.FAMILY, children=(8.0,)).members[0] for _ in range(25)]
    remote = [
        settle(model, HouseholdType.FAMILY, children=(8.0,), hamlet=1).members[0] for _ in range(25)
    ]
    for p in centre + remote:
        p.norwegian = 2.5
    _months_of_social_life(model, centre + remote, 24)
    assert np.mean([p.local_ties for p in centre]) > np.mean([p.local_ties for p in remote])


def test_m4_workplace_with_interaction_builds_ties_isolating_placement_does_not():
    model = empty_model()
    employer = model.employer_list[0]
    people = [settle(model).members[0] for _ in range(20)]
    for i, p in enumerate(people):
        complete_programme(p)
        p.norwegian = 2.5
        p.set_activity(Activity.WORK_PRACTICE, employer)
        p.placement_interaction = i % 2 == 0
        p.placement_end = 10_000
    _months_of_social_life(model, people, 12)

    def colleague_ties(p):
        # ties to colleagues who are not also the person's neighbours (met at home instead)
        only_at_work = set(p.colleagues) - set(p.household.neighbours)
        return [o for o in model.network.local_tie_ids(p.node, 0.0) if o in only_at_work]

    with_interaction = [len(colleague_ties(p)) for p in people[0::2]]
    without = [len(colleague_ties(p)) for p in people[1::2]]
    assert sum(with_interaction) > 0
    assert sum(without) == 0  # an isolating placement gives no contact with colleagues at all


def test_m4_immigrant_only_group_builds_co_ethnic_not_local_ties():
    def run(mixed):
        model = empty_model(
            volunteer_groups=[
                VolunteerGroupSpec(name="group", mixed=mixed, meetings_per_month=4.0).model_dump()
            ]
        )
        group = model.group_list[0]
        people = [settle(model).members[0] for _ in range(12)]
        for p in people:
            p.norwegian = 2.5
            p.group = group
            p.group_contacts = [int(x) for x in group.members[:6]]
            group.participants.append(p)
        _months_of_social_life(model, people, 18)
        group_locals = set(int(x) for x in group.members)
        local = sum(
            1 for p in people for o in model.network.local_tie_ids(p.node, 1.0) if o in group_locals
        )
        return local, np.mean([p.co_ethnic_ties for p in people])

    mixed_local, mixed_co = run(True)
    closed_local, closed_co = run(False)
    assert mixed_local > 5 and closed_local == 0
    assert closed_co > mixed_co


def test_m12_a_bridge_builder_opens_arenas_and_eases_loneliness():
    model = empty_model(**{"levers.bridge_builders.count": 1})
    bb = model.levers.bridge_builders.positions[0]
    bb.external_until = 10_000  # position filled
    people = [settle(model).members[0] for _ in range(24)]
    for p in people:
        p.norwegian = 2.0
    bb.serve()
    served = [p for p in people if p.bridge_builder is bb]
    assert len(served) == model.p.levers.bridge_builders.caseload
    others = [p for p in people if p.bridge_builder is None]
    _months_of_social_life(model, people, 18)
    assert np.mean([p.local_ties for p in served]) > np.mean([p.local_ties for p in others])
    assert np.mean([p.loneliness for p in served]) < np.mean([p.loneliness for p in others])


def test_m12_bridge_builders_take_singles_and_the_unsteady_first():
    model = empty_model(**{"levers.bridge_builders.count": 1, "levers.bridge_builders.caseload": 3})
    bb = model.levers.bridge_builders.positions[0]
    bb.external_until = 10_000
    family = settle(model, HouseholdType.FAMILY, children=(5.0,))
    singles = [settle(model).members[0] for _ in range(3)]
    bb.serve()
    assert all(p.bridge_builder is bb for p in singles)
    assert all(p.bridge_builder is None for p in family.members)
