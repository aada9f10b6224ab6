"""Mechanism tests for services: the individual plan, Nav timing, capacity and turnover
(M6, M9, M11, M12)."""

import pytest

from model.enums import Activity, HireChannel, Placement, ProgrammeStatus
from tests.builders import empty_model, settle, start_programme


def _participant(model, month=1):
    person = settle(model).members[0]
    start_programme(person, month)
    return person


def test_m6_ip_quality_rises_at_meetings_only():
    model = empty_model()
    sp = model.p.services
    person = _participant(model, month=2)  # no meeting in month 2 (meetings: 1, 7, 13, 19)
    q0 = person.ip_quality
    person.attend_ip_meeting()
    assert person.ip_quality == q0
    person.programme_month = 7
    person.attend_ip_meeting()
    expected = q0 + sp.ip_gain_per_meeting * (1 + 0.8 * model.services.coordination) * (1 - q0)
    assert person.ip_quality == pytest.approx(expected)
    assert person.history.of_kind("ip_meeting")


@pytest.mark.parametrize(
    "setting",
    [
        {"levers.shared_ip_and_meetings.shared_digital_ip": True},
        {"services.visual_ip": True},
        {"services.coordination": 0.9},
    ],
)
def test_m6_shared_visual_and_coordinated_plans_improve_faster(setting):
    def gain(**flat):
        model = empty_model(**flat)
        model.services.organise()
        person = _participant(model)
        q0 = person.ip_quality
        person.attend_ip_meeting()
        return person.ip_quality - q0

    assert gain(**setting) > 1.2 * gain()


def test_m6_m11_staff_turnover_loses_ip_quality():
    model = empty_model(**{"services.staff_turnover_per_year": 1.0})
    person = _participant(model)
    person.ip_quality = 0.8
    unit = model.service_units["refugee_service"]
    for _ in range(60):  # a monthly chance of 1/12: some loss is all but certain
        unit.lose_staff()
        if unit.turnover_events:
            break
    sp = model.p.services
    shield = sp.turnover_coordination_shield
    expected = 0.8 * (1 - sp.turnover_ip_loss * (1 - shield * model.services.coordination))
    assert unit.turnover_events == 1
    assert person.ip_quality == pytest.approx(expected)


def test_m9_nav_joins_at_the_first_meeting_from_its_entry_month():
    model = empty_model(**{"levers.early_nav.entry_month": 13})
    person = _participant(model, month=7)
    person.attend_ip_meeting()
    assert not person.nav_known
    person.programme_month = 13
    person.attend_ip_meeting()
    assert person.nav_known
    assert person.history.of_kind("nav")


def test_m9_late_nav_leaves_a_gap_after_the_programme_early_nav_none():
    def exit_at_24(entry, avoid=0.0):
        model = empty_model(
            **{
                "levers.early_nav.entry_month": entry,
                "services.nav_avoid_share": avoid,
                "labour.nav_measure_ready_share": 0.0,  # no work-training place lined up
                "labour.nav_measure_offer_per_month": 0.0,  # nor found later
            }
        )
        person = _participant(model)
        for month in range(1, 25):
            person.programme_month = month
            person.attend_ip_meeting()
        person.programme_month = 24
        person.progress_programme()
        return model, person

    model, late = exit_at_24(22)  # meetings at 1, 7, 13, 19: Nav never met the person
    assert late.status is ProgrammeStatus.COMPLETED
    assert late.nav_gap_left == model.p.services.nav_entry_gap_months
    assert late.activity is Activity.IDLE
    for _ in range(late.nav_gap_left):
        late.progress_programme()
    assert late.nav_known and late.activity is Activity.NAV_JOBSEEKER
    _, early = exit_at_24(1)
    assert early.nav_gap_left == 0 and early.activity is Activity.NAV_JOBSEEKER
    # those who avoid Nav (ch. 4.3) stay away longer; Nav in the plan from the start prevents it
    model, avoider = exit_at_24(22, avoid=1.0)
    assert avoider.nav_gap_left == model.p.services.nav_avoid_months
    _, early = exit_at_24(1, avoid=1.0)
    assert early.nav_gap_left == 0


def test_m11_caseworker_capacity_limits_follow_up():
    model = empty_model(**{"services.caseworker_hours": 60.0, "services.hours_per_participant": 6})
    model.services.organise()
    full = model.services.follow_up
    for _ in range(20):  # 120 hours of need for 60 hours
        _participant(model)
    model.services.organise()
    assert model.services.follow_up == pytest.approx(full * 0.5)


def test_m11_unclear_placement_ownership_cuts_placement_capacity():
    owned = empty_model(**{"services.coordination": 0.2})
    unclear = empty_model(
        **{"services.coordination": 0.2, "services.placement_owner": Placement.UNCLEAR.value}
    )
    owned.services.organise()
    unclear.services.organise()
    kept = unclear.p.services.unclear_owner_capacity
    assert unclear.services.placement_slots == pytest.approx(
        owned.services.placement_slots * (kept + (1 - kept) * 0.2)
    )


def test_m11_integration_leader_raises_coordination():
    base = empty_model()
    led = empty_model(**{"levers.integration_leader.enabled": True})
    base.services.organise()
    led.services.organise()
    boost = led.p.levers.integration_leader.coordination_boost
    assert led.services.coordination == pytest.approx(min(1.0, base.services.coordination + boost))


def test_m12_bridge_builder_raises_ip_quality_gain():
    model = empty_model(**{"levers.bridge_builders.count": 1})
    bb = model.levers.bridge_builders.positions[0]
    bb.external_until = 10_000
    served, alone = _participant(model), _participant(model)
    bb.serve()
    alone.bridge_builder = None
    served.bridge_builder = bb
    q0 = served.ip_quality
    served.attend_ip_meeting()
    alone.attend_ip_meeting()
    assert served.ip_quality - q0 > 1.4 * (alone.ip_quality - q0)


def test_m12_bridge_builder_positions_recruit_qualifying_refugees():
    model = empty_model(
        **{"levers.bridge_builders.count": 1, "municipality.settled_per_year_before": []}
    )
    veteran = settle(model).members[0]
    veteran.norwegian = 3.2
    veteran.arrival_month = model.month - 48
    veteran.status = ProgrammeStatus.COMPLETED
    model.levers.bridge_builders.positions[0].recruit()
    assert model.levers.bridge_builders.positions[0].holder is veteran
    assert veteran.activity is Activity.BRIDGE_BUILDER and veteran.ever_employed


def test_m12_bridge_builders_come_first_from_the_refugees_settled_before_the_run():
    model = empty_model(
        **{
            "levers.bridge_builders.count": 3,
            "municipality.settled_per_year_before": [40, 40],
            "municipality.settled_retention_5y": 1.0,
            "municipality.settled_b1_share": 1.0,
            "municipality.settled_employed_share": 0.0,
        }
    )
    lever = model.levers.bridge_builders
    lever.recruit()
    assert all(pos.settled_holder is not None for pos in lever.positions)
    assert len({id(pos.settled_holder) for pos in lever.positions}) == 3
    assert lever.months_own == 3 and lever.months_external == 0


def test_m12_a_bridge_builder_post_never_pulls_anyone_out_of_a_job():
    model = empty_model(
        **{
            "levers.bridge_builders.count": 1,
            "municipality.settled_per_year_before": [40],
            "municipality.settled_retention_5y": 1.0,
            "municipality.settled_b1_share": 1.0,
            "municipality.settled_employed_share": 1.0,  # every earlier-settled adult works
        }
    )
    worker = settle(model).members[0]
    worker.norwegian = 3.5
    worker.arrival_month = model.month - 60
    worker.status = ProgrammeStatus.COMPLETED
    worker.take_job(model.employer_list[0], False, HireChannel.OPEN_APPLICATION)
    lever = model.levers.bridge_builders
    lever.recruit()
    pos = lever.positions[0]
    assert pos.holder is None and pos.settled_holder is None and pos.filled  # hired from outside
    assert worker.activity is Activity.JOB
    assert lever.months_external == 1 and lever.months_own == 0


def test_m12_a_bridge_builder_follows_up_the_caseloads_placements():
    model = empty_model(**{"levers.bridge_builders.count": 1, "services.follow_up": 0.0})
    employer = model.employer_list[0]
    followed = {True: 0, False: 0}
    for with_bb in (True, False):
        for _ in range(200):
            person = _participant(model)
            person.bridge_builder = model.levers.bridge_builders.positions[0] if with_bb else None
            person.start_placement(employer, matched=False)
            employer.end_placement(person, completed=True)
            ended = [e.text for e in person.history.events if " ends " in e.text][-1]
            followed[with_bb] += "no follow-up" not in ended
    share = model.p.levers.bridge_builders.follow_up_boost
    assert followed[False] == 0
    assert followed[True] / 200 == pytest.approx(share, abs=0.08)
