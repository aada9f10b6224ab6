"""Presenting a sensitivity analysis: a ranked table and a figure."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from analysis.reports import plots
from analysis.reports.html import figure, page


def _score(result: dict, row: dict) -> float:
    return row["mu_star"] if result["method"] == "morris" else row["ST"]


def print_sensitivity(result: dict, path: Path | None) -> None:
    console = Console()
    for key, rows in result["indices"].items():
        morris = result["method"] == "morris"
        table = Table(
            title=f"{result['method'].title()} sensitivity of {key} "
            f"({result['preset']}, {result['runs']} runs)"
        )
        table.add_column("rank")
        table.add_column("parameter")
        for col in ("mu*", "sigma") if morris else ("S1", "ST"):
            table.add_column(col, justify="right")
        for i, r in enumerate(rows, start=1):
            vals = (r["mu_star"], r["sigma"]) if morris else (r["S1"], r["ST"])
            table.add_row(str(i), r["parameter"], *(f"{v:.4f}" for v in vals))
        console.print(table)
    if path:
        console.print(f"Figure and table: {path}")


def _figure(result: dict, key: str):
    rows = result["indices"][key][:15]
    fig = plots.new_figure(8.0, 0.35 * len(rows) + 1.2)
    ax = fig.add_subplot()
    names = [r["parameter"] for r in rows][::-1]
    vals = [_score(result, r) for r in rows][::-1]
    ax.barh(names, vals, color="#1b6ca8")
    label = (
        "mu* (mean absolute elementary effect)"
        if result["method"] == "morris"
        else "total-order Sobol index ST"
    )
    ax.set_xlabel(label)
    ax.set_title(f"What drives {key}")
    ax.tick_params(axis="y", labelsize=8)
    return fig


def write_sensitivity(result: dict, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    body = [
        f"<h1>Sensitivity: {result['preset']}</h1>",
        f"<p class='meta'>{result['method']} design, {result['runs']} runs.</p>",
    ]
    for key in result["indices"]:
        fig = _figure(result, key)
        (out / f"sensitivity_{key}.png").write_bytes(plots.to_png(fig))
        body.append(figure(fig, f"Ranked influence on {key}.", f"sensitivity of {key}"))
    (out / "sensitivity.json").write_text(json.dumps(result, indent=1))
    path = out / "sensitivity.html"
    path.write_text(page("bygdesim sensitivity", "\n".join(body)))
    return path
