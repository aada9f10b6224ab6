"""Mechanism tests for the stay/move decision (M1, M2, M3, M14, M15).

Each builds one household, changes one thing, and checks the anchor or reason the rule applies.
The decision is competing risks: hazard(reason) = base x anchors x push(reason)."""

import math

import pytest

from model.enums import Activity, HireChannel, HouseholdType, MoveReason, Sex
from tests.builders import (
    adult,
    complete_programme,
    empty_model,
    settle,
    small_params,
    start_programme,
)


def _post_programme_single(model):
    hh = settle(model, HouseholdType.SINGLE_MAN)
    complete_programme(hh.members[0])
    return hh


def test_m1_a_job_anchors_every_reason_and_removes_the_job_and_idleness_pushes():
    model = empty_model()
    hh = _post_programme_single(model)
    person = hh.members[0]
    person.idle_months = 6
    idle = hh.move_hazards()
    assert idle[MoveReason.JOB_ELSEWHERE] > 0 and idle[MoveReason.IDLENESS] > 0
    person.set_activity(Activity.JOB)
    employed = hh.move_hazards()
    mv = model.p.moving
    assert employed[MoveReason.JOB_ELSEWHERE] == 0 and employed[MoveReason.IDLENESS] == 0
    for reason in (MoveReason.OTHER, MoveReason.KIN_CITY, MoveReason.ISOLATION):
        assert employed[reason] == pytest.approx(idle[reason] * mv.employed)
    assert hh.move_hazard() < mv.employed * sum(idle.values())


def test_m1_taking_a_job_in_the_programme_never_raises_the_move_risk():
    model = empty_model()
    hh = settle(model, HouseholdType.SINGLE_MAN)
    person = hh.members[0]
    start_programme(person, month=14)
    person.loneliness = 0.8
    inside = hh.move_hazard()
    person.take_job(model.employer_list[0], False, HireChannel.OPEN_APPLICATION)
    assert not person.in_programme  # the job ended the programme ...
    assert hh.move_hazard() <= inside  # ... but not the protection against moving


def test_m1_the_schema_refuses_a_job_anchor_weaker_than_the_programmes():
    with pytest.raises(ValueError, match="never raises"):
        small_params(**{"moving.employed": 0.5, "moving.in_programme": 0.05})


def test_m1_a_partners_job_protects_the_whole_household():
    model = empty_model()
    hh = settle(model, HouseholdType.COUPLE)
    for p in hh.members:
        complete_programme(p)
    before = hh.move_hazards()
    hh.members[1].set_activity(Activity.JOB)
    after = hh.move_hazards()
    assert after[MoveReason.OTHER] == pytest.approx(
        before[MoveReason.OTHER] * model.p.moving.employed
    )
    assert after[MoveReason.JOB_ELSEWHERE] == 0


def test_m1_idle_months_after_the_programme_push_to_leave_from_idleness():
    model = empty_model()
    hh = _post_programme_single(model)
    mv = model.p.moving
    unit = hh.move_hazards()[MoveReason.OTHER]  # base x anchors
    assert hh.move_hazards()[MoveReason.IDLENESS] == 0
    hh.members[0].idle_months = 10
    assert hh.move_hazards()[MoveReason.IDLENESS] == pytest.approx(unit * mv.idle_per_month * 10)
    hh.members[0].idle_months = mv.idle_months_max + 50  # capped
    assert hh.move_hazards()[MoveReason.IDLENESS] == pytest.approx(
        unit * mv.idle_per_month * mv.idle_months_max
    )


def test_m1_health_benefits_take_away_the_job_and_idleness_pushes_in_part():
    """An adult out of work with a health burden lives on health-related benefits: the
    job-elsewhere and idleness pushes act on them only by ``health_benefits_push``; the other
    reasons are untouched, and a healthy partner's idle months still push the household."""

    def idle_single(health_burden: bool, share: float):
        model = empty_model(**{"moving.health_benefits_push": share})
        hh = settle(model, HouseholdType.SINGLE_MAN, adults=[adult(health_burden=health_burden)])
        complete_programme(hh.members[0])
        hh.members[0].idle_months = 10
        return model, hh.move_hazards()

    model, healthy = idle_single(False, 0.0)
    mv = model.p.moving
    unit = healthy[MoveReason.OTHER]
    assert healthy[MoveReason.JOB_ELSEWHERE] == pytest.approx(unit * mv.job_elsewhere)
    assert healthy[MoveReason.IDLENESS] == pytest.approx(unit * mv.idle_per_month * 10)
    _, burdened = idle_single(True, 0.0)
    assert burdened[MoveReason.JOB_ELSEWHERE] == 0 and burdened[MoveReason.IDLENESS] == 0
    for reason in (MoveReason.OTHER, MoveReason.KIN_CITY, MoveReason.ISOLATION):
        assert burdened[reason] == pytest.approx(healthy[reason])
    _, half = idle_single(True, 0.5)
    assert half[MoveReason.JOB_ELSEWHERE] == pytest.approx(healthy[MoveReason.JOB_ELSEWHERE] / 2)
    assert half[MoveReason.IDLENESS] == pytest.approx(healthy[MoveReason.IDLENESS] / 2)
    # a couple: the burdened partner is idle longer, the healthy one's months still count
    model = empty_model(**{"moving.health_benefits_push": 0.0})
    hh = settle(
        model,
        HouseholdType.COUPLE,
        adults=[adult(health_burden=True), adult(Sex.WOMAN, health_burden=False)],
    )
    for p in hh.members:
        complete_programme(p)
    hh.members[0].idle_months, hh.members[1].idle_months = 20, 4
    both = hh.move_hazards()
    assert both[MoveReason.IDLENESS] == pytest.approx(
        both[MoveReason.OTHER] * model.p.moving.idle_per_month * 4
    )
    assert both[MoveReason.JOB_ELSEWHERE] == pytest.approx(
        both[MoveReason.OTHER] * model.p.moving.job_elsewhere
    )


def test_m2_moving_is_suppressed_during_the_programme():
    model = empty_model()
    hh = settle(model, HouseholdType.SINGLE_MAN)
    person = hh.members[0]
    start_programme(person, month=10)
    inside = hh.move_hazards()
    complete_programme(person)
    person.set_activity(Activity.CLASS)  # same activity, only the status differs
    outside = hh.move_hazards()
    mv = model.p.moving
    assert inside[MoveReason.OTHER] == pytest.approx(outside[MoveReason.OTHER] * mv.in_programme)
    # no job or idleness push while the programme lasts
    assert inside[MoveReason.JOB_ELSEWHERE] == 0 and outside[MoveReason.JOB_ELSEWHERE] > 0


def test_m3_children_in_school_lower_the_hazard():
    model = empty_model()
    family = settle(model, HouseholdType.SINGLE_PARENT, children=(9.0,))
    complete_programme(family.members[0])
    with_school = family.move_hazard()
    family.children = [17.5]  # too old for school
    assert with_school == pytest.approx(family.move_hazard() * model.p.moving.children_school)


def test_m15_local_co_ethnic_ties_damp_the_pull_towards_a_city():
    model = empty_model()
    hh = _post_programme_single(model)
    mv = model.p.moving
    unit = hh.move_hazards()[MoveReason.OTHER]
    assert hh.move_hazards()[MoveReason.KIN_CITY] == pytest.approx(unit * mv.co_ethnic_pull)
    hh.members[0].co_ethnic_ties = 3
    assert hh.move_hazards()[MoveReason.KIN_CITY] == pytest.approx(
        unit * mv.co_ethnic_pull * math.exp(-3 / mv.co_ethnic_scale)
    )


def test_m3_loneliness_raises_the_hazard():
    model = empty_model()
    hh = _post_programme_single(model)
    hh.members[0].loneliness = 0.0
    calm = hh.move_hazards()
    assert calm[MoveReason.ISOLATION] == 0
    hh.members[0].loneliness = 1.0
    assert hh.move_hazards()[MoveReason.ISOLATION] == pytest.approx(
        calm[MoveReason.OTHER] * model.p.moving.lonely
    )


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


def test_m15_hazard_is_the_sum_of_the_competing_reasons():
    model = empty_model()
    hh = _post_programme_single(model)
    hh.members[0].loneliness = 0.5
    hazards = hh.move_hazards()
    assert set(hazards) == set(MoveReason)
    assert hh.move_hazard() == pytest.approx(sum(hazards.values()))
    scale = model.p.moving.base_hazard * math.prod(f for _, f in hh.anchors_now())
    assert hazards[MoveReason.OTHER] == pytest.approx(scale)


def test_m15_the_drawn_number_picks_the_reason_by_its_share_of_the_hazard():
    # a household pushed only by idleness (other pushes off) leaves from idleness
    model = empty_model(
        **{
            "moving.base_hazard": 0.5,
            "moving.co_ethnic_pull": 0.0,
            "moving.job_elsewhere": 0.0,
            "moving.education_elsewhere": 0.0,
            "moving.lonely": 0.0,
            "moving.idle_per_month": 1.0,
        }
    )
    hh = _post_programme_single(model)
    hh.members[0].idle_months = 24
    hazards = hh.move_hazards()
    total = sum(hazards.values())
    p_move = 1 - math.exp(-total)
    share_other = hazards[MoveReason.OTHER] / total
    hh.move_draws[model.month] = p_move * (share_other + 0.5 * (1 - share_other))
    hh.decide_to_move()
    assert hh.move_reason is MoveReason.IDLENESS
    # the same household with a draw in the background share leaves for 'other'
    other = _post_programme_single(model)
    other.members[0].idle_months = 24
    other.move_draws[model.month] = p_move * share_other * 0.5
    other.decide_to_move()
    assert other.move_reason is MoveReason.OTHER


def test_m15_movers_leave_with_their_reasons_recorded():
    # a hazard of several per month: a move this month is all but certain
    model = empty_model(**{"moving.base_hazard": 0.5, "moving.lonely": 5.0})
    hh = _post_programme_single(model)
    person = hh.members[0]
    person.idle_months = 12
    person.loneliness = 1.0
    assert hh.move_hazard() > 3
    hh.move_draws[model.month] = 0.0
    hh.decide_to_move()
    assert hh.moved_month == model.month and person.moved_month == model.month
    assert person not in model.present_people and person in model.people
    factors = [d["factor"] for d in hh.move_factors]
    assert "isolation" in factors and "idleness" in factors and "job_elsewhere" in factors
    assert hh.move_reason in set(MoveReason)
    words = hh.reasons_in_words()
    assert hh.move_reason.destination in words
    move = person.history.of_kind("move")
    assert move and move[-1].data["reason"] == str(hh.move_reason)
    assert model.network.graph.nodes[person.node]["moved"] is True
