"""``bygdesim robustness``: lever packages across sampled futures, their regret, and where each
misses the goal.

For every future (a row of :func:`~analysis.experiments.futures.sample_futures`) the baseline and
every package run on the same replication seeds (common random numbers: the same seeds in every
arm and every future), all through the one runner. An arm's outcome in a future is the mean over
its replications. Then, per arm:

- its **distribution** across futures: mean, 5th, 50th and 95th percentile;
- its **regret** in each future: the best arm's outcome there minus its own (for an outcome where
  lower is better, its own minus the best); mean and max over futures, never below zero;
- the **share of futures where it misses the goal** (below it; above it where lower is better),
  the goal given or, by default, the baseline's median across futures;
- the **conditions under which it misses**, by PRIM scenario discovery
  (:mod:`analysis.experiments.scenario_discovery`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.experiments.executors import Executor
from analysis.experiments.futures import FuturesSpec, apply_future, sample_futures
from analysis.experiments.lever_files import Arm, apply_arm
from analysis.experiments.runner import (
    Experiment,
    Progress,
    perform_experiments,
    replication_seeds,
)
from analysis.experiments.scenario_discovery import Discovery, describe, discover
from model.outcomes import is_share, lower_is_better, outcome_keys
from model.scenario import Scenario, ScenarioError, validate

BASELINE = "baseline"
DEFAULT_OUTCOME = "retention_5y"
QUANTILES = {"p5": 0.05, "p50": 0.50, "p95": 0.95}


def check_outcome(outcome: str, years: int) -> None:
    """An outcome the runs report, and one the horizon is long enough for.

    Raises:
        ScenarioError: unknown outcome, or one measured after ``years``.
    """
    if outcome not in outcome_keys():
        raise ScenarioError(
            f"--outcome {outcome}: unknown outcome (e.g. retention_5y, "
            "work_or_education_1y_after_programme, employment_rate_year_5)"
        )
    k = re.search(r"retention_(\d+)y|_year_(\d+)", outcome)
    need = int(next(g for g in k.groups() if g)) if k else 0
    if need > years:
        raise ScenarioError(f"--outcome {outcome}: needs at least {need} simulated years "
                            f"(the scenario runs {years}; raise --years)")  # fmt: skip


def regret_table(wide: pd.DataFrame, higher_is_better: bool = True) -> pd.DataFrame:
    """Each arm's regret in each future (``wide``: one row a future, one column an arm): the best
    arm's outcome in that future minus the arm's (reversed where lower is better). NaN where the
    arm's outcome is NaN."""
    if higher_is_better:
        return wide.max(axis=1).to_numpy()[:, None] - wide
    return wide - wide.min(axis=1).to_numpy()[:, None]


def missed(wide: pd.DataFrame, goal: float, higher_is_better: bool = True) -> pd.DataFrame:
    """Whether each arm misses ``goal`` in each future (NaN outcomes never count as misses)."""
    return wide.lt(goal) if higher_is_better else wide.gt(goal)


def distribution(values: pd.Series | np.ndarray) -> dict[str, float | None]:
    """Mean and 5th, 50th and 95th percentile of the finite values."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return {"mean": None, **dict.fromkeys(QUANTILES)}
    return {"mean": float(v.mean())} | {k: float(np.quantile(v, q)) for k, q in QUANTILES.items()}


def goal_words(goal: float, outcome: str) -> str:
    """``60 % retention_5y``; ``1,200,000 total_cost_nok``."""
    pct = 100 * goal
    text = f"{pct:.0f}" if abs(pct - round(pct)) < 0.05 else f"{pct:.1f}"
    value = f"{text} %" if is_share(outcome) else f"{goal:,.4g}"
    return f"{value} {outcome}"


@dataclass
class RobustnessResult:
    scenario: str
    outcome: str
    goal: float
    goal_source: str  # "given" | "baseline median"
    seed: int
    years: int
    replications: int
    futures: FuturesSpec
    x: pd.DataFrame  # one row a future, one column a factor
    wide: pd.DataFrame  # one row a future, one column an arm: the outcome (replication mean)
    arms: list[Arm]
    discoveries: dict[str, Discovery] = field(default_factory=dict)

    @property
    def higher_is_better(self) -> bool:
        return not lower_is_better(self.outcome)

    def regret(self) -> pd.DataFrame:
        return regret_table(self.wide, self.higher_is_better)

    def misses(self) -> pd.DataFrame:
        return missed(self.wide, self.goal, self.higher_is_better)

    def table(self) -> pd.DataFrame:
        """The per-future table, long: one row per future and arm, with the factor values."""
        regret, miss = self.regret(), self.misses()
        rows = []
        for arm in self.wide.columns:
            part = self.x.copy()
            part.insert(0, "arm", arm)
            part[self.outcome] = self.wide[arm].to_numpy()
            part["regret"] = regret[arm].to_numpy()
            part["misses_goal"] = miss[arm].to_numpy()
            rows.append(part.reset_index())
        return pd.concat(rows, ignore_index=True)

    def summary(self) -> dict[str, Any]:
        regret, miss = self.regret(), self.misses()
        words = {
            f.name: {"label": f.label, "unit": f.unit, "plural": f.plural, "integer": f.integer}
            for f in self.futures.factors
        }
        kinds = {BASELINE: ("baseline", "", ())} | {
            a.name: (a.kind, a.source, a.levers) for a in self.arms
        }
        arms = []
        for name in self.wide.columns:
            finite = self.wide[name].notna()
            found = self.discoveries[name]
            arms.append({
                "name": name,
                "kind": kinds[name][0],
                "file": kinds[name][1],
                "levers": list(kinds[name][2]),
                "distribution": distribution(self.wide[name]),
                "regret": {
                    "mean": _num(regret[name][finite].mean()),
                    "max": _num(regret[name][finite].max()),
                },
                "miss_share": _num(miss[name][finite].mean()),
                "futures": int(finite.sum()),
                "discovery": found.as_json(),
                "statements": describe(found, name, goal_words(self.goal, self.outcome), words),
            })  # fmt: skip
        return {
            "scenario": self.scenario,
            "outcome": self.outcome,
            "higher_is_better": self.higher_is_better,
            "goal": self.goal,
            "goal_source": self.goal_source,
            "seed": self.seed,
            "years": self.years,
            "replications": self.replications,
            "n_futures": len(self.x),
            "futures_file": str(self.futures.path),
            "futures_name": self.futures.name,
            "factors": [f.as_json() for f in self.futures.factors],
            "arms": arms,
        }


def _num(value: Any) -> float | None:
    value = float(value)
    return None if math.isnan(value) else value


def build_design(
    sc: Scenario, arms: list[Arm], spec: FuturesSpec, x: pd.DataFrame, seeds: list[int]
) -> list[Experiment]:
    """Every arm in every future on the same seeds, labelled ``(future, arm)``; every
    parameter set validated before anything runs."""
    base = sc.params.model_dump(mode="json")
    design = []
    for f, row in enumerate(x.to_dict(orient="records")):
        source = f"{spec.path}: future {f}"
        params = validate(apply_future(base, spec, row), source)
        arm_params = {BASELINE: params.model_dump(mode="json")}
        for arm in arms:
            arm_params[arm.name] = apply_arm(params, arm).model_dump(mode="json")
        for name, p in arm_params.items():
            design += [Experiment((f, name), p, s, r) for r, s in enumerate(seeds)]
    return design


def run_robustness(
    sc: Scenario,
    arms: list[Arm],
    spec: FuturesSpec,
    *,
    n_futures: int,
    replications: int,
    seed: int = 1,
    outcome: str = DEFAULT_OUTCOME,
    goal: float | None = None,
    threshold: float | None = None,
    executor: Executor | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> RobustnessResult:
    """Run every arm in every sampled future, then regret, misses and scenario discovery."""
    check_outcome(outcome, sc.params.years)
    x = sample_futures(spec, n_futures, seed)
    design = build_design(sc, arms, spec, x, replication_seeds(seed, replications))
    results = perform_experiments(
        design, executor, workers=workers, scheduler=scheduler, progress=progress
    )
    names = [BASELINE, *(a.name for a in arms)]
    wide = pd.DataFrame(np.nan, index=x.index, columns=names)
    for label, runs in results.by_label().items():
        values = [float(r[outcome]) for r in runs]
        finite = [v for v in values if math.isfinite(v)]
        wide.loc[label[0], label[1]] = float(np.mean(finite)) if finite else np.nan
    source = "given"
    if goal is None:
        goal, source = float(np.nanmedian(wide[BASELINE])), "baseline median"
    result = RobustnessResult(
        sc.name, outcome, goal, source, seed, sc.params.years, replications, spec, x, wide, arms
    )
    miss = result.misses()
    for name in names:
        finite = wide[name].notna().to_numpy()
        kwargs = {"threshold": threshold} if threshold is not None else {}
        result.discoveries[name] = discover(x[finite], miss[name][finite], **kwargs)
    return result
