"""Figures of a live comparison: effects with 95 % intervals, and how the estimate settles."""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from analysis.dashboard.charts import DPI, style_axes
from analysis.dashboard.live_compare import OUTCOMES, Snapshot
from analysis.i18n import _

ARM_COLORS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d")


def _finite(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def effects_figure(snap: Snapshot) -> Figure:
    """Paired effects (arm minus baseline) on the share outcomes, in percentage points."""
    keys = [k for k in snap.keys if OUTCOMES[k][1] == "share"]
    n_arms = max(len(snap.labels), 1)
    height = 0.9 + 0.32 * max(len(keys), 1) * (1 + 0.35 * (n_arms - 1))
    fig = Figure(figsize=(6.6, height), dpi=DPI)
    ax = fig.subplots()
    fig.subplots_adjust(left=0.42, right=0.97, top=1 - 0.35 / height, bottom=0.55 / height)
    style_axes(ax)
    ax.grid(axis="x", color="#eeeeee")
    ax.axvline(0, color="#444444", linewidth=0.8)
    if not keys or not snap.effects:
        ax.text(
            0.5, 0.5, _("waiting for the first replications"), ha="center", transform=ax.transAxes
        )
        ax.set_yticks([])
        return fig
    step = 0.7 / n_arms
    for a, label in enumerate(snap.labels):
        color = ARM_COLORS[a % len(ARM_COLORS)]
        eff = snap.effects.get(label, {})
        for i, key in enumerate(keys):
            e = eff.get(key)
            if e is None or not _finite(e["mean"]):
                continue
            y = i + (a - (n_arms - 1) / 2) * step
            lo, hi = e["ci95"]
            if _finite(lo) and _finite(hi):
                ax.plot([lo * 100, hi * 100], [y, y], color=color, linewidth=2.2, alpha=0.6)
            ax.plot(
                e["mean"] * 100, y, "o", color=color, markersize=5, label=label if i == 0 else None
            )
    ax.set_yticks(range(len(keys)))
    ax.set_yticklabels([_(OUTCOMES[k][0]) for k in keys], fontsize=8)
    ax.set_ylim(len(keys) - 0.5, -0.5)
    ax.set_xlabel(_("difference from the baseline (percentage points), 95 % interval"), fontsize=8)
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    return fig


def convergence_figure(snap: Snapshot) -> Figure:
    """The headline effect as replications accumulate, with its 95 % band."""
    fig = Figure(figsize=(4.6, 2.6), dpi=DPI)
    ax = fig.subplots()
    fig.subplots_adjust(left=0.16, right=0.97, top=0.88, bottom=0.2)
    style_axes(ax)
    ax.axhline(0, color="#444444", linewidth=0.8)
    ax.set_title(
        _("{outcome}: effect so far").format(outcome=_(OUTCOMES[snap.headline][0])), fontsize=8
    )
    ax.set_xlabel(_("paired replications done"), fontsize=8)
    ax.set_ylabel(_("percentage points"), fontsize=8)
    ax.set_xlim(1, max(snap.replications, 2))
    for a, label in enumerate(snap.labels):
        color = ARM_COLORS[a % len(ARM_COLORS)]
        hist = snap.history.get(label, [])
        if not hist:
            continue
        n = [h[0] for h in hist]
        m = [h[1] * 100 for h in hist]
        ax.plot(n, m, color=color, linewidth=1.5, label=label)
        band = [(h[0], h[2] * 100, h[3] * 100) for h in hist if _finite(h[2]) and _finite(h[3])]
        if band:
            ax.fill_between(
                [b[0] for b in band],
                [b[1] for b in band],
                [b[2] for b in band],
                color=color,
                alpha=0.15,
                linewidth=0,
            )
    if snap.history:
        ax.legend(fontsize=6.5, frameon=False)
    return fig
