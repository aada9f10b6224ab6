"""Presenting a finished sweep: ``report.html`` with the design, a table of point means and
main-effect plots (and Sobol' indices for a sobol design). The numbers come from
:func:`analysis.experiments.sweep.summarise_sweep`; this module only lays them out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from analysis.experiments.sweep import SweepSummary
from analysis.experiments.sweep_spec import Sweep
from analysis.reports import plots
from analysis.reports.html import esc, figure, fmt, fmt_ci, page, stamp, write_html

TABLE_ROWS = 200


def sweep_report(sweep: Sweep, summary: SweepSummary) -> str:
    """The summary page of a finished sweep."""
    key, means, cost = summary.key, summary.means, summary.cost
    parts = [
        f"<h1>Sweep: {esc(sweep.name)}</h1>",
        f'<p class="meta">scenario {esc(sweep.scenario.name)}; design {esc(sweep.design)}; '
        f"{len(sweep.points)} points × {sweep.replications} replications = {sweep.n_runs} runs; "
        f"master seed {sweep.seed}; {stamp()}</p>",
        f'<p class="meta">sweep file {esc(sweep.path)} (sha256 {sweep.sha256[:16]}…); rows in '
        "results.parquet, provenance in manifest.json</p>",
        "<h2>Parameters</h2><table><tr><th>parameter</th><th>values</th></tr>",
        *(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in sweep.parameters.items()),
        "</table>",
    ]
    if summary.numeric:
        parts += [
            f"<h2>{esc(key)} across the design</h2>",
            figure(
                plots.main_effects(
                    {k: [p[k] for p in sweep.points] for k in summary.numeric}, means, f"{key} (%)"
                ),
                "Each dot is one design point (mean over its replications); the line is the mean "
                "over points by value of the parameter: its main effect, averaged over the "
                "others. Intervals per point are in the table below.",
                "main effects",
            ),
        ]
    if sweep.design == "sobol":
        parts += _sobol_section(sweep, summary)
    head = "".join(f"<th>{esc(k)}</th>" for k in sweep.parameters)
    rows = []
    for pid, point in enumerate(sweep.points[:TABLE_ROWS]):
        m, lo, hi = means[pid]
        cells = "".join(f"<td>{esc(_value(point[k]))}</td>" for k in sweep.parameters)
        rows.append(
            f"<tr><td>{pid}</td>{cells}<td>{fmt(key, m)}</td><td>{fmt_ci(key, [lo, hi])}</td>"
            f"<td>{fmt('nok', cost[pid][0])}</td></tr>"
        )
    more = len(sweep.points) - TABLE_ROWS
    parts += [
        "<h2>Design points</h2>",
        f"<table><tr><th>point</th>{head}<th>{esc(key)}</th><th>95 % CI</th>"
        "<th>lever cost per year (NOK)</th></tr>",
        *rows,
        "</table>",
        f'<p class="meta">{more} more points in results.parquet.</p>' if more > 0 else "",
    ]
    return page(f"bygdesim sweep: {sweep.name}", "\n".join(parts))


def _value(v: Any) -> Any:
    return f"{v:.4g}" if isinstance(v, float) else v


def _sobol_section(sweep: Sweep, summary: SweepSummary) -> list[str]:
    key, res = summary.key, summary.sobol
    if res is None:
        return [f"<p>Sobol' indices of {esc(key)}: not computed (no variation measured).</p>"]
    return [
        f"<h2>Sobol' indices of {esc(key)}</h2>",
        figure(
            plots.sobol_indices(
                sweep.sampled,
                res["S1"],
                res["S1_conf"],
                res["ST"],
                res["ST_conf"],
                f"Sensitivity of {key} (point means over replications)",
            ),
            "First-order (S1) and total (ST) indices from Saltelli's scheme; bars show the "
            "bootstrap confidence half-widths. Replication noise inflates the total indices.",
            "sobol indices",
        ),
    ]


def write_sweep_report(sweep: Sweep, summary: SweepSummary, path: Path) -> None:
    write_html(path, sweep_report(sweep, summary))
