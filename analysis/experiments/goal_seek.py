"""``bygdesim target``: the cheapest package of levers that reaches an outcome goal.

Greedy forward search on cost-effectiveness, with common random numbers throughout:

1. Every lever has a ladder of settings (from the lever registry, ``model/levers/``): each rung
   is the lever file's "switched on" setting (``scenarios/levers/<lever>.toml``) with the
   ladder's setting at that rung, and the first rung is the lever file's setting itself, so
   ``target`` and ``compare`` run the same lever.
2. Each round evaluates every possible next step (add a lever at its first rung, or move a
   lever of the package one rung up) on the same replication seeds, and takes the step with
   the largest gain in the outcome per extra NOK a year.
3. The search stops when the package's outcome reaches the goal with 95 % confidence (the lower
   end of its 95 % interval at or above the goal), when no step gains, when the budget is spent,
   or when every lever is at its top rung.
4. The package found is re-run with more replications to confirm it.

Greedy search is not guaranteed to find the global optimum; it is transparent and its path is
reported, so a planner can see what each step bought.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from analysis.experiments.lever_files import load_lever
from analysis.experiments.runner import (
    Progress,
    crossed,
    executor_for,
    perform_experiments,
    progress_from,
    replication_seeds,
)
from analysis.experiments.stats import mean_ci
from model.levers import LEVER_NAMES, REGISTRY
from model.outcomes import is_share
from model.params import Params
from model.scenario import Scenario, deep_merge, nested, validate


@cache
def _lever_file_settings(lever: str) -> dict[str, Any]:
    """The flat settings of a lever's file (``levers.<lever>.<field>`` -> value)."""
    table = load_lever(lever).overrides["levers"][lever]
    return {f"levers.{lever}.{key}": value for key, value in table.items()}


def rung_settings(lever: str, rung: int) -> dict[str, Any]:
    """The flat settings of ``lever`` at ``rung``: its lever file, with the ladder's setting at
    that rung (and the ladder's fixed companions)."""
    ladder = REGISTRY[lever].ladder
    flat = dict(_lever_file_settings(lever))
    flat[ladder.path(lever)] = ladder.rungs[rung]
    flat.update({f"levers.{lever}.{key}": value for key, value in ladder.also.items()})
    return flat


def rung_value(lever: str, rung: int) -> Any:
    return REGISTRY[lever].ladder.rungs[rung]


@dataclass
class Evaluation:
    package: dict[str, int]  # lever -> rung index
    mean: float
    low: float
    high: float
    extra_cost_per_year: float


@dataclass
class SeekResult:
    scenario: str
    outcome: str
    goal: float
    reached: bool
    baseline: Evaluation
    best: Evaluation
    path: list[tuple[str, Evaluation]] = field(default_factory=list)
    runs: int = 0
    reason: str = ""


def package_overrides(package: dict[str, int]) -> dict[str, Any]:
    """The flat settings of a package (lever -> rung index)."""
    flat: dict[str, Any] = {}
    for lever, rung in package.items():
        flat.update(rung_settings(lever, rung))
    return flat


def _params(base: Params, package: dict[str, int]) -> Params:
    data = deep_merge(base.model_dump(mode="json"), nested(package_overrides(package)))
    return validate(data, "package")


def _applicable(base: Params, lever: str, rung: int) -> bool:
    """A rung is a step only if it changes the baseline (a preset may have a lever on)."""
    return _params(base, {lever: rung}) != base


def seek(
    sc: Scenario,
    outcome: str = "retention_5y",
    at_least: float = 0.6,
    budget_nok: float | None = None,
    replications: int = 8,
    confirm: int = 20,
    seed: int = 2026,
    workers: int | None = None,
    scheduler: str | None = None,
    max_steps: int = 12,
    progress: Progress | None = None,
) -> SeekResult:
    base = sc.params
    seeds = replication_seeds(seed, replications)
    runs = 0

    with executor_for(workers=workers, scheduler=scheduler) as ex:

        def evaluate(packages: list[dict[str, int]], rep_seeds: list[int]) -> list[Evaluation]:
            """Each package on the same seeds: its mean, 95 % CI and lever cost."""
            nonlocal runs
            candidates = {k: _params(base, pk) for k, pk in enumerate(packages)}
            design = crossed(candidates, rep_seeds)
            outcomes = perform_experiments(
                design, ex, progress=progress_from(progress, runs)
            ).by_label()
            runs += len(design)
            evals = []
            for k, pk in enumerate(packages):
                rows = outcomes[k]
                m, lo, hi = mean_ci([r[outcome] for r in rows], share=is_share(outcome))
                cost = float(np.mean([r["lever_cost_nok_per_year"] for r in rows]))
                evals.append(Evaluation(dict(pk), m, lo, hi, cost))
            return evals

        baseline = evaluate([{}], seeds)[0]
        base_cost = baseline.extra_cost_per_year
        baseline.extra_cost_per_year = 0.0
        current = baseline
        package: dict[str, int] = {}
        path: list[tuple[str, Evaluation]] = []
        reason = ""
        for _ in range(max_steps):
            if current.low >= at_least:
                break
            steps: list[tuple[str, dict[str, int]]] = []
            for lever in LEVER_NAMES:
                rung = package.get(lever, -1) + 1
                if rung >= len(REGISTRY[lever].ladder.rungs):
                    continue
                if lever not in package and not _applicable(base, lever, 0):
                    continue
                nxt = dict(package)
                nxt[lever] = rung
                steps.append((lever, nxt))
            if not steps:
                reason = "every lever is at the top of its range"
                break
            evals = evaluate([pk for _, pk in steps], seeds)
            for e in evals:
                e.extra_cost_per_year -= base_cost
            best_step, best_eval, best_ratio = None, None, 0.0
            for (lever, _), e in zip(steps, evals, strict=True):
                if budget_nok is not None and e.extra_cost_per_year > budget_nok:
                    continue
                gain = e.mean - current.mean
                if gain <= 0:
                    continue
                extra = max(e.extra_cost_per_year - current.extra_cost_per_year, 1.0)
                ratio = gain / extra
                if ratio > best_ratio:
                    best_step, best_eval, best_ratio = lever, e, ratio
            if best_eval is None:
                reason = "no further lever raises the outcome" + (
                    " within the budget" if budget_nok is not None else ""
                )
                break
            package = best_eval.package
            current = best_eval
            path.append((best_step, best_eval))
        else:
            reason = f"stopped after {max_steps} steps"
        confirm_seeds = replication_seeds(seed + 1, confirm)
        confirmed = evaluate([package], confirm_seeds)[0]
        base_confirm = evaluate([{}], confirm_seeds)[0]
        confirmed.extra_cost_per_year -= base_confirm.extra_cost_per_year
        base_confirm.extra_cost_per_year = 0.0
    reached = confirmed.low >= at_least
    if not reached and not reason:
        reason = "the package found does not reach the goal with 95 % confidence on re-run"
    return SeekResult(
        sc.name, outcome, at_least, reached, base_confirm, confirmed, path, runs, reason
    )


def describe(result: SeekResult) -> dict[str, Any]:
    def ev(e: Evaluation) -> dict[str, Any]:
        return {
            "package": {k: rung_value(k, v) for k, v in e.package.items()},
            "settings": package_overrides(e.package),
            "mean": e.mean,
            "ci95": [e.low, e.high],
            "extra_cost_nok_per_year": e.extra_cost_per_year,
        }

    return {
        "scenario": result.scenario,
        "outcome": result.outcome,
        "at_least": result.goal,
        "reached": result.reached,
        "baseline": ev(result.baseline),
        "package": ev(result.best),
        "path": [{"step": s, **ev(e)} for s, e in result.path],
        "runs": result.runs,
        "reason": result.reason,
    }
