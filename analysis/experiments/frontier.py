"""``bygdesim frontier``: the Pareto front of yearly lever cost against an outcome.

A package is a set of levers from the registry, each at a rung of its ladder (see
:mod:`analysis.experiments.lever_packages`). A package is on the front when no other package
evaluated is at most as dear and at least as good, and better in one of the two: the front is
what a municipality can buy, and what the next krone buys.

Two stages, each on common random numbers (every package runs on the same replication seeds
as the baseline, as in ``compare``):

1. **Search** (``--replications`` each, master seed ``--seed``). If every package fits in
   ``--budget`` (the packages to evaluate besides the baseline), every package is evaluated:
   the exact front of the search runs, at no more cost than a search. Otherwise NSGA-II
   (:mod:`analysis.experiments.frontier_search`) chooses ``--budget`` packages: a genetic
   search for two objectives at once that keeps a spread of packages along the whole front,
   where a greedy climb would follow one path and a weighted sum would find only the convex
   hull. The output says which method ran.
2. **Confirmation** (``--confirm-replications``, fresh seeds from ``seed + 1``). The packages
   on the search front and the baseline run again. Each package's yearly cost is compare's:
   the paired mean difference of ``lever_cost_nok_per_year`` (what the cost ledger charges the
   levers, per simulated year) against the baseline; its outcome has a mean with a 95 %
   t-interval and a paired effect with a 95 % t-interval (:mod:`analysis.experiments.stats`).
   The front reported is the Pareto front of the confirmed numbers, sorted by cost with the
   outcome improving; a search-front package dominated once re-run is dropped and named, so a
   lucky draw in the search cannot stay on the front.

``bygdesim target`` asks the confirmed front a question (:mod:`analysis.experiments.goal_seek`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from analysis.experiments.executors import Executor
from analysis.experiments.frontier_search import (
    BUDGET,
    CONFIRM,
    REPLICATIONS,
    SEED,
    all_packages,
    choose_method,
    nsga2,
)
from analysis.experiments.lever_packages import (
    Package,
    lever_options,
    package_key,
    package_levers,
    package_overrides,
    package_params,
    space_size,
)
from analysis.experiments.runner import (
    Outcomes,
    Progress,
    crossed,
    executor_for,
    perform_experiments,
    progress_from,
    replication_seeds,
)
from analysis.experiments.stats import mean_ci, paired_effects
from model.levers import LEVER_NAMES
from model.outcomes import is_share, lower_is_better, outcome_keys
from model.scenario import Scenario

COST = "lever_cost_nok_per_year"
NOT_OUTCOMES = (COST, "cost_per_retained_adult_nok")  # cost is the other axis


class FrontierError(ValueError):
    """Bad input to the frontier (an outcome, a lever, a budget). One line."""


def better(outcome: str) -> int:
    """+1 where a higher outcome is better, -1 where lower is (moves, loneliness)."""
    return -1 if lower_is_better(outcome) else 1


def check_outcome(outcome: str) -> None:
    if outcome not in outcome_keys() or outcome in NOT_OUTCOMES:
        raise FrontierError(f"--outcome {outcome}: not an outcome key (e.g. retention_5y)")


def check_levers(levers: Sequence[str] | None) -> list[str]:
    names = list(levers) if levers else list(LEVER_NAMES)
    unknown = [n for n in names if n not in LEVER_NAMES]
    if unknown:
        raise FrontierError(
            f"--levers {','.join(unknown)}: unknown lever (known: {', '.join(LEVER_NAMES)})"
        )
    return [n for n in LEVER_NAMES if n in names]


def pareto_front(points: Sequence[tuple[float, float]]) -> list[int]:
    """Indices of the non-dominated ``(cost, score)`` points (lower cost and higher score are
    better), sorted by cost with the score strictly increasing. Of equal points the first is
    kept; points with a NaN are never on the front."""
    finite = [i for i, (c, s) in enumerate(points) if math.isfinite(c) and math.isfinite(s)]
    front, best = [], -math.inf
    for i in sorted(finite, key=lambda i: (points[i][0], -points[i][1], i)):
        if points[i][1] > best:
            front.append(i)
            best = points[i][1]
    return front


@dataclass
class Evaluation:
    """A package re-run on the confirmation seeds: its outcome (mean, 95 % CI), its paired
    effect against the baseline and its extra yearly lever cost (paired, NOK)."""

    package: Package
    mean: float
    low: float
    high: float
    extra_cost_per_year: float
    cost_ci: tuple[float, float] = (math.nan, math.nan)
    effect: tuple[float, float, float] = (math.nan, math.nan, math.nan)
    total_cost_per_year: float = math.nan
    search: tuple[float, float] = (math.nan, math.nan)  # search cost and outcome mean


@dataclass
class FrontierResult:
    scenario: str
    outcome: str
    seed: int
    years: int
    levers: list[str]
    method: str
    space: int
    budget: int
    evaluated: int
    replications: int
    confirm: int
    baseline: Evaluation
    front: list[Evaluation]
    dropped: list[Evaluation] = field(default_factory=list)
    runs: int = 0
    searched: list[str] = field(default_factory=list)  # levers with a rung that changes things


def _confirmed(
    package: Package, base: list[Outcomes], rows: list[Outcomes], outcome: str
) -> Evaluation:
    m, lo, hi = mean_ci([r[outcome] for r in rows], share=is_share(outcome))
    eff = paired_effects(base, rows, [outcome, COST])
    total, _, _ = mean_ci([r[COST] for r in rows])
    return Evaluation(
        dict(package), m, lo, hi, eff[COST]["mean"], tuple(eff[COST]["ci95"]),
        (eff[outcome]["mean"], *eff[outcome]["ci95"]), total,
    )  # fmt: skip


def run_frontier(
    sc: Scenario,
    outcome: str = "retention_5y",
    levers: Sequence[str] | None = None,
    budget: int = BUDGET,
    replications: int = REPLICATIONS,
    confirm: int = CONFIRM,
    seed: int = SEED,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> FrontierResult:
    """Search the packages of ``levers`` (default: the whole registry), then confirm the front;
    see the module docstring."""
    check_outcome(outcome)
    names = check_levers(levers)
    if budget < 0:
        raise FrontierError(f"--budget {budget}: must be zero or more packages")
    base_params = sc.params
    options = lever_options(base_params, names)
    space = space_size(options)
    method = choose_method(space, budget)
    sense = better(outcome)
    runs = 0
    planned = (1 + min(budget, space - 1)) * replications  # the search's runs, for progress

    with executor_for(executor, workers, scheduler) as ex:

        def run(packages: list[Package], seeds: list[int]) -> list[list[Outcomes]]:
            nonlocal runs
            arms = {k: package_params(base_params, pk) for k, pk in enumerate(packages)}
            design = crossed(arms, seeds)
            total = max(planned, runs + len(design))
            done = perform_experiments(design, ex, progress=progress_from(progress, runs, total))
            runs += len(design)
            by = done.by_label()
            return [by[k] for k in range(len(packages))]

        seeds = replication_seeds(seed, replications)
        base_runs = run([{}], seeds)[0]
        if all(math.isnan(r[outcome]) for r in base_runs):
            raise FrontierError(
                f"--outcome {outcome}: not measured in a {sc.params.years}-year run "
                "(nobody to measure it); simulate more --years"
            )
        base_cost = mean_ci([r[COST] for r in base_runs])[0]

        def evaluate(packages: list[Package]) -> list[tuple[float, float]]:
            out = []
            for rows in run(packages, seeds) if packages else []:
                cost = mean_ci([r[COST] for r in rows])[0] - base_cost
                out.append((cost, sense * mean_ci([r[outcome] for r in rows])[0]))
            return out

        base_point = ({}, 0.0, sense * mean_ci([r[outcome] for r in base_runs])[0])
        if method == "exhaustive":
            packages = all_packages(options)[1:]
            points = [(pk, *cs) for pk, cs in zip(packages, evaluate(packages), strict=True)]
        else:
            points = nsga2(options, budget, seed, evaluate, {package_key({}): base_point})
        points = [base_point, *points]
        search_front = [points[i] for i in pareto_front([(c, s) for _, c, s in points])]

        confirm_seeds = replication_seeds(seed + 1, confirm)
        candidates = [{}] + [pk for pk, _, _ in search_front if pk]
        planned = runs + len(candidates) * confirm
        rows = run(candidates, confirm_seeds)
    evals = [_confirmed(pk, rows[0], r, outcome) for pk, r in zip(candidates, rows, strict=True)]
    by_key = {package_key(pk): (c, s) for pk, c, s in points}
    for e in evals:
        cost, score = by_key[package_key(e.package)]
        e.search = (cost, sense * score)
    on_front = set(pareto_front([(e.extra_cost_per_year, sense * e.mean) for e in evals]))
    front_keys = {package_key(pk) for pk, _, _ in search_front}
    return FrontierResult(
        scenario=sc.name, outcome=outcome, seed=seed, years=sc.params.years, levers=names,
        method=method, space=space, budget=budget, evaluated=len(points) - 1,
        replications=replications, confirm=confirm, baseline=evals[0],
        front=[evals[i] for i in pareto_front(
            [(e.extra_cost_per_year, sense * e.mean) for e in evals])],
        dropped=[e for i, e in enumerate(evals)
                 if i not in on_front and package_key(e.package) in front_keys],
        runs=runs, searched=list(options),
    )  # fmt: skip


def package_json(e: Evaluation) -> dict[str, Any]:
    """One package of the front: its levers (ladder settings) and full settings, its extra
    yearly cost and its outcome, each with a 95 % interval."""
    return {
        "levers": package_levers(e.package),
        "rungs": dict(e.package),
        "settings": package_overrides(e.package),
        "cost_nok_per_year": e.extra_cost_per_year,
        "cost_ci95": list(e.cost_ci),
        "total_cost_nok_per_year": e.total_cost_per_year,
        "mean": e.mean,
        "ci95": [e.low, e.high],
        "effect": {"mean": e.effect[0], "ci95": list(e.effect[1:])},
        "search": {"cost_nok_per_year": e.search[0], "mean": e.search[1]},
    }


def describe(result: FrontierResult) -> dict[str, Any]:
    """The JSON object of ``bygdesim frontier --json`` (NaN not yet cleaned)."""
    return {
        "scenario": result.scenario,
        "outcome": result.outcome,
        "better": "higher" if better(result.outcome) > 0 else "lower",
        "seed": result.seed,
        "years": result.years,
        "levers": result.levers,
        "levers_already_on": [n for n in result.levers if n not in result.searched],
        "method": result.method,
        "space": result.space,
        "budget": result.budget,
        "evaluated": result.evaluated,
        "replications": result.replications,
        "confirm_replications": result.confirm,
        "baseline": package_json(result.baseline),
        "front": [package_json(e) for e in result.front],
        "dropped_on_confirmation": [package_json(e) for e in result.dropped],
        "runs": result.runs,
    }
