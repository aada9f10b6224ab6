"""Honest outcomes: every key says how many people it rests on, and the pathway keys count
what actually happened (hires by channel, moves by the household's state, Norwegian at
programme end, workers still here)."""

import math

import numpy as np
import pytest

from model.enums import Activity, HireChannel, HouseholdState, HouseholdType, MoveReason
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
    assert out[N_PREFIX + "hires_by_channel.referral"] == 1.0  # the one adult who could be hired
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
    assert out["language_b1_or_above_at_programme_end"] == 0.25


def test_moves_are_counted_by_their_reason():
    model = empty_model(**{"moving.base_hazard": 0.3})
    households = [settle(model) for _ in range(4)]
    for hh in households:
        hh.members[0].status = hh.members[0].status.COMPLETED
        hh.members[0].set_activity(Activity.IDLE)
    hh_other, hh_job = households[0], households[1]
    total = hh_other.move_hazard()
    p_move = 1 - math.exp(-total)
    hazards = hh_other.move_hazards()
    hh_other.move_draws[:] = 0.0  # the first share of the draw: the first reason listed
    first = next(iter(hazards))
    # a draw just below p_move falls in the last reason with a hazard
    last = [r for r, h in hazards.items() if h > 0][-1]
    hh_job.move_draws[:] = p_move * (1 - 1e-9)
    for hh in households[2:]:
        hh.move_draws[:] = 1.0  # these stay
    for hh in households:
        hh.decide_to_move()
    out = compute_outcomes(model)
    assert hh_other.move_reason is first and hh_job.move_reason is last
    assert out[N_PREFIX + f"moves_by_reason.{first}"] == 2  # two moving households
    assert out[f"moves_by_reason.{first}"] == 0.5
    assert out[f"moves_by_reason.{last}"] == 0.5
    assert sum(out[f"moves_by_reason.{r}"] for r in MoveReason) == pytest.approx(1.0)


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
    # counted as SSB does, the mover is employed only if the household left for a job
    assert out["employed_anywhere_share_year_1"] == 0.5  # no reason recorded: not for a job
    leaves.household.move_reason = MoveReason.JOB_ELSEWHERE
    out = compute_outcomes(model)
    assert out["employed_anywhere_share_year_1"] == 1.0
    assert out[N_PREFIX + "employed_anywhere_share_year_1"] == 2


def test_idle_months_after_programme_run_from_exit_to_the_next_activity():
    model = empty_model()
    finds_work, stays_idle = settle(model).members[0], settle(model).members[0]
    for person in (finds_work, stays_idle):
        start_programme(person, month=24)
        person.exit_programme()  # month 0: both leave the programme without work
        person.set_activity(Activity.IDLE)
    for month in range(1, 8):
        model.month = month
        if month == 5:
            finds_work.take_job(model.employer_list[0], False, HireChannel.OPEN_APPLICATION)
        for person in (finds_work, stays_idle):
            person.record_milestones()
    model.month = 8
    out = compute_outcomes(model)
    # 5 months until the job; the other still idle at the end of the run (8 months, censored)
    assert out["idle_months_after_programme"] == (5 + 8) / 2
    assert out[N_PREFIX + "idle_months_after_programme"] == 2


def test_bridge_builder_months_count_who_holds_the_position():
    model = empty_model(**{"levers.bridge_builders.count": 1})
    lever = model.levers.bridge_builders
    lever.recruit()  # nobody qualifies: an outside contract
    assert lever.positions[0].holder is None and lever.positions[0].filled
    veteran = settle(model).members[0]
    veteran.norwegian = 3.5
    veteran.arrival_month = -60
    lever.positions[0].external_until = model.month  # the contract ends
    lever.recruit()  # the veteran is recruited
    assert lever.positions[0].holder is veteran
    out = compute_outcomes(model)
    assert out["bridge_builder_months_own_share"] == 0.5
    assert out["hires_by_channel.bridge_builder_post"] == 1.0


def test_municipal_job_months_in_the_programme_are_told_apart():
    model = empty_model(**{"levers.municipal_jobs.positions": 1})
    person = settle(model).members[0]
    start_programme(person, month=20)
    person.set_activity(Activity.MUNICIPAL_JOB)
    person.record_milestones()  # a month in the programme
    person.status = person.status.COMPLETED
    person.record_milestones()  # a month after it
    person.record_milestones()
    out = compute_outcomes(model)
    assert out["municipal_job_months_in_programme_share"] == pytest.approx(1 / 3)


def test_work_or_education_after_the_programme_counts_movers_by_why_they_left():
    model = empty_model()
    stayer, job_mover, kin_mover, recent = (settle(model).members[0] for _ in range(4))
    for person in (stayer, job_mover, kin_mover, recent):
        start_programme(person, month=24)
        person.exit_programme()
    model.month = 5
    job_mover.household.move_reason = MoveReason.JOB_ELSEWHERE
    job_mover.household.move_out()
    kin_mover.household.move_reason = MoveReason.KIN_CITY
    kin_mover.household.move_out()
    recent.exit_month = 10  # completed less than a year before the end: not measured
    model.month = 12
    stayer.set_activity(Activity.JOB)
    stayer.record_milestones()  # a year after exit, in paid work here
    model.month = 13
    out = compute_outcomes(model)
    key = "work_or_education_1y_after_programme"
    assert out[N_PREFIX + key] == 3  # the stayer and both movers, not the recent completer
    assert out[key] == pytest.approx(2 / 3)  # the stayer in work, the job mover; not the kin mover


def test_which_outcomes_are_better_low():
    from model.outcomes import lower_is_better

    for key in (
        "lever_cost_nok_per_year",
        "cost_per_retained_adult_nok",
        "moved_share",
        "lonely_share.singles",
        "monthly_move_rate.neither",
        "idle_months_after_programme",
        "moves_by_reason.isolation",
    ):
        assert lower_is_better(key), key
    for key in ("retention_5y", "employment_rate_year_5", "work_or_education_1y_after_programme"):
        assert not lower_is_better(key), key
