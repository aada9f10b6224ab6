"""``bygdesim run``: replications of a scenario beside its paired baseline, summarised as the
mean and 95 % CI of every outcome, with the cost per retained adult against the baseline."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.experiments.runner import (
    Outcomes,
    Progress,
    crossed,
    perform_experiments,
    replication_seeds,
)
from analysis.experiments.stats import COST_KEY, cost_per_retained, counts, summarise
from model.outcomes import outcome_keys
from model.params import Params
from model.scenario import Scenario

SCENARIO, BASELINE = "scenario", "baseline"


@dataclass
class PairedRuns:
    scenario: list[Outcomes]
    baseline: list[Outcomes]
    seeds: list[int]


def run_paired(
    params: Params,
    baseline: Params | None,
    seed: int,
    replications: int,
    workers: int | None = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> PairedRuns:
    """Replications of ``params`` and (unless it equals ``params``) of ``baseline``, on the same
    seeds."""
    seeds = replication_seeds(seed, replications)
    same = baseline is None or baseline == params
    arms = {SCENARIO: params} if same else {SCENARIO: params, BASELINE: baseline}
    runs = perform_experiments(
        crossed(arms, seeds), workers=workers, scheduler=scheduler, progress=progress
    ).by_label()
    return PairedRuns(
        scenario=runs[SCENARIO], baseline=runs[SCENARIO if same else BASELINE], seeds=seeds
    )


def run_scenario(
    sc: Scenario,
    seed: int,
    replications: int,
    workers: int | None = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> dict:
    """The result of ``bygdesim run``: ``scenario``, ``seed``, ``years``, ``replications``,
    ``outcomes`` (means), ``n`` (the people behind each key, summed over replications) and,
    with more than one replication, ``ci95``. The cost per retained adult is against the
    scenario's paired baseline: n/a for a preset (its own baseline)."""
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
        "n": counts(runs.scenario, outcome_keys()),
    }
    if replications > 1:
        result["ci95"] = {k: ci[k] for k in outcome_keys()}
    return result
