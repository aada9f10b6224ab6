"""``bygdesim frontier``: the Pareto front of yearly lever cost against an outcome, and
``bygdesim target`` answering from it (issue 11, item 3)."""

from __future__ import annotations

import json
import math

import pytest

from analysis.experiments.frontier import pareto_front
from analysis.experiments.frontier_search import (
    all_packages,
    anchors,
    choose_method,
    nsga2,
    population_size,
)
from analysis.experiments.lever_catalogue import lever_costs_per_year
from analysis.experiments.lever_packages import (
    lever_options,
    package_key,
    package_params,
    space_size,
)
from analysis.experiments.runner import crossed, perform_experiments, replication_seeds
from model.levers import LEVER_NAMES
from model.scenario import load_scenario
from tests.experiments import call

NAN = math.nan


# ---- the Pareto logic, on synthetic points ----------------------------------------------------
def test_pareto_front_keeps_exactly_the_undominated_points_sorted_by_cost():
    pts = [(0.0, 0.50), (10.0, 0.55), (5.0, 0.52), (7.0, 0.51), (20.0, 0.55), (15.0, 0.60)]
    # (7, .51) is dominated by (5, .52); (20, .55) by (10, .55) (dearer, no better)
    assert pareto_front(pts) == [0, 2, 1, 5]
    front = [pts[i] for i in pareto_front(pts)]
    assert [c for c, _ in front] == sorted(c for c, _ in front)
    assert all(a[1] < b[1] for a, b in zip(front, front[1:], strict=False))  # strictly better
    for i in pareto_front(pts):  # nothing on the front is dominated by any point
        assert not any(c <= pts[i][0] and s >= pts[i][1] and (c, s) != pts[i] for c, s in pts)


def test_pareto_front_ties_nan_and_edge_cases():
    # equal points: only the first is kept; same cost, better score wins; same score, cheaper
    assert pareto_front([(1.0, 0.5), (1.0, 0.5)]) == [0]
    assert pareto_front([(1.0, 0.4), (1.0, 0.5)]) == [1]
    assert pareto_front([(2.0, 0.5), (1.0, 0.5)]) == [1]
    assert pareto_front([(1.0, NAN), (NAN, 0.9), (3.0, 0.2)]) == [2]
    assert pareto_front([]) == []
    # a cheaper-than-baseline package that does better dominates the baseline
    assert pareto_front([(0.0, 0.5), (-100.0, 0.6)]) == [1]


def test_exhaustive_when_the_space_fits_the_budget_else_nsga2():
    assert choose_method(space=10, budget=9) == "exhaustive"  # nine packages besides baseline
    assert choose_method(space=10, budget=8) == "nsga2"
    assert choose_method(space=1, budget=0) == "exhaustive"
    sc = load_scenario("sel")
    options = lever_options(sc.params, LEVER_NAMES)
    assert "establishment_group" not in options  # sel runs it already: nothing to add
    assert options["third_programme_year"] == [1]  # sel's 8 places: only 16 is a change
    assert space_size(options) > 10**5 and choose_method(space_size(options), 60) == "nsga2"
    small = {"mentor_scheme": [0, 1, 2], "integration_leader": [0]}
    packages = all_packages(small)
    assert len(packages) == space_size(small) == 8 and packages[0] == {}
    assert len({package_key(p) for p in packages}) == 8
    assert anchors(small) == [{}, {"mentor_scheme": 0}, {"integration_leader": 0}]
    assert population_size(60) == 12 and population_size(5) == 5 and population_size(1000) == 50


def test_nsga2_spends_the_budget_on_distinct_packages_and_finds_the_front():
    options = {f"lever{i}": [0, 1, 2] for i in range(6)}  # 4096 packages
    batches: list[int] = []

    def evaluate(packages):  # cost grows with rungs; the outcome with diminishing returns
        batches.append(len(packages))
        return [
            (sum(1000.0 * (r + 1) for r in p.values()), sum(math.sqrt(r + 1) for r in p.values()))
            for p in packages
        ]

    known = {package_key({}): ({}, 0.0, 0.0)}
    done = nsga2(options, budget=40, seed=3, evaluate=evaluate, known=known)
    keys = [package_key(p) for p, _, _ in done]
    assert len(done) == sum(batches) == 40 and len(set(keys)) == 40
    assert package_key({}) not in keys  # the baseline is known: not run again
    assert all({k: r} in [p for p, _, _ in done] for k, r in [("lever0", 0), ("lever5", 0)])
    again = nsga2(options, budget=40, seed=3, evaluate=evaluate, known=known)
    assert [package_key(p) for p, _, _ in again] == keys  # the seed fixes the search


# ---- end to end, tiny -------------------------------------------------------------------------
TINY = ["vaga", "--years", "3", "--outcome", "employment_rate_year_2", "--replications", "2"]
TINY += ["--confirm-replications", "3", "--budget", "12", "--seed", "5", "--workers", "2"]
TINY += ["--levers", "municipal_jobs,integration_leader"]


def registry_cost(params_list, seeds):
    """The extra yearly cost of each parameter set over the first, as the lever catalogue
    measures it: every lever's own ledger line a year, summed, mean over the seeds."""
    runs = perform_experiments(
        crossed(dict(enumerate(params_list)), seeds), fn=lever_costs_per_year
    ).by_label()
    totals = [sum(sum(c.values()) for c in runs[k]) / len(seeds) for k in range(len(params_list))]
    return [t - totals[0] for t in totals]


def test_frontier_json_front_and_target_agrees(capsys, tmp_path):
    out = tmp_path / "out"
    code, stdout, err = call(capsys, "frontier", *TINY, "--json", "--out", out)
    assert code == 0, err
    data = json.loads(stdout)
    assert data == json.loads((out / "frontier.json").read_text())
    assert (out / "frontier.png").read_bytes()[:4] == b"\x89PNG"
    assert data["method"] == "exhaustive" and data["space"] == 10 and data["evaluated"] == 9
    assert data["levers"] == ["municipal_jobs", "integration_leader"]
    searched_front = [p for p in data["front"] + data["dropped_on_confirmation"] if p["levers"]]
    assert data["runs"] == 10 * 2 + 3 * (1 + len(searched_front))  # baseline once a stage
    front = data["front"]
    assert len(front) >= 2, front
    costs = [p["cost_nok_per_year"] for p in front]
    means = [p["mean"] for p in front]
    assert costs == sorted(costs) and all(a < b for a, b in zip(means, means[1:], strict=False))
    for p in front:
        lo, hi = p["ci95"]
        assert lo <= p["mean"] <= hi
        assert None not in p["effect"]["ci95"] and None not in p["cost_ci95"]
        assert set(p["levers"]) == set(p["rungs"]) and bool(p["settings"]) == bool(p["levers"])
    # the cost is the registry's: the levers' own ledger lines, paired on the same seeds
    base = load_scenario("vaga", {"years": 3}).params
    params = [base, *(package_params(base, p["rungs"]) for p in front)]
    expected = registry_cost(params, replication_seeds(5 + 1, 3))
    assert costs == pytest.approx(expected[1:], rel=1e-9, abs=1e-6)

    goal = front[-1]["ci95"][0]  # the lower bound of the best: some package reaches it
    code, stdout, err = call(capsys, "target", *TINY, "--at-least", goal, "--json")
    assert code == 0, err
    answer = json.loads(stdout)
    assert answer["frontier"]["front"] == front  # same settings, same front
    cheapest = next(p for p in front if p["ci95"][0] >= goal)
    assert answer["reached"] and answer["package"]["package"] == cheapest["levers"]
    assert answer["package"]["extra_cost_nok_per_year"] == cheapest["cost_nok_per_year"]


@pytest.mark.parametrize(
    "args,expected",
    [
        (["vaga", "--outcome", "nope"], "--outcome nope"),
        (["vaga", "--outcome", "lever_cost_nok_per_year"], "--outcome lever_cost_nok_per_year"),
        (["vaga", "--levers", "mentor_scheme,flying_carpets"], "flying_carpets"),
        (["vaga", "--budget", "-1"], "--budget"),
        (["atlantis"], "atlantis"),
        (["vaga", "--years", "3", "--outcome", "retention_5y"], "not measured"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(capsys, tmp_path, args, expected):
    out = tmp_path / "out"
    small = ["--replications", "2", "--confirm-replications", "2", "--levers", "mentor_scheme"]
    if "--levers" in args:
        small = small[:4]
    code, stdout, err = call(capsys, "frontier", *args, *small, "--out", out)
    assert code == 2, err
    assert err.count("\n") == 1 and expected in err, err
    assert stdout == "" and not out.exists()


def test_a_bad_out_folder_is_refused_before_any_run(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, stdout, err = call(capsys, "frontier", "vaga", "--out", blocker / "sub")
    assert code == 2 and err.count("\n") == 1 and "--out" in err, err
