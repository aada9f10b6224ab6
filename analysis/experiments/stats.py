"""Statistics over replications: means, t-intervals, paired effects and cost per retained adult.

Every interval is computed over replication-level values (one number per run), never over
agent-level rows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import stats

from model.outcomes import N_PREFIX, is_share, outcome_keys

Outcomes = dict[str, float]
COST_KEY = "cost_per_retained_adult_nok"
# estimates resting on fewer people than this are marked in tables, reports and the dashboard
SMALL_N = 30


def mean_ci(values: Sequence[float], share: bool = False) -> tuple[float, float, float]:
    """Mean and 95 % t-interval, ignoring NaN (runs where nobody could be measured)."""
    arr = np.asarray([v for v in values if v is not None and not math.isnan(v)], dtype=float)
    if arr.size == 0:
        return math.nan, math.nan, math.nan
    m = float(arr.mean())
    if arr.size < 2:
        return m, math.nan, math.nan
    half = float(stats.t.ppf(0.975, arr.size - 1) * arr.std(ddof=1) / math.sqrt(arr.size))
    lo, hi = m - half, m + half
    if share:
        lo, hi = max(0.0, lo), min(1.0, hi)
    return m, lo, hi


def summarise(
    runs: Sequence[Outcomes], keys: Sequence[str] | None = None
) -> tuple[dict[str, float], dict[str, list[float]]]:
    """Means and 95 % CIs of each outcome over replications."""
    keys = list(keys or [k for k in runs[0] if k != COST_KEY])
    means, ci = {}, {}
    for k in keys:
        m, lo, hi = mean_ci([r[k] for r in runs], share=is_share(k))
        means[k], ci[k] = m, [lo, hi]
    return means, ci


def counts(runs: Sequence[Outcomes], keys: Sequence[str]) -> dict[str, int]:
    """The people (household-months, hires) behind each key, summed over replications."""
    return {k: int(sum(r.get(N_PREFIX + k, 0.0) for r in runs)) for k in keys}


def few(n: int | None) -> bool:
    """Whether an estimate rests on fewer than :data:`SMALL_N` people."""
    return n is not None and n < SMALL_N


def paired_effects(
    base: Sequence[Outcomes], lever: Sequence[Outcomes], keys: Sequence[str] | None = None
) -> dict[str, dict]:
    """Mean paired difference (lever - baseline) per outcome, with a 95 % t-interval."""
    keys = list(keys or [k for k in outcome_keys() if k != COST_KEY])
    out = {}
    for k in keys:
        diffs = [
            b_l[1][k] - b_l[0][k]
            for b_l in zip(base, lever, strict=True)
            if not (math.isnan(b_l[0][k]) or math.isnan(b_l[1][k]))
        ]
        m, lo, hi = mean_ci(diffs)
        out[k] = {"mean": m, "ci95": [lo, hi]}
    return out


def cost_per_retained(
    base: Sequence[Outcomes], lever: Sequence[Outcomes], n_boot: int = 2000, seed: int = 0
) -> tuple[float, list[float]]:
    """Extra lever cost per extra adult still living in the municipality five years after
    arrival, paired on the same seeds, with a paired percentile-bootstrap interval: the mean
    extra cost over the run (NOK) divided by the mean extra number of adults retained five
    years (``adults_retained_5y``).

    NaN (shown as n/a) where the arm costs nothing extra or keeps nobody extra: no finite cost
    per retained adult exists there. Interval bounds are inf where resamples show no gain.
    """
    dc = np.array(
        [
            lv["lever_cost_total_nok"] - b["lever_cost_total_nok"]
            for b, lv in zip(base, lever, strict=True)
        ]
    )
    dr = np.array(
        [
            lv["adults_retained_5y"] - b["adults_retained_5y"]
            for b, lv in zip(base, lever, strict=True)
        ]
    )
    nan = math.nan
    if dc.size == 0 or dc.mean() <= 0 or dr.mean() <= 0:
        return nan, [nan, nan]

    def ratio(c: np.ndarray, r: np.ndarray) -> np.ndarray:
        c_m, r_m = c.mean(axis=-1), r.mean(axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(r_m > 0, c_m / np.where(r_m > 0, r_m, 1.0), np.inf)

    point = float(ratio(dc, dr))
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(dc), size=(n_boot, len(dc)))
    with np.errstate(divide="ignore", invalid="ignore"):  # inf: resamples with no gain
        boots = ratio(dc[idx], dr[idx])
        lo, hi = (float(np.percentile(boots, q)) for q in (2.5, 97.5))
    return point, [lo, hi]


def clean(value):
    """JSON-safe: NaN to None, inf to None; recursive."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, np.floating):
        return clean(float(value))
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    return value
