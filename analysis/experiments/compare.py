"""``bygdesim compare``: paired policy comparisons on common random numbers.

The baseline is the scenario as given; each arm (a lever or a package) is the scenario with the
arm's overrides. Every arm runs on the same replication seeds as the baseline, and inside a run
every random process draws from its own stream (``model/streams.py``), so switching a lever does
not reshuffle unrelated draws. Effects are means of the paired differences (arm minus baseline)
with 95 % t-intervals; the cost per retained adult is the extra lever cost over the run per extra
adult still living in the municipality at the end, with a paired bootstrap interval.

With a precision target, replications are added in batches until the half-width of the 95 %
interval of every arm's effect on ``retention_5y`` is at most the target (in percentage points),
or the replication cap is reached, which the result's ``precision`` message then says plainly.

The results are data: :meth:`CompareResult.summary` (the ``--json`` object) and
:func:`breakdown` (retention curves and groups); :mod:`analysis.reports.compare` presents them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from analysis.experiments.executors import Executor
from analysis.experiments.lever_files import Arm, apply_arm
from analysis.experiments.runner import (
    Outcomes,
    Progress,
    crossed,
    executor_for,
    perform_experiments,
    progress_from,
    replication_seeds,
)
from analysis.experiments.stats import (
    COST_KEY,
    cost_per_retained,
    counts,
    mean_ci,
    paired_effects,
    summarise,
)
from model.outcomes import GROUPS, outcome_keys
from model.scenario import Scenario, ScenarioError

BASELINE = "baseline"
PRECISION_KEY = "retention_5y"
DEFAULT_REPLICATIONS = 20
DEFAULT_CAP = 400
CURVE_YEARS = range(1, 11)
GROUP_METRICS = ("retention_5y", "local_ties_mean", "lonely_share")

Interval = tuple[float, float, float]  # mean, low, high


@dataclass
class CompareResult:
    """Everything a comparison produced: run-level outcomes per arm and the summary."""

    scenario: str
    seed: int
    years: int
    arms: list[Arm]
    runs: dict[str, list[Outcomes]]
    seeds: list[int]
    precision: dict[str, Any] | None = None
    cost_ci: dict[str, list[float]] = field(default_factory=dict)
    # a comparison across the calibration's posterior (compare --posterior): its settings and,
    # under "arms", each arm's block (analysis.experiments.posterior_compare)
    posterior: dict[str, Any] | None = None

    @property
    def replications(self) -> int:
        return len(self.seeds)

    def summary(self) -> dict[str, Any]:
        """The JSON object of ``bygdesim compare --json`` (NaN not yet cleaned)."""
        keys = outcome_keys()
        measured = [k for k in keys if k != COST_KEY]
        base = self.runs[BASELINE]
        base_means, _ = summarise(base, measured)
        base_means[COST_KEY] = math.nan  # the baseline against itself: n/a
        levers = {}
        for arm in self.arms:
            runs = self.runs[arm.name]
            means, _ = summarise(runs, measured)
            with np.errstate(invalid="ignore"):  # bootstrap bounds may be inf (no gain)
                cost, cost_ci = cost_per_retained(base, runs)
            self.cost_ci[arm.name] = cost_ci
            means[COST_KEY] = cost
            effect = paired_effects(base, runs, measured)
            effect[COST_KEY] = {"mean": cost, "ci95": cost_ci}
            levers[arm.name] = {
                "outcomes": {k: means[k] for k in keys},
                "n": counts(runs, keys),
                "effect": {k: effect[k] for k in keys},
                "cost_per_retained_adult_nok": cost,
            }
            if self.posterior is not None:
                levers[arm.name]["posterior"] = self.posterior["arms"][arm.name]
        out: dict[str, Any] = {
            "scenario": self.scenario,
            "replications": self.replications,
            "baseline": {k: base_means[k] for k in keys},
            "baseline_n": counts(base, keys),
            "levers": levers,
            "seed": self.seed,
            "years": self.years,
            "lever_descriptions": {a.name: a.description for a in self.arms},
        }
        if self.precision is not None:
            out["precision"] = self.precision
        if self.posterior is not None:
            out["posterior"] = {k: v for k, v in self.posterior.items() if k != "arms"}
        return out


def half_width_pp(base: list[Outcomes], arm: list[Outcomes], key: str = PRECISION_KEY) -> float:
    """Half-width of the 95 % interval of the paired effect on ``key``, in percentage points."""
    diffs = [a[key] - b[key] for b, a in zip(base, arm, strict=True)]
    m, lo, hi = mean_ci(diffs)
    if math.isnan(lo) or math.isnan(hi):
        return math.nan
    return 100.0 * (hi - lo) / 2.0


def check_precision(
    sc: Scenario, replications: int | None, precision: float | None, cap: int
) -> int:
    """Validate the replication options; return the first batch's replications."""
    if precision is not None:
        if not precision > 0:
            raise ScenarioError(f"--precision {precision}: must be a positive number of points")
        if sc.params.years < 5:
            raise ScenarioError(
                f"--precision: needs {PRECISION_KEY}, which needs at least 5 simulated years "
                f"(years = {sc.params.years})"
            )
    n = replications or (min(DEFAULT_REPLICATIONS, cap) if precision else DEFAULT_REPLICATIONS)
    if precision is not None and n > cap:
        raise ScenarioError(f"--replications {n}: larger than the cap --max-replications {cap}")
    return n


def run_compare(
    sc: Scenario,
    arms: list[Arm],
    seed: int = 1,
    replications: int | None = None,
    precision: float | None = None,
    cap: int = DEFAULT_CAP,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> CompareResult:
    """Run the baseline and every arm on the same seeds; see the module docstring."""
    arm_params = {BASELINE: sc.params.model_dump(mode="json")}
    for arm in arms:
        arm_params[arm.name] = apply_arm(sc.params, arm).model_dump(mode="json")
    n = check_precision(sc, replications, precision, cap)
    runs: dict[str, list[Outcomes]] = {name: [] for name in arm_params}
    seeds: list[int] = []
    with executor_for(executor, workers, scheduler) as ex:
        target = n
        while True:
            # a batch: every arm on the next replications' seeds (common random numbers)
            new = replication_seeds(seed, target, start=len(seeds))
            batch = perform_experiments(
                crossed(arm_params, new, first_replication=len(seeds)),
                ex,
                progress=progress_from(progress, len(seeds) * len(arm_params)),
            )
            for name, outcomes in batch.by_label().items():
                runs[name].extend(outcomes)
            seeds += new
            if precision is None:
                break
            widths = {a.name: half_width_pp(runs[BASELINE], runs[a.name]) for a in arms}
            worst = max((w if not math.isnan(w) else math.inf) for w in widths.values())
            reached = worst <= precision
            if reached or len(seeds) >= cap:
                break
            target = _next_target(len(seeds), worst, precision, cap, ex.workers)
    result = CompareResult(
        scenario=sc.name, seed=seed, years=sc.params.years, arms=arms, runs=runs, seeds=seeds
    )
    if precision is not None:
        if reached:
            message = (
                f"precision reached: every 95 % CI half-width on {PRECISION_KEY} is at most "
                f"{precision:g} percentage points after {len(seeds)} replications"
            )
        else:
            message = (
                f"precision NOT reached: stopped at the cap of {cap} replications with a "
                f"largest 95 % CI half-width on {PRECISION_KEY} of {worst:.2f} percentage "
                f"points (target {precision:g}); raise --max-replications or relax --precision"
            )
        result.precision = {
            "target_pp": precision,
            "key": PRECISION_KEY,
            "half_width_pp": widths,
            "reached": reached,
            "cap": cap,
            "message": message,
        }
    return result


def _next_target(n: int, worst: float, precision: float, cap: int, workers: int) -> int:
    """Replications for the next batch: the square-root law from the current half-width, with
    10 % headroom, at least a quarter more (and a full round of workers), at most double."""
    if math.isfinite(worst) and worst > 0:
        needed = math.ceil(1.1 * n * (worst / precision) ** 2)
    else:
        needed = 2 * n
    step = max(needed - n, math.ceil(n / 4), workers, 2)
    return min(cap, n + min(step, n))


@dataclass
class Breakdown:
    """What the comparison report draws beyond the summary, for the baseline and every arm
    (baseline first): retention by years since arrival, and outcomes by household group."""

    years: list[int]  # years since arrival that the baseline measured
    curves: dict[str, list[Interval]]  # share still living here k years after arrival
    groups: dict[str, dict[str, Interval]]  # "metric.group" (GROUP_METRICS x GROUPS)


def retention_curve(runs: list[Outcomes], years: list[int]) -> list[Interval]:
    """Mean and 95 % CI over replications of the share still here ``k`` years after arrival."""
    return [mean_ci([r[f"retention_year_{k}"] for r in runs], share=True) for k in years]


def breakdown(result: CompareResult) -> Breakdown:
    base = result.runs[BASELINE]
    years = [k for k in CURVE_YEARS if any(math.isfinite(r[f"retention_year_{k}"]) for r in base)]
    names = [BASELINE, *(a.name for a in result.arms)]
    keys = [f"{metric}.{g}" for metric in GROUP_METRICS for g in GROUPS]
    groups = {}
    for name in names:
        means, ci = summarise(result.runs[name], keys)
        groups[name] = {k: (means[k], *ci[k]) for k in keys}
    curves = {name: retention_curve(result.runs[name], years) for name in names}
    return Breakdown(years, curves, groups)
