"""Invariants that hold in every month of every run, over randomly drawn parameters:
people are conserved, capacities are never exceeded, nobody is in two activities."""

import numpy as np
import pytest

from model.enums import PAID_WORK, Activity
from model.model import BygdeModel
from model.outcomes import is_share
from model.params import Params, bounds, field_info, leaf_paths
from model.scenario import with_overrides

# the behavioural and lever parameters the invariants are stressed over
NUMERIC = [
    p
    for p in leaf_paths()
    if (p.startswith(("levers.", "moving.", "social.", "labour.", "services.", "language.")))
    and field_info(p)[0].annotation in (int, float)
    and not p.endswith(("cost_per_position_month", "cost_per_month", "cost_per_day"))
]


def random_params(rng: np.random.Generator, k: int = 25) -> Params:
    chosen = rng.choice(len(NUMERIC), size=k, replace=False)
    flat = {"years": 4, "municipality.population": 1200, "labour.employers": 15}
    for i in chosen:
        path = NUMERIC[int(i)]
        info, _ = field_info(path)
        lo, hi = bounds(info)
        if path == "services.hours_per_participant":
            continue
        if info.annotation is int:
            flat[path] = int(rng.integers(int(lo), int(min(hi, lo + 40)) + 1))
        else:
            flat[path] = float(rng.uniform(lo, hi))
    # the schema's cross-field rule: a job's move factor never above the programme's
    in_programme = flat.get("moving.in_programme", Params().moving.in_programme)
    if flat.get("moving.employed", 0.0) > in_programme:
        flat["moving.employed"] = in_programme
    flat["arrivals.persons_per_year"] = [int(rng.integers(10, 40)) for _ in range(3)]
    return with_overrides(Params(), flat, "random")


def check_month(model: BygdeModel) -> None:
    arrived = len(model.people)
    moved = sum(p.moved_month is not None for p in model.people)
    assert arrived == len(model.present_people) + moved
    assert (
        len(model.agents_of(type(model.people[0]))) == len(model.present_people)
        if arrived
        else True
    )
    where: dict[int, str] = {}
    for emp in model.employer_list:
        assert len(emp.trainees) + len(emp.competing) <= emp.capacity
        for p in emp.trainees:
            assert p.activity.is_placement and p.employer is emp
            assert id(p) not in where, "a person in two activities"
            where[id(p)] = f"trainee at {emp.name}"
        for p in emp.staff:
            assert p.activity in PAID_WORK and p.employer is emp
            assert id(p) not in where, "a person in two activities"
            where[id(p)] = f"staff at {emp.name}"
    for p in model.levers.municipal_jobs.holders:
        if p is not None:
            assert p.activity is Activity.MUNICIPAL_JOB and id(p) not in where
            where[id(p)] = "municipal job"
    assert sum(h is not None for h in model.levers.municipal_jobs.holders) <= len(
        model.levers.municipal_jobs.holders
    )
    for bb in model.levers.bridge_builders.positions:
        assert len(bb.caseload) <= model.p.levers.bridge_builders.caseload
    for person in model.present_people:
        if person.activity.is_placement:
            assert where.get(id(person), "").startswith("trainee")
        if person.activity is Activity.MUNICIPAL_JOB:
            assert where.get(id(person)) == "municipal job"
        assert 0.0 <= person.ip_quality <= 1.0
        assert 0.0 <= person.loneliness <= 1.0
        assert 0.0 <= person.norwegian <= 5.0
    for person in model.people:
        if person.moved_month is not None:
            assert id(person) not in where
    for group in model.group_list:
        assert len(group.participants) <= group.capacity


@pytest.mark.parametrize("draw", range(8))
def test_invariants_hold_every_month_over_random_parameters(draw):
    rng = np.random.default_rng(1000 + draw)
    params = random_params(rng)
    model = BygdeModel(params, rng=draw, collect=False)
    while model.running:
        model.step()
        check_month(model)
    outcomes = model.outcomes()
    for key, value in outcomes.items():
        if is_share(key) and not np.isnan(value):
            assert 0.0 <= value <= 1.0, key


def test_people_are_conserved_in_the_outcomes():
    model = BygdeModel(with_overrides(Params(), {"years": 6}), rng=3, collect=False)
    out = model.run()
    movers = sum(p.moved_month is not None for p in model.people)
    assert out["adults_arrived"] == out["adults_present_at_end"] + movers
    planned_adults = sum(len(h.adults) for h in model.arrival_plan)
    assert out["adults_arrived"] == planned_adults
