"""Mechanism tests for the stay/move decision (M1, M2, M3, M14, M15).

Each builds one household, changes one thing, and checks the factor the rule applies."""

import math

import pytest

from model.enums import Activity, HouseholdType
from tests.builders import complete_programme, empty_model, settle, start_programme


def _post_programme_single(model):
    hh = settle(model, HouseholdType.SINGLE_MAN)
    complete_programme(hh.members[0])
    return hh


def test_m1_a_job_cuts_the_move_hazard_by_the_employed_factor():
    model = empty_model()
    hh = _post_programme_single(model)
    person = hh.members[0]
    idle = hh.move_hazard()
    person.set_activity(Activity.JOB)
    employed = hh.move_hazard()
    assert employed == pytest.approx(idle * model.p.moving.employed)
    assert employed < 0.5 * idle


def test_m1_a_partners_job_protects_the_whole_household():
    model = empty_model()
    hh = settle(model, HouseholdType.COUPLE)
    for p in hh.members:
        complete_programme(p)
    before = hh.move_hazard()
    hh.members[1].set_activity(Activity.JOB)
    assert hh.move_hazard() == pytest.approx(before * model.p.moving.employed)


def test_m1_idle_months_after_the_programme_raise_the_hazard():
    model = empty_model()
    hh = _post_programme_single(model)
    base = hh.move_hazard()
    hh.members[0].idle_months = 10
    mv = model.p.moving
    assert hh.move_hazard() == pytest.approx(base * (1 + mv.idle_per_month * 10))
    hh.members[0].idle_months = mv.idle_months_max + 50  # capped
    assert hh.move_hazard() == pytest.approx(base * (1 + mv.idle_per_month * mv.idle_months_max))


def test_m2_moving_is_suppressed_during_the_programme():
    model = empty_model()
    hh = settle(model, HouseholdType.SINGLE_MAN)
    person = hh.members[0]
    start_programme(person, month=10)
    inside = hh.move_hazard()
    complete_programme(person)
    person.set_activity(Activity.CLASS)  # same activity, only the status differs
    outside = hh.move_hazard()
    assert inside == pytest.approx(outside * model.p.moving.in_programme)


def test_m3_children_in_school_lower_the_hazard():
    model = empty_model()
    family = settle(model, HouseholdType.SINGLE_PARENT, children=(9.0,))
    complete_programme(family.members[0])
    with_school = family.move_hazard()
    family.children = [17.5]  # too old for school
    assert with_school == pytest.approx(family.move_hazard() * model.p.moving.children_school)


def test_m3_loneliness_raises_the_hazard():
    model = empty_model()
    hh = _post_programme_single(model)
    hh.members[0].loneliness = 0.0
    calm = hh.move_hazard()
    hh.members[0].loneliness = 1.0
    assert hh.move_hazard() == pytest.approx(calm * (1 + model.p.moving.lonely))


def test_m4_local_ties_lower_the_hazard_exponentially():
    model = empty_model()
    hh = _post_programme_single(model)
    base = hh.move_hazard()
    hh.members[0].local_ties = 5
    assert hh.move_hazard() == pytest.approx(base * math.exp(-model.p.moving.ties_beta * 5))


def test_m14_home_ownership_ties_the_household_to_the_place():
    model = empty_model()
    hh = _post_programme_single(model)
    renting = hh.move_hazard()
    hh.owner = True
    assert hh.move_hazard() == pytest.approx(renting * model.p.moving.owner)


def test_m14_remote_housing_without_a_car_raises_the_hazard():
    model = empty_model()
    centre = _post_programme_single(model)
    remote = settle(model, HouseholdType.SINGLE_MAN, hamlet=2)
    complete_programme(remote.members[0])
    assert remote.remote_without_car and not centre.remote_without_car
    assert remote.move_hazard() == pytest.approx(
        centre.move_hazard() * model.p.moving.remote_no_car
    )
    remote.members[0].licence = True
    assert remote.move_hazard() == pytest.approx(centre.move_hazard())


def test_m14_start_loans_lever_buys_homes_for_households_in_steady_work():
    model = empty_model(**{"levers.start_loans.loans_per_year": 12})
    hh = _post_programme_single(model)
    hh.members[0].set_activity(Activity.JOB)
    hh.members[0].activity_since = model.month - 13
    model.levers.start_loans.grant_loans()
    assert hh.owner
    assert model.costs.total["start_loans"] == model.p.levers.start_loans.cost_per_loan


def test_m15_hazard_is_the_product_of_named_factors():
    model = empty_model()
    hh = _post_programme_single(model)
    factors = hh.move_factors_now()
    product = model.p.moving.base_hazard * math.prod(f for _, f in factors)
    assert hh.move_hazard() == pytest.approx(product)
    names = {n for n, _ in factors}
    assert {"no_job", "few_ties", "lonely", "co_ethnic_pull", "adaptation"} <= names


def test_m15_movers_leave_with_their_reasons_recorded():
    # a hazard of several per month: a move this month is all but certain
    model = empty_model(**{"moving.base_hazard": 0.5, "moving.lonely": 5.0})
    hh = _post_programme_single(model)
    person = hh.members[0]
    person.idle_months = 12
    person.loneliness = 1.0
    assert hh.move_hazard() > 5
    hh.decide_to_move()
    assert hh.moved_month == model.month and person.moved_month == model.month
    assert person not in model.present_people and person in model.people
    factors = [d["factor"] for d in hh.move_factors]
    assert "no_job" in factors and "idle" in factors
    words = hh.reasons_in_words()
    assert "nobody in the household had paid work" in words
    assert person.history.of_kind("move")
    assert model.network.graph.nodes[person.node]["moved"] is True
