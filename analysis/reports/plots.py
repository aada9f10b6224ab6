"""Figures for the comparison and sweep reports: pure functions from numbers to a matplotlib
``Figure``. Figures are made without pyplot (no global state, no GUI backend) and rendered with
the non-interactive Agg canvas.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analysis.i18n import _

Interval = tuple[float, float, float]  # mean, low, high
BASE_COLOUR = "#444444"
PALETTE = (
    "#1b6ca8",
    "#d1495b",
    "#2e933c",
    "#edae49",
    "#7a4eab",
    "#00798c",
    "#c9752d",
    "#8c564b",
    "#e377c2",
    "#17becf",
)


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def new_figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def to_png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


def _finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)


def _arr(values: Sequence[float | None]) -> np.ndarray:
    return np.array([v if _finite(v) else np.nan for v in values], dtype=float)


def retention_curves(
    years: Sequence[int],
    baseline: Sequence[Interval],
    arms: dict[str, Sequence[Interval]],
    baseline_label: str | None = None,
) -> Figure:
    """Share of arrivals still living in the municipality k years after arrival, with 95 % CI
    bands: one panel per arm, the baseline drawn in every panel."""
    baseline_label = baseline_label or _("baseline")
    names = list(arms) or [baseline_label]
    ncols = min(3, len(names))
    nrows = math.ceil(len(names) / ncols)
    fig = new_figure(4.2 * ncols, 3.0 * nrows + 0.4)
    axes = fig.subplots(nrows, ncols, squeeze=False, sharex=True, sharey=True)
    x = np.asarray(years)
    b = [_arr(col) for col in zip(*baseline, strict=True)]
    for i, ax in enumerate(axes.flat):
        if i >= len(names):
            ax.set_visible(False)
            continue
        ax.fill_between(x, 100 * b[1], 100 * b[2], color=BASE_COLOUR, alpha=0.15, lw=0)
        ax.plot(x, 100 * b[0], color=BASE_COLOUR, marker="o", ms=3, label=baseline_label)
        if arms:
            name = names[i]
            m, lo, hi = (_arr(col) for col in zip(*arms[name], strict=True))
            ax.fill_between(x, 100 * lo, 100 * hi, color=colour(i), alpha=0.2, lw=0)
            ax.plot(x, 100 * m, color=colour(i), marker="o", ms=3, label=name)
        ax.set_title(names[i], fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="lower left")
        ax.set_ylim(0, 100)
    for ax in axes[-1]:
        ax.set_xlabel(_("years since arrival"))
    for ax in axes[:, 0]:
        ax.set_ylabel(_("still living here (%)"))
    fig.suptitle(_("Retention by years since arrival (mean and 95 % CI)"), fontsize=11)
    return fig


def forest(rows: Sequence[tuple[str, float, float, float]], xlabel: str, title: str) -> Figure:
    """Effects with 95 % CIs, one row each, largest effect on top; a line at zero. Each row
    keeps the colour of its position in ``rows`` (as in the other figures)."""
    order = sorted(range(len(rows)), key=lambda i: rows[i][1] if _finite(rows[i][1]) else -1e300)
    fig = new_figure(7.0, 0.45 * len(rows) + 1.4)
    ax = fig.add_subplot()
    for y, i in enumerate(order):
        _name, m, lo, hi = rows[i]
        if _finite(lo) and _finite(hi):
            ax.plot([lo, hi], [y, y], color=colour(i), lw=2)
        if _finite(m):
            ax.plot([m], [y], "o", color=colour(i), ms=6)
        else:
            ax.text(0, y, _(" not measured"), va="center", fontsize=8)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(np.arange(len(rows)), [rows[i][0] for i in order])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlabel(xlabel)
    ax.set_title(title, fontsize=11)
    ax.grid(axis="x", alpha=0.3)
    return fig


def cost_per_retained(rows: Sequence[tuple[str, float, float, float]]) -> Figure:
    """Extra lever cost per extra adult retained, with bootstrap 95 % CIs. Levers that retain
    nobody extra for their money have no finite cost: they are labelled so, and an interval
    whose resamples include no gain runs off the right edge (an arrow)."""
    fig = new_figure(7.5, 0.5 * len(rows) + 1.5)
    ax = fig.add_subplot()
    finite = [v for r in rows for v in r[1:] if _finite(v)]
    right = 1.15 * max([v / 1000 for v in finite] + [1.0])
    for i, (_name, cost, lo, hi) in enumerate(rows):
        if not _finite(cost):
            ax.text(
                0.01 * right,
                i,
                _("no extra adult retained: no finite cost"),
                va="center",
                fontsize=8,
            )
            continue
        ax.barh(i, cost / 1000, color=colour(i), alpha=0.8, height=0.6)
        lo_k = lo / 1000 if _finite(lo) else cost / 1000
        if _finite(hi):
            ax.plot([lo_k, hi / 1000], [i, i], color="black", lw=1)
        else:
            ax.annotate(
                "", xy=(right, i), xytext=(lo_k, i), arrowprops={"arrowstyle": "->", "lw": 1}
            )
            ax.text(right, i + 0.28, _("some resamples: no gain "), ha="right", fontsize=7)
    ax.set_yticks(np.arange(len(rows)), [r[0] for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)  # first lever on top
    ax.set_xlim(min(0.0, min(finite, default=0.0) / 1000), right)
    ax.set_xlabel(_("extra cost per extra adult still living here at the end (1,000 NOK)"))
    ax.set_title(_("Cost per retained adult (paired, bootstrap 95 % CI)"), fontsize=11)
    ax.axvline(0, color="black", lw=0.8)
    ax.grid(axis="x", alpha=0.3)
    return fig


def cost_effect_plane(rows: Sequence[tuple[str, float, float, float, float]]) -> Figure:
    """Extra cost per year against the effect on 5-year retention (with its CI)."""
    fig = new_figure(7.0, 4.6)
    ax = fig.add_subplot()
    for i, (name, cost, m, lo, hi) in enumerate(rows):
        if not (_finite(cost) and _finite(m)):
            continue
        ax.errorbar(
            cost / 1000,
            m,
            yerr=[[m - lo], [hi - m]] if _finite(lo) and _finite(hi) else None,
            fmt="o",
            color=colour(i),
            capsize=3,
        )
        ax.annotate(name, (cost / 1000, m), textcoords="offset points", xytext=(5, 4), fontsize=8)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xlabel(_("extra lever cost per year (1,000 NOK)"))
    ax.set_ylabel(_("effect on 5-year retention (percentage points)"))
    ax.set_title(_("What each lever buys: cost against effect"), fontsize=11)
    ax.grid(alpha=0.3)
    return fig


def group_breakdown(
    groups: Sequence[str], arms: dict[str, Sequence[Interval]], title: str
) -> Figure:
    """Grouped bars with 95 % CIs: one group of bars per household group, one bar per arm."""
    names = list(arms)
    fig = new_figure(max(7.0, 1.2 * len(groups) + 0.35 * len(names) * len(groups)), 4.4)
    ax = fig.add_subplot()
    width = 0.8 / max(1, len(names))
    x = np.arange(len(groups))
    for j, name in enumerate(names):
        m, lo, hi = (_arr(col) for col in zip(*arms[name], strict=True))
        shift = 1 if "baseline" in names else 0
        c = BASE_COLOUR if name == "baseline" else colour(j - shift)
        pos = x - 0.4 + width * (j + 0.5)
        shown = _("baseline") if name == "baseline" else name
        ax.bar(pos, 100 * np.nan_to_num(m), width, color=c, alpha=0.85, label=shown)
        ok = ~np.isnan(lo) & ~np.isnan(hi) & ~np.isnan(m)
        ax.errorbar(
            pos[ok],
            100 * m[ok],
            yerr=[100 * (m - lo)[ok], 100 * (hi - m)[ok]],
            fmt="none",
            ecolor="black",
            lw=0.8,
            capsize=2,
        )
    ax.set_xticks(x, [g.replace("_", " ") for g in groups])
    ax.set_ylabel("%")
    ax.set_title(title, fontsize=11)
    ax.legend(fontsize=8, ncols=min(4, len(names)))
    ax.grid(axis="y", alpha=0.3)
    return fig


def main_effects(
    params: dict[str, Sequence[float]], means: Sequence[Interval], ylabel: str
) -> Figure:
    """One panel per swept parameter: the outcome at each design point (dots, mean over its
    replications) against the parameter's value, and the mean over points in bins of the
    value (line): the parameter's main effect, averaged over the others."""
    names = list(params)
    ncols = min(3, len(names))
    nrows = math.ceil(len(names) / ncols)
    fig = new_figure(4.0 * ncols, 3.0 * nrows + 0.3)
    axes = fig.subplots(nrows, ncols, squeeze=False, sharey=True)
    m = 100 * _arr([t[0] for t in means])
    for i, ax in enumerate(axes.flat):
        if i >= len(names):
            ax.set_visible(False)
            continue
        x = np.asarray([float(v) for v in params[names[i]]])
        ok = ~np.isnan(m)
        ax.plot(x[ok], m[ok], "o", ms=3, alpha=0.45, color=colour(0))
        values = np.unique(x[ok])
        if values.size > 6:
            edges = np.quantile(x[ok], np.linspace(0, 1, 7))
            idx = np.clip(np.searchsorted(edges, x[ok], side="right") - 1, 0, 5)
            centres = [x[ok][idx == b].mean() for b in range(6) if (idx == b).any()]
            level = [m[ok][idx == b].mean() for b in range(6) if (idx == b).any()]
        else:
            centres = list(values)
            level = [m[ok][x[ok] == v].mean() for v in values]
        if len(centres):
            ax.plot(centres, level, "-", color=colour(1), lw=2, label=_("mean over points"))
        ax.set_xlabel(names[i], fontsize=8)
        ax.grid(alpha=0.3)
    for ax in axes[:, 0]:
        ax.set_ylabel(ylabel)
    axes.flat[0].legend(fontsize=8)
    fig.suptitle(_("{outcome} at each design point").format(outcome=ylabel), fontsize=11)
    return fig


def sobol_indices(
    names: Sequence[str],
    s1: Sequence[float],
    s1_conf: Sequence[float],
    st: Sequence[float],
    st_conf: Sequence[float],
    title: str,
) -> Figure:
    """First-order and total Sobol' indices with their confidence intervals."""
    fig = new_figure(7.0, 0.5 * len(names) + 1.6)
    ax = fig.add_subplot()
    y = np.arange(len(names))
    ax.barh(y - 0.2, _arr(s1), 0.4, xerr=_arr(s1_conf), label=_("first order S1"), color=colour(0))
    ax.barh(y + 0.2, _arr(st), 0.4, xerr=_arr(st_conf), label=_("total ST"), color=colour(1))
    ax.set_yticks(y, names, fontsize=8)
    ax.set_xlabel(_("share of output variance"))
    ax.set_title(title, fontsize=11)
    ax.legend(fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    return fig
