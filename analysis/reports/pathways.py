"""How each lever worked: the pathway counters of a comparison, arm by arm, beside the baseline.

The numbers are the comparison's summary (:meth:`analysis.experiments.compare.CompareResult.
summary`, the ``--json`` object, before or after :func:`~analysis.experiments.stats.clean`):
each arm's mean, the people behind it, and the paired effect (arm minus baseline) with its 95 %
interval. This module only picks the pathway keys out of it, row by row, so the HTML report, the
terminal table and the dashboard show the same rows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from analysis.experiments.stats import few
from model.outcomes import pathway_keys

# pathway counters whose names are only known from the runs (one key per reason a household
# gave for moving): taken by prefix wherever they are present
PATHWAY_PREFIXES = ("moves_by_reason.",)


def pathway_keys_in(keys: Iterable[str]) -> list[str]:
    """The pathway counters among ``keys``: :func:`model.outcomes.pathway_keys` in their order,
    then keys named by :data:`PATHWAY_PREFIXES` in the order given."""
    present = list(keys)
    known = set(present)
    listed = [k for k in pathway_keys() if k in known]
    chosen = set(listed)
    return listed + [k for k in present if k.startswith(PATHWAY_PREFIXES) and k not in chosen]


def finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)


@dataclass(frozen=True)
class Value:
    """One arm's mean of a counter and the people (summed over replications) behind it."""

    value: float | None
    n: int | None

    @property
    def few(self) -> bool:
        """Rests on fewer than :data:`~analysis.experiments.stats.SMALL_N` people."""
        return few(self.n)

    @property
    def measured(self) -> bool:
        return finite(self.value)


@dataclass(frozen=True)
class Effect(Value):
    """A lever arm's value, and its paired effect (arm minus baseline) with the 95 % interval;
    the bounds are None or NaN where the replications cannot give one."""

    effect: float | None = None
    low: float | None = None
    high: float | None = None

    @property
    def ci95(self) -> list[float | None]:
        return [self.low, self.high]


@dataclass(frozen=True)
class PathwayRow:
    key: str
    baseline: Value
    arms: dict[str, Effect]

    @property
    def measured(self) -> bool:
        """Whether any arm, or the baseline, measured anybody for this counter."""
        return self.baseline.measured or any(a.measured for a in self.arms.values())


def pathway_rows(summary: dict[str, Any]) -> list[PathwayRow]:
    """One row per pathway counter of a comparison's summary, baseline first, then each arm."""
    rows = []
    for k in pathway_keys_in(summary["baseline"]):
        arms = {}
        for name, lv in summary["levers"].items():
            e = lv["effect"][k]
            lo, hi = e["ci95"]
            arms[name] = Effect(lv["outcomes"][k], lv["n"].get(k), e["mean"], lo, hi)
        base = Value(summary["baseline"][k], summary["baseline_n"].get(k))
        rows.append(PathwayRow(k, base, arms))
    return rows


def pathway_label(key: str) -> str:
    """``hires_by_channel.open_application`` -> ``hires by channel: open application``."""
    head, _, tail = key.partition(".")
    words = head.replace("_", " ")
    return f"{words}: {tail.replace('_', ' ')}" if tail else words
