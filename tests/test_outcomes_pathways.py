"""Honest outcomes: every key says how many people it rests on, and the pathway keys count
what actually happened (hires by channel, moves by the household's state, Norwegian at
programme end, workers still here)."""

import math

import numpy as np
import pytest

from model.enums import Activity, HireChannel, HouseholdState, HouseholdType
from model.outcomes import N_PREFIX, all_outcome_keys, compute_outcomes, split_counts
from model.scenario import load_scenario
from tests.builders import empty_model, settle, start_programme


def test_every_key_has_its_count_and_counts_match_the_people_measured():
    from model.model import BygdeModel

    model = BygdeModel(load_scenario("vaga").params, rng=5, collect=False)
    out = model.run()
    values, counts = split_counts(out)
    assert set(values) == set(all_outcome_keys())
    assert set(counts) == set(values)
    seen5 = [p for p in model.people if p.arrival_month + 60 <= model.month]
    assert counts["retention_5y"] == len(seen5)
    assert counts["retention_5y"] == sum(counts[f"retention_5y.{h}"] for h in HouseholdType)
    assert counts["adults_retained_5y"] == len(seen5)
    assert values["adults_retained_5y"] == pytest.approx(values["retention_5y"] * len(seen5))
    # a share with nobody behind it is NaN, and its count says 0
    for key, value in values.items():
        if counts[key] == 0 and key.startswith("employment_rate"):
            assert math.isnan(value)


def test_a_hire_is_counted_in_its_channel():
    model = empty_model()
    person = settle(model).members[0]
    start_programme(person, month=13)
    person.take_job(model.employer_list[0], subsidised=False, channel=HireChannel.REFERRAL)
    out = compute_outcomes(model)
    assert out["hires_by_channel.referral"] == 1.0
    assert out["hires_by_channel.open_application"] == 0.0
    assert out[N_PREFIX + "hires_by_channel.referral"] == 1.0
    assert any(e.text.startswith("hired through a tie") for e in person.history.events)


def test_a_move_counts_against_the_state_the_household_lived_on():
    model = empty_model()
    worker = settle(model)
    idle = settle(model)
    worker.members[0].take_job(model.employer_list[0], False, HireChannel.OPEN_APPLICATION)
    for hh in (worker, idle):
        for p in hh.members:
            p.status = p.status.COMPLETED
    idle.members[0].set_activity(Activity.IDLE)
    assert worker.state() is HouseholdState.EMPLOYED
    assert idle.state() is HouseholdState.NEITHER
    idle.move_draws[:] = 0.0  # the idle household moves this month, the worker stays
    worker.move_draws[:] = 1.0
    worker.decide_to_move()
    idle.decide_to_move()
    out = compute_outcomes(model)
    assert out["monthly_move_rate.neither"] == 1.0
    assert out["monthly_move_rate.employed"] == 0.0
    assert out[N_PREFIX + "monthly_move_rate.employed"] == 1.0
    assert math.isnan(out["monthly_move_rate.education"])


def test_norwegian_at_programme_end_is_recorded_by_level():
    model = empty_model()
    people = [settle(model).members[0] for _ in range(4)]
    for person, level in zip(people, (0.5, 2.2, 2.9, 3.1), strict=True):
        start_programme(person, month=24)
        person.norwegian = level
        person.exit_programme()
    out = compute_outcomes(model)
    assert out["language_at_programme_end.A0"] == 0.25
    assert out["language_at_programme_end.A2"] == 0.5
    assert out["language_at_programme_end.B1"] == 0.25
    assert out[N_PREFIX + "language_at_programme_end.B1"] == 4


def test_employed_here_counts_movers_as_not_working_here():
    model = empty_model(**{"years": 3})
    stays, leaves = settle(model).members[0], settle(model).members[0]
    for person in (stays, leaves):
        start_programme(person, month=13)
    stays.take_job(model.employer_list[0], False, HireChannel.PLACEMENT)
    leaves.take_job(model.employer_list[1], False, HireChannel.PLACEMENT)
    leaves.household.move_draws[:] = 0.0
    model.month = 3
    leaves.household.move_factors = []
    leaves.household.move_out()
    model.month = 18  # past the middle of year 1 for both
    stays.year_activity[1] = stays.activity
    out = compute_outcomes(model)
    assert out["employed_here_share_year_1"] == 0.5  # the mover worked, but not here
    assert out[N_PREFIX + "employed_here_share_year_1"] == 2
    assert np.isnan(out["employed_here_share_year_3"])
