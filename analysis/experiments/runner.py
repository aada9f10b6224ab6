"""Run replications of a scenario, with a paired baseline on the same seeds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from analysis.experiments.executors import make_executor
from model.model import BygdeModel
from model.params import Params
from model.streams import derive_seed

Outcomes = dict[str, float]


def replication_seed(master: int, replication: int) -> int:
    """The seed of replication ``replication`` under master seed ``master``; shared by a
    scenario and its paired baseline (common random numbers)."""
    return derive_seed(master, "replication", replication)


def simulate(task: tuple[dict[str, Any], int]) -> Outcomes:
    """Run one model to its horizon. A module-level function, so it pickles to any worker."""
    params, seed = task
    model = BygdeModel(Params.model_validate(params), rng=seed, collect=False)
    return model.run()


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
    progress: Callable[[int, int], None] | None = None,
) -> PairedRuns:
    """Replications of ``params`` and (unless it equals ``params``) of ``baseline``."""
    seeds = [replication_seed(seed, r) for r in range(replications)]
    same = baseline is None or baseline == params
    arms = [params.model_dump(mode="json")]
    if not same:
        arms.append(baseline.model_dump(mode="json"))
    tasks = [(arm, s) for arm in arms for s in seeds]
    results: list[Outcomes | None] = [None] * len(tasks)
    with make_executor(workers, scheduler) as ex:
        for done, (i, out) in enumerate(ex.imap(simulate, tasks), start=1):
            results[i] = out
            if progress:
                progress(done, len(tasks))
    scen = results[:replications]
    base = scen if same else results[replications:]
    return PairedRuns(scenario=scen, baseline=base, seeds=seeds)  # type: ignore[arg-type]
