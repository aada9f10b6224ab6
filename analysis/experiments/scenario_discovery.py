"""Scenario discovery: the conditions under which a package misses its goal, found with PRIM
(the Patient Rule Induction Method of EMA Workbench, ``ema_workbench.analysis.prim``) and put
into words a planner can read.

This module is the one place that knows EMA Workbench's API; the rest of the code sees
:func:`discover` (numbers in, :class:`Discovery` out) and :func:`describe` (words).

PRIM peels the space of futures down to a box where misses are dense. Along its peeling
trajectory, coverage (the share of all misses that fall in the box) falls as density (the share
of the box's futures that miss) rises; the box reported is the point of the trajectory with the
highest coverage + density among those with density at or above ``threshold`` (where none
reaches it, the densest point, marked as below the threshold). Then each end of the box whose
quasi-p value (EMA Workbench's one-sided binomial test) is 0.05 or more is let go, so the words
name only restrictions that matter. After a box, PRIM looks for the next one among the futures
left outside it, up to ``max_boxes``.

A package that never misses, or always misses, gets that said plainly instead of a box.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

THRESHOLD = 0.8  # density a box should reach (share of its futures that miss)
MASS_MIN = 0.05  # smallest box, as a share of all futures (EMA Workbench's default)
SIGNIFICANCE = 0.05  # a box's end with a larger quasi-p value is let go
MIN_MISSES = 2  # fewer misses than this left outside the boxes: look for no further box


@dataclass(frozen=True)
class Limit:
    """One restricted factor of a box: ``low <= x <= high``; an end that is the range's own end
    is None (no restriction that way)."""

    factor: str
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Box:
    limits: tuple[Limit, ...]
    coverage: float
    density: float
    mass: float
    futures: int  # futures in the box
    misses: int  # of which miss the goal
    meets_threshold: bool


@dataclass
class Discovery:
    status: str  # "never" | "always" | "boxes" | "no box"
    futures: int
    misses: int
    threshold: float
    boxes: list[Box] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _prim():
    """EMA Workbench's PRIM module, imported without its ipyparallel warning."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="ipyparallel not installed")
        from ema_workbench.analysis import prim
    return prim


def _limits(box_lim: pd.DataFrame, init: pd.DataFrame) -> tuple[Limit, ...]:
    out = []
    for col in box_lim.columns:
        lo, hi = float(box_lim.at[0, col]), float(box_lim.at[1, col])
        lo0, hi0 = float(init.at[0, col]), float(init.at[1, col])
        low = lo if lo > lo0 else None
        high = hi if hi < hi0 else None
        if low is not None or high is not None:
            out.append(Limit(str(col), low, high))
    return tuple(out)


def _choose(trajectory: pd.DataFrame, threshold: float) -> tuple[int, bool]:
    """The point of the peeling trajectory to report, and whether it reaches ``threshold``."""
    restricted = trajectory[trajectory["res_dim"] > 0]
    if restricted.empty:
        return len(trajectory) - 1, False
    dense = restricted[restricted["density"] >= threshold]
    if not dense.empty:
        score = dense["coverage"] + dense["density"]
        best = dense.assign(score=score.round(9)).sort_values(
            ["score", "res_dim", "coverage"], ascending=[False, True, False]
        )
        return int(best.index[0]), True
    return int(restricted.sort_values(["density", "coverage"], ascending=False).index[0]), False


def _significant(engine: Any, box: Any, i: int, meets: bool, threshold: float) -> tuple:
    """Box ``i`` with every end whose quasi-p value (EMA Workbench's one-sided binomial test of
    that restriction) is at or above :data:`SIGNIFICANCE` let go; the box itself if letting go
    would drop it below ``threshold``."""
    lim = box.box_lims[i].copy()
    init = engine.box_init
    changed = False
    for dim, ends in box.p_values[i].items():
        for row, p in enumerate(ends):
            if p is not None and p >= SIGNIFICANCE and lim.at[row, dim] != init.at[row, dim]:
                lim.at[row, dim] = init.at[row, dim]
                changed = True
    if not changed:
        return i, meets
    x = engine.x.loc[engine.yi_remaining, lim.columns]
    inside = ((x >= lim.iloc[0]) & (x <= lim.iloc[1])).all(axis=1).to_numpy()
    box.update(lim, engine.yi_remaining[inside])
    j = len(box.peeling_trajectory) - 1
    density = float(box.peeling_trajectory.iloc[j]["density"])
    if meets and density < threshold:
        box.select(i)
        return i, meets
    return j, density >= threshold


def discover(
    x: pd.DataFrame,
    misses: np.ndarray | pd.Series,
    threshold: float = THRESHOLD,
    max_boxes: int = 2,
    mass_min: float = MASS_MIN,
) -> Discovery:
    """Boxes of the factor space (``x``: one row a future, one column a factor) where the
    futures that miss (``misses``: bool per row) are dense."""
    y = np.asarray(misses, dtype=bool)
    n, k = len(y), int(y.sum())
    found = Discovery("boxes", n, k, threshold)
    if k == 0:
        found.status = "never"
        return found
    if k == n:
        found.status = "always"
        return found
    x = x.reset_index(drop=True).astype(float)
    prim = _prim()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas deprecations inside the library
        engine = prim.Prim(x, y, mass_min=mass_min)
        init = engine.box_init
        while len(found.boxes) < max_boxes:
            box = engine.find_box()
            if box is None:
                break
            i, meets = _choose(box.peeling_trajectory, threshold)
            box.select(i)
            i, meets = _significant(engine, box, i, meets, threshold)
            row = box.peeling_trajectory.iloc[i]
            limits = _limits(box.box_lims[i], init)
            if not limits:
                break
            found.boxes.append(
                Box(
                    limits=limits,
                    coverage=float(row["coverage"]),
                    density=float(row["density"]),
                    mass=float(row["mass"]),
                    futures=int(row["n"]),
                    misses=int(row["k"]),
                    meets_threshold=meets,
                )
            )
            left = k - sum(b.misses for b in found.boxes)
            if not meets or left < MIN_MISSES:
                break
    if not found.boxes:
        found.status = "no box"
    return found


# ---- words ----------------------------------------------------------------------------------


def percent(share: float) -> str:
    return f"{100 * share:.0f} %"


def amount(value: float, unit: str, with_unit: bool = True) -> str:
    """``0.8 × today``, ``25 persons a year``, ``35 % of households`` (without the unit:
    ``0.8``, ``25``, ``35 %``)."""
    if unit.startswith("share of "):
        return (
            f"{percent(value)} of {unit.removeprefix('share of ')}"
            if with_unit
            else (percent(value))
        )
    text = f"{value:.0f}" if abs(value) >= 10 else f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text} {unit}".strip() if with_unit else text


def condition(
    limit: Limit, label: str, unit: str = "", plural: bool = False, integer: bool = False
) -> str:
    """``openings are below 0.8 × today``; for a factor of whole numbers, ``arrivals are at
    least 10 persons a year`` (a box's ends fall between whole numbers)."""
    verb = "are" if plural else "is"
    low, high = limit.low, limit.high
    if integer:
        low = math.ceil(low) if low is not None else None
        high = math.floor(high) if high is not None else None
        words = ("from", "to", "at most", "at least")
    else:
        words = ("between", "and", "below", "above")
    if low is not None and high is not None:
        return (
            f"{label} {verb} {words[0]} {amount(low, unit, False)} {words[1]} {amount(high, unit)}"
        )
    if high is not None:
        return f"{label} {verb} {words[2]} {amount(high, unit)}"
    return f"{label} {verb} {words[3]} {amount(low, unit)}"


def describe(
    found: Discovery,
    who: str,
    goal: str,
    factors: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[str]:
    """Sentences for a planner: ``who`` misses ``goal`` (words, e.g. "60 % retention_5y") in
    ... of the futures where ... ``factors``: name -> {label, unit, plural, integer}."""
    factors = factors or {}
    if found.status == "never":
        return [f"{who} never misses {goal} in the {found.futures} futures."]
    if found.status == "always":
        return [f"{who} misses {goal} in every one of the {found.futures} futures."]
    lead = f"{who} misses {goal} in {found.misses} of {found.futures} futures"
    if found.status == "no box":
        return [f"{lead}; PRIM found no conditions that set those futures apart."]
    out = []
    for box in found.boxes:
        where = " and ".join(
            condition(lim, **_words(factors.get(lim.factor, {}), lim.factor)) for lim in box.limits
        )
        note = "" if box.meets_threshold else f"; below the {percent(found.threshold)} aimed at"
        out.append(
            f"{who} misses {goal} in {percent(box.density)} of the futures where {where} "
            f"(coverage {percent(box.coverage)}, density {percent(box.density)}{note})."
        )
    return out


def _words(meta: Mapping[str, Any], name: str) -> dict[str, Any]:
    return {
        "label": meta.get("label", name),
        "unit": meta.get("unit", ""),
        "plural": bool(meta.get("plural", False)),
        "integer": bool(meta.get("integer", False)),
    }
