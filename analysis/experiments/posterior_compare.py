"""``bygdesim compare --posterior K``: comparisons across the calibration's posterior.

K parameter sets are drawn from the posterior by weight (seeded; :func:`draw`). Within each
draw the baseline and every arm run on the same R replication seeds (common random numbers), so
each draw gives R paired effects. Per arm and for the chosen outcome:

- ``effect``: the mean over all draws and replications, and a 95 % interval of the mixture
  that puts each draw's mean effect with its Monte-Carlo noise: a normal with the draw's mean
  paired effect and standard error (the within-draw variance pooled over draws, over R), with
  Student's t errors on the pooled degrees of freedom, K (R - 1). Its
  spread is the parameter uncertainty (between draws) plus the stochastic uncertainty of each
  draw's estimate, added once more on top of what the per-draw means already carry: a
  conservative interval that does not shrink as K grows.
- ``p_positive`` and ``p_at_least``: the mixture's probability that the effect is above zero,
  and at least ``--at-least``.
- ``cost_per_retained_adult_nok``: the pooled extra cost over the pooled extra adults retained
  (as without a posterior), with a hierarchical bootstrap interval: draws resampled, then
  replications within each resampled draw. Null where the arm costs nothing extra or keeps
  nobody extra on average.

The drawn values replace the scenario's calibrated ones (and a ``--set`` of the same
parameters); a preset's residual pull comes from the posterior when the scenario is that preset.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy import optimize, stats

from analysis.experiments.calibration import values_for
from analysis.experiments.compare import BASELINE, CompareResult
from analysis.experiments.executors import Executor
from analysis.experiments.lever_files import Arm, apply_arm
from analysis.experiments.posterior import Posterior, draw
from analysis.experiments.runner import (
    Outcomes,
    Progress,
    crossed,
    executor_for,
    perform_experiments,
    replication_seeds,
)
from model.scenario import Scenario, with_overrides
from model.streams import derive_seed

DEFAULT_REPLICATIONS = 5
N_BOOT = 2000


def run_posterior_compare(
    sc: Scenario,
    arms: list[Arm],
    posterior: Posterior,
    draws: int,
    replications: int = DEFAULT_REPLICATIONS,
    seed: int = 1,
    outcome: str = "retention_5y",
    at_least: float | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> CompareResult:
    """Every arm paired within each of ``draws`` posterior draws; see the module docstring."""
    points = draw(posterior, draws, seed)
    design = []
    for k, point in enumerate(points):
        params = with_overrides(sc.params, values_for(sc.name, point), f"posterior draw {k}")
        labelled = {(k, BASELINE): params} | {(k, a.name): apply_arm(params, a) for a in arms}
        seeds = replication_seeds(derive_seed(seed, "posterior-draw", k), replications)
        design += crossed(labelled, seeds, first_replication=k * replications)
    with executor_for(executor, workers, scheduler) as ex:
        results = perform_experiments(design, ex, progress=progress)
    by_label = results.by_label()
    names = [BASELINE, *(a.name for a in arms)]
    per_draw = {n: [by_label[(k, n)] for k in range(draws)] for n in names}
    runs = {n: [o for d in per_draw[n] for o in d] for n in names}
    seeds = [e.seed for e in results.experiments if e.label[1] == BASELINE]
    result = CompareResult(sc.name, seed, sc.params.years, arms, runs, seeds)
    result.posterior = {
        "draws": draws,
        "replications_per_draw": replications,
        "outcome": outcome,
        "at_least": at_least,
        "folder": str(posterior.folder),
        "posterior_created": posterior.manifest.get("created"),
        "effective_sample_size": round(posterior.effective_sample_size, 2),
        "distinct_draws": len({tuple(sorted(p.items())) for p in points}),
        "arms": {
            a.name: posterior_block(per_draw[BASELINE], per_draw[a.name], outcome, at_least, seed)
            for a in arms
        },
    }
    return result


def posterior_block(
    base: list[list[Outcomes]],
    arm: list[list[Outcomes]],
    key: str,
    at_least: float | None,
    seed: int = 0,
) -> dict[str, Any]:
    """One arm's ``posterior`` block from its runs and the baseline's, draw by draw."""
    diffs = [d[np.isfinite(d)] for d in _paired(base, arm, key)]
    diffs = [d for d in diffs if d.size]
    nan = math.nan
    block: dict[str, Any] = {"p_positive": nan, "p_at_least": nan}
    block["effect"] = {"mean": nan, "low": nan, "high": nan}
    if diffs:
        means = np.array([d.mean() for d in diffs])
        dof = sum(d.size - 1 for d in diffs)
        within = sum(float(((d - d.mean()) ** 2).sum()) for d in diffs) / dof if dof else 0.0
        se = np.array([math.sqrt(within / d.size) for d in diffs])
        low, high = mixture_quantiles(means, se, (0.025, 0.975), dof)
        block["effect"] = {"mean": float(np.concatenate(diffs).mean()), "low": low, "high": high}
        block["p_positive"] = mixture_above(means, se, 0.0, dof=dof)
        if at_least is not None:
            block["p_at_least"] = mixture_above(means, se, at_least, inclusive=True, dof=dof)
    if at_least is None:
        block["p_at_least"] = None
    block["cost_per_retained_adult_nok"] = hierarchical_cost(base, arm, seed)
    return block


def _paired(base: list[list[Outcomes]], arm: list[list[Outcomes]], key: str) -> np.ndarray:
    """Arm minus baseline on ``key``: one row per draw, one column per replication."""
    return np.array(
        [
            [a[key] - b[key] for b, a in zip(bd, ad, strict=True)]
            for bd, ad in zip(base, arm, strict=True)
        ],
        dtype=float,
    )


def _component(dof: int | None):
    """Each draw's error: Student's t on the pooled within-draw degrees of freedom (the
    variance is estimated), a normal when they are not given."""
    return stats.t(dof) if dof else stats.norm


def mixture_above(
    means: np.ndarray,
    se: np.ndarray,
    x: float,
    inclusive: bool = False,
    dof: int | None = None,
) -> float:
    """The share of the equal-weight mixture of ``means + se * error`` above ``x`` (a
    component with no spread is a point mass: counted when above, or at ``x`` if
    ``inclusive``)."""
    dist = _component(dof)
    out = []
    for m, s in zip(means, se, strict=True):
        if s > 0:
            out.append(float(dist.sf((x - m) / s)))
        else:
            out.append(1.0 if (m > x or (inclusive and m == x)) else 0.0)
    return float(np.mean(out))


def mixture_quantiles(
    means: np.ndarray, se: np.ndarray, qs: tuple[float, ...], dof: int | None = None
) -> tuple[float, ...]:
    """Quantiles of the equal-weight mixture of ``means + se * error``."""
    if not (se > 0).any():
        return tuple(float(np.quantile(means, q)) for q in qs)
    dist = _component(dof)
    reach = float(dist.ppf(1 - 1e-6))
    lo = float((means - reach * se).min()) - 1e-12
    hi = float((means + reach * se).max()) + 1e-12

    def cdf(x: float) -> float:
        parts = [
            dist.cdf((x - m) / s) if s > 0 else float(m <= x)
            for m, s in zip(means, se, strict=True)
        ]
        return float(np.mean(parts))

    return tuple(float(optimize.brentq(lambda x, q=q: cdf(x) - q, lo, hi)) for q in qs)


def hierarchical_cost(
    base: list[list[Outcomes]], arm: list[list[Outcomes]], seed: int = 0, n_boot: int = N_BOOT
) -> dict[str, float]:
    """Extra cost over the run per extra adult retained five years, pooled over draws and
    replications, with a two-level bootstrap interval (draws, then replications in each)."""
    dc = _paired(base, arm, "lever_cost_total_nok")
    dr = _paired(base, arm, "adults_retained_5y")
    nan = math.nan
    if dc.size == 0 or not np.isfinite(dr).all() or dc.mean() <= 0 or dr.mean() <= 0:
        return {"mean": nan, "low": nan, "high": nan}
    k, r = dc.shape
    rng = np.random.default_rng(derive_seed(seed, "posterior-cost"))
    pick = rng.integers(0, k, size=(n_boot, k))[:, :, None]
    within = rng.integers(0, r, size=(n_boot, k, r))
    c, n = dc[pick, within].mean(axis=(1, 2)), dr[pick, within].mean(axis=(1, 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        boots = np.where(n > 0, c / np.where(n > 0, n, 1.0), np.inf)
        low, high = (float(np.percentile(boots, q)) for q in (2.5, 97.5))
    return {"mean": float(dc.mean() / dr.mean()), "low": low, "high": high}
