"""Mechanism tests for Nav's work-training places (arbeidstrening) after the programme: a plan
drawn up with Nav lines one up for programme end, Nav finds places for the clients it follows,
places are budgeted each year, and a place counts as activity, not idleness (M9, ch. 6.2)."""

import pytest

from model.enums import Activity, ProgrammeStatus, Sector
from tests.builders import complete_programme, empty_model, settle, start_programme

MEETINGS = (1, 7, 13, 19)


def _exit_after_full_programme(entry: int, **flat):
    """A participant who attends every IP meeting with Nav joining at ``entry`` and leaves the
    programme at its end without a job or an education."""
    flat.setdefault("services.nav_avoid_share", 0.0)
    model = empty_model(**{"levers.early_nav.entry_month": entry, **flat})
    person = settle(model).members[0]
    start_programme(person)
    for month in range(1, 25):
        person.programme_month = month
        person.attend_ip_meeting()
    person.programme_month = 24
    person.progress_programme()
    assert person.status is ProgrammeStatus.COMPLETED
    return model, person


def test_a_plan_drawn_up_with_nav_has_a_work_training_place_ready_at_programme_end():
    model, person = _exit_after_full_programme(1, **{"labour.nav_measure_ready_share": 1.0})
    assert person.nav_joined_month == 1
    assert person.activity is Activity.NAV_MEASURE
    assert person.measure_end == model.month + model.p.labour.nav_measure_months
    assert model.labour_market.measures_started == 1
    assert any("planned with Nav" in e.text for e in person.history.of_kind("nav"))


def test_nav_joining_later_lines_up_a_place_with_the_late_chance_only():
    # Nav joins at the second IP meeting (month 7): the late share applies, not the full one
    _, person = _exit_after_full_programme(
        7, **{"labour.nav_measure_ready_share": 1.0, "labour.nav_measure_ready_late_share": 0.0}
    )
    assert person.nav_joined_month == 7
    assert person.measure_ready_chance() == 0.0
    assert person.activity is Activity.NAV_JOBSEEKER
    _, person = _exit_after_full_programme(
        7, **{"labour.nav_measure_ready_share": 0.0, "labour.nav_measure_ready_late_share": 1.0}
    )
    assert person.activity is Activity.NAV_MEASURE


def test_without_nav_in_the_plan_nothing_is_lined_up():
    # Nav's entry month after the last IP meeting: it never joins, the gap follows
    model, person = _exit_after_full_programme(
        22, **{"labour.nav_measure_ready_share": 1.0, "labour.nav_measure_ready_late_share": 1.0}
    )
    assert person.nav_joined_month is None and person.measure_ready_chance() == 0.0
    assert person.activity is Activity.IDLE
    assert person.nav_gap_left == model.p.services.nav_entry_gap_months


def test_places_come_from_a_yearly_budget():
    model, person = _exit_after_full_programme(
        1,
        **{"labour.nav_measure_ready_share": 1.0, "labour.nav_measure_place_months_per_1000": 0.0},
    )
    assert person.activity is Activity.NAV_JOBSEEKER
    assert model.labour_market.measures_started == 0
    # the budget renews each January: population x place-months per 1000
    model = empty_model(**{"labour.nav_measure_place_months_per_1000": 9.0})
    market = model.labour_market
    expected = 9.0 * model.p.municipality.population / 1000
    assert market.measure_months == pytest.approx(expected)
    months = model.p.labour.nav_measure_months
    places = int(expected // months)
    for _ in range(places):
        assert market.can_fund_measure()
        market.commit_measure()
    assert not market.can_fund_measure()
    model.month = 12
    market.find_job_seekers()
    assert market.measure_months == pytest.approx(expected)


def test_nav_finds_a_place_for_a_client_it_follows():
    model = empty_model(**{"labour.nav_measure_offer_per_month": 1.0})
    person = settle(model).members[0]
    complete_programme(person)
    assert person.activity is Activity.NAV_JOBSEEKER
    person.progress_programme()
    assert person.activity is Activity.NAV_MEASURE
    # never at rate 0
    model = empty_model(**{"labour.nav_measure_offer_per_month": 0.0})
    person = settle(model).members[0]
    complete_programme(person)
    for _ in range(24):
        person.progress_programme()
    assert person.activity is Activity.NAV_JOBSEEKER


def test_a_place_ends_after_its_months_and_keeps_idle_months_at_zero():
    model = empty_model(**{"labour.nav_measure_offer_per_month": 1.0})
    person = settle(model).members[0]
    complete_programme(person)
    person.idle_months = 5
    person.progress_programme()
    assert person.activity is Activity.NAV_MEASURE and person.idle_months == 0
    months = model.p.labour.nav_measure_months
    for _ in range(months - 1):
        model.month += 1
        person.keep_or_lose_job()
        assert person.activity is Activity.NAV_MEASURE
    model.month += 1
    person.keep_or_lose_job()
    assert person.activity is Activity.NAV_JOBSEEKER


def test_a_place_counts_as_activity_after_the_programme():
    model = empty_model(**{"labour.nav_measure_offer_per_month": 1.0})
    person = settle(model).members[0]
    complete_programme(person)
    model.month += 3
    person.record_milestones()
    assert person.active_again_month is None  # a Nav job seeker without a place is idle
    person.progress_programme()
    person.record_milestones()
    assert person.active_again_month == model.month


def test_an_employer_weighs_a_work_training_participant_higher():
    model = empty_model()
    employer = next(e for e in model.employer_list if e.sector is Sector.RETAIL)
    person = settle(model).members[0]
    complete_programme(person)
    before = employer.candidate_odds(person, 1.0)
    person.set_activity(Activity.NAV_MEASURE)
    after = employer.candidate_odds(person, 1.0)
    assert after == pytest.approx(before * model.p.labour.nav_measure_hire_odds)


def test_a_carer_at_home_is_not_given_a_place():
    model = empty_model(**{"labour.nav_measure_offer_per_month": 1.0})
    household = settle(model, children=(1.0,))
    carer = household.carer
    assert carer is not None and carer.caring
    complete_programme(carer)
    carer.start_measure("test")
    assert carer.activity is not Activity.NAV_MEASURE
    assert model.labour_market.measures_started == 0
