"""Presenting a cost frontier: a terminal table (rich), a figure of the front with its
intervals, and the ``--out`` folder (``frontier.json`` and ``frontier.png``). Works from the
JSON object of :func:`analysis.experiments.frontier.describe`, cleaned (None for n/a)."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from analysis.reports import plots
from analysis.reports.tables import fmt
from model.outcomes import is_share

FRONT_COLOUR = plots.colour(0)
DROPPED_COLOUR = "#999999"


def _num(x: float | None) -> float:
    return float("nan") if x is None else float(x)


def label(levers: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in levers.items()) or "no levers (baseline)"


def _interval(key: str, ci: list) -> str:
    return f"{fmt(key, ci[0])} – {fmt(key, ci[1])}"


def _effect(key: str, x: float | None) -> str:
    """A paired difference: percentage points for a share."""
    if x is None or not is_share(key):
        return fmt(key, x)
    return f"{100 * x:+.1f} pp"


def print_frontier(data: dict, written: Path | None = None) -> None:
    console = Console()
    key = data["outcome"]
    method = (
        f"every one of the {data['space'] - 1:,} packages"
        if data["method"] == "exhaustive"
        else f"NSGA-II, {data['evaluated']:,} of {data['space'] - 1:,} packages"
    )
    table = Table(
        title=f"{data['scenario']}: cost frontier of {key} ({data['better']} is better); search "
        f"{method} x {data['replications']} replications, front confirmed on "
        f"{data['confirm_replications']} fresh paired replications"
    )
    for col in ("#", "package", "extra cost / year", key, "95 % CI", "effect", "95 % CI"):
        table.add_column(col, justify="left" if col == "package" else "right")
    for i, p in enumerate(data["front"], start=1):
        table.add_row(
            str(i),
            label(p["levers"]),
            fmt("cost_nok", p["cost_nok_per_year"]),
            fmt(key, p["mean"]),
            _interval(key, p["ci95"]),
            _effect(key, p["effect"]["mean"]),
            " – ".join(_effect(key, x) for x in p["effect"]["ci95"]),
        )
    console.print(table)
    for p in data["dropped_on_confirmation"]:
        console.print(f"dropped on confirmation (dominated once re-run): {label(p['levers'])}")
    console.print(f"{data['runs']:,} model runs.", style="dim")
    if written:
        console.print(f"wrote {written / 'frontier.json'} and {written / 'frontier.png'}")


def frontier_figure(data: dict):
    """The front: extra yearly cost against the outcome, 95 % intervals both ways, a step line
    through the front (what the next krone buys); packages dropped on confirmation in grey."""
    key = data["outcome"]
    scale = 100.0 if key.startswith(("retention", "employment", "work_or")) else 1.0
    fig = plots.new_figure(8.0, 5.0)
    ax = fig.add_subplot()
    for points, colour, name in (
        (data["dropped_on_confirmation"], DROPPED_COLOUR, "dropped on confirmation"),
        (data["front"], FRONT_COLOUR, "front (confirmed)"),
    ):
        if not points:
            continue
        x = [_num(p["cost_nok_per_year"]) / 1000 for p in points]
        y = [_num(p["mean"]) * scale for p in points]
        yerr = [
            [max(0.0, y[i] - _num(p["ci95"][0]) * scale) for i, p in enumerate(points)],
            [max(0.0, _num(p["ci95"][1]) * scale - y[i]) for i, p in enumerate(points)],
        ]
        xerr = [
            [max(0.0, x[i] - _num(p["cost_ci95"][0]) / 1000) for i, p in enumerate(points)],
            [max(0.0, _num(p["cost_ci95"][1]) / 1000 - x[i]) for i, p in enumerate(points)],
        ]
        ax.errorbar(x, y, yerr=yerr, xerr=xerr, fmt="o", color=colour, capsize=3, label=name)
        if points is data["front"]:
            ax.step(x, y, where="post", color=colour, alpha=0.5, lw=1)
            for i, (xi, yi) in enumerate(zip(x, y, strict=True), start=1):
                ax.annotate(str(i), (xi, yi), textcoords="offset points", xytext=(5, -10))
    unit = " (%)" if scale == 100.0 else ""
    ax.set_xlabel("extra lever cost per year (1,000 NOK)")
    ax.set_ylabel(f"{key}{unit}, mean and 95 % CI")
    ax.set_title(f"{data['scenario']}: cost frontier of {key} (numbers as in the table)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return fig


def write_frontier(data: dict, out: Path) -> None:
    """``frontier.json`` (the ``--json`` object) and ``frontier.png`` in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "frontier.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    (out / "frontier.png").write_bytes(plots.to_png(frontier_figure(data)))
