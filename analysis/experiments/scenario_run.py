"""The result of ``bygdesim run``: means and CIs of every outcome, with the paired cost."""

from __future__ import annotations

from collections.abc import Callable

from analysis.experiments.runner import run_paired
from analysis.experiments.stats import COST_KEY, cost_per_retained, summarise
from model.outcomes import outcome_keys
from model.scenario import Scenario


def run_report(
    sc: Scenario,
    seed: int,
    replications: int,
    workers: int | None = 1,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    runs = run_paired(
        sc.params,
        sc.baseline,
        seed,
        replications,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
    )
    keys = [k for k in outcome_keys() if k != COST_KEY]
    means, ci = summarise(runs.scenario, keys)
    cost, cost_ci = cost_per_retained(runs.baseline, runs.scenario)
    means[COST_KEY] = cost
    ci[COST_KEY] = cost_ci
    result = {
        "scenario": sc.name,
        "seed": seed,
        "years": sc.params.years,
        "replications": replications,
        "outcomes": {k: means[k] for k in outcome_keys()},
    }
    if replications > 1:
        result["ci95"] = {k: ci[k] for k in outcome_keys()}
    return result
