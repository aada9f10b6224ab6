"""Self-contained HTML reports: one page, inline CSS, figures embedded as base64 PNG, no
scripts and no external assets, so the page opens in any browser without the tool or a network.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.experiments.stats import COST_KEY, mean_ci, summarise
from analysis.provenance import atomic_write_bytes, code_version
from analysis.reports import plots
from model.outcomes import GROUPS, is_share, outcome_keys

if TYPE_CHECKING:
    import pyarrow as pa

    from analysis.experiments.compare import CompareResult
    from analysis.experiments.sweep_spec import Sweep

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;
max-width:1100px;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:2em;
border-bottom:1px solid #ddd;padding-bottom:.2em}
.meta{color:#555;font-size:.92em}.note{background:#f6f6f0;border-left:4px solid #c9a227;
padding:.6em 1em;margin:1em 0}.warn{border-left-color:#d1495b}
table{border-collapse:collapse;font-size:.88em;margin:.6em 0}
th,td{border:1px solid #ddd;padding:.25em .55em;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f2f2f2}
td.desc{text-align:left;max-width:380px}
figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{color:#555;font-size:.88em}details summary{cursor:pointer;margin:.5em 0}
"""

YEARS = range(1, 11)


def esc(x: Any) -> str:
    return html.escape(str(x), quote=True)


def fmt(key: str, value: float | None, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    sign = "+" if signed else ""
    if "nok" in key:
        return f"{value:{sign},.0f}".replace(",", " ")
    if is_share(key):
        return f"{100 * value:{sign}.1f}" + (" pp" if signed else " %")
    return f"{value:{sign}.2f}"


def fmt_ci(key: str, ci: list[float | None] | None, signed: bool = False) -> str:
    if not ci or all(c is None or not math.isfinite(c) for c in ci):
        return "n/a"
    lo, hi = ci
    upper = "∞ (no gain)" if "nok" in key and hi is not None and hi == math.inf else None
    return f"{fmt(key, lo, signed)} to {upper or fmt(key, hi, signed)}"


def figure(fig: Any, caption: str, alt: str) -> str:
    data = base64.b64encode(plots.to_png(fig)).decode("ascii")
    return (
        f'<figure><img alt="{esc(alt)}" src="data:image/png;base64,{data}">'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


def page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )


def _stamp() -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"made {now} by bygdesim {esc(code_version())}"


def _curve(runs: list[dict[str, float]], years: list[int]) -> list[tuple[float, float, float]]:
    return [mean_ci([r[f"retention_year_{k}"] for r in runs], share=True) for k in years]


# --------------------------------------------------------------------------------------------
# Comparison report
# --------------------------------------------------------------------------------------------


def compare_report(result: CompareResult, summary: dict[str, Any]) -> str:
    """The report of a comparison: summary table and the four figures."""
    base_runs = result.runs["baseline"]
    levers = summary["levers"]
    names = list(levers)
    key5 = "retention_5y"
    years = [k for k in YEARS if any(math.isfinite(r[f"retention_year_{k}"]) for r in base_runs)]

    parts = [
        f"<h1>Policy comparison: {esc(result.scenario)}</h1>",
        f'<p class="meta">{result.replications} paired replications, {result.years} simulated '
        f"years, master seed {result.seed}; {_stamp()}</p>",
        '<p class="note">Every lever is run on the same seeds as the baseline (common random '
        "numbers), so the effects are paired differences: lever minus baseline in the same "
        "simulated municipality. Intervals are 95 % t-intervals over replications; the cost per "
        "retained adult is the extra lever cost over the run divided by the extra adults still "
        "living in the municipality at the end, with a paired bootstrap interval.</p>",
    ]
    if result.precision:
        warn = "" if result.precision["reached"] else " warn"
        parts.append(f'<p class="note{warn}">{esc(result.precision["message"])}</p>')

    rows = []
    for name in names:
        lv = levers[name]
        eff = lv["effect"][key5]
        rows.append(
            "<tr>"
            f"<td>{esc(name)}</td><td class='desc'>{esc(summary['lever_descriptions'][name])}</td>"
            f"<td>{fmt(key5, eff['mean'], True)}</td><td>{fmt_ci(key5, eff['ci95'], True)}</td>"
            f"<td>{fmt('nok', lv['effect']['lever_cost_nok_per_year']['mean'], True)}</td>"
            f"<td>{fmt('nok', lv['cost_per_retained_adult_nok'])}</td>"
            f"<td>{fmt_ci('nok', lv['effect'][COST_KEY]['ci95'])}</td></tr>"
        )
    parts += [
        "<h2>Summary</h2>",
        f"<p>Baseline 5-year retention: <b>{fmt(key5, summary['baseline'][key5])}</b>; "
        f"baseline lever spending {fmt('nok', summary['baseline']['lever_cost_nok_per_year'])}"
        " NOK a year.</p>",
        "<table><tr><th>lever</th><th>what it is</th><th>effect on 5-year retention</th>"
        "<th>95 % CI</th><th>extra cost per year (NOK)</th>"
        "<th>cost per retained adult (NOK)</th><th>95 % CI</th></tr>",
        *rows,
        "</table>",
    ]

    curves = {name: _curve(result.runs[name], years) for name in names}
    parts += [
        "<h2>Retention by years since arrival</h2>",
        figure(
            plots.retention_curves(years, _curve(base_runs, years), curves),
            "Share of adult arrivals still living in the municipality k years after arrival "
            "(only cohorts observed that long count). Grey: baseline; colour: with the lever. "
            "Bands: 95 % CI over replications.",
            "retention curves",
        ),
    ]
    forest_rows = [
        (
            n,
            *(
                100 * v if v is not None and math.isfinite(v) else math.nan
                for v in (levers[n]["effect"][key5]["mean"], *levers[n]["effect"][key5]["ci95"])
            ),
        )
        for n in names
    ]
    parts += [
        "<h2>Effects on 5-year retention</h2>",
        figure(
            plots.forest(
                forest_rows,
                "effect on 5-year retention (percentage points, lever minus baseline)",
                "Lever effects on 5-year retention (paired mean and 95 % CI)",
            ),
            "Each lever's paired effect on 5-year retention. An interval crossing zero means "
            "this many replications cannot tell the lever from the baseline.",
            "forest plot of effects",
        ),
    ]
    cost_rows = [
        (
            n,
            _num(levers[n]["cost_per_retained_adult_nok"]),
            *(_num(v) for v in levers[n]["effect"][COST_KEY]["ci95"]),
        )
        for n in names
    ]
    plane_rows = [
        (n, _num(levers[n]["effect"]["lever_cost_nok_per_year"]["mean"]), *forest_rows[i][1:])
        for i, n in enumerate(names)
    ]
    parts += [
        "<h2>Cost per retained adult</h2>",
        figure(
            plots.cost_per_retained(cost_rows),
            "Extra lever cost over the whole run per extra adult still living in the "
            "municipality at the end, against the paired baseline.",
            "cost per retained adult",
        ),
        figure(
            plots.cost_effect_plane(plane_rows),
            "Extra cost per year against the effect on 5-year retention: up and to the left "
            "is better value.",
            "cost against effect",
        ),
    ]
    parts += _group_section(result, summary)
    parts += _all_effects(summary)
    return page(f"bygdesim compare: {result.scenario}", "\n".join(parts))


def _num(v: float | None) -> float:
    return v if v is not None else math.nan


def _group_section(result: CompareResult, summary: dict[str, Any]) -> list[str]:
    arms = {"baseline": result.runs["baseline"]} | {n: result.runs[n] for n in summary["levers"]}
    keys = [f"retention_5y.{g}" for g in GROUPS]
    by_arm = {name: [summarise(runs, [k])[0][k] for k in keys] for name, runs in arms.items()}
    cis = {name: [summarise(runs, [k])[1][k] for k in keys] for name, runs in arms.items()}
    intervals = {
        name: [(m, *ci) for m, ci in zip(by_arm[name], cis[name], strict=True)] for name in arms
    }
    head = "".join(f"<th>{esc(g.replace('_', ' '))}</th>" for g in GROUPS)
    rows = []
    for metric, label in (
        ("retention_5y", "5-year retention"),
        ("local_ties_mean", "local ties (mean)"),
        ("lonely_share", "lonely share"),
    ):
        for name, runs in arms.items():
            ks = [f"{metric}.{g}" for g in GROUPS]
            means, _ = summarise(runs, ks)
            cells = "".join(f"<td>{fmt(k, means[k])}</td>" for k in ks)
            rows.append(f"<tr><td>{esc(label)}: {esc(name)}</td>{cells}</tr>")
    return [
        "<h2>Groups: singles versus families</h2>",
        figure(
            plots.group_breakdown(
                list(GROUPS), intervals, "5-year retention by household group (mean and 95 % CI)"
            ),
            "Singles leave more than families because they stay isolated (ch. 4.4, 7). Groups "
            "with few arrivals have wide intervals or none (n/a).",
            "group breakdown",
        ),
        f"<table><tr><th>outcome</th>{head}</tr>",
        *rows,
        "</table>",
    ]


def _all_effects(summary: dict[str, Any]) -> list[str]:
    names = list(summary["levers"])
    head = "".join(f"<th>{esc(n)}</th>" for n in names)
    rows = []
    for k in outcome_keys():
        cells = []
        for n in names:
            e = summary["levers"][n]["effect"][k]
            cells.append(
                f"<td>{fmt(k, e['mean'], True)}<br><small>{fmt_ci(k, e['ci95'], True)}</small></td>"
            )
        rows.append(
            f"<tr><td>{esc(k)}</td><td>{fmt(k, summary['baseline'][k])}</td>{''.join(cells)}</tr>"
        )
    return [
        "<h2>Every outcome</h2><details><summary>Paired effect of each lever on every outcome "
        "(mean and 95 % CI)</summary>",
        f"<table><tr><th>outcome</th><th>baseline</th>{head}</tr>",
        *rows,
        "</table></details>",
        '<p class="meta">n/a: nobody could be measured (for example no cohort observed that '
        "long), or no extra adult retained for the money.</p>",
    ]


def write_compare_report(result: CompareResult, summary: dict[str, Any], path: Path) -> None:
    atomic_write_bytes(Path(path), compare_report(result, summary).encode("utf-8"))


# --------------------------------------------------------------------------------------------
# Sweep summary
# --------------------------------------------------------------------------------------------

SWEEP_KEYS = ("retention_5y", "retention_2y", "retention_1y")
TABLE_ROWS = 200


def sweep_report(sweep: Sweep, table: pa.Table) -> str:
    """A summary of a finished sweep: design, a table of point means and main-effect plots
    (and Sobol' indices for a sobol design)."""
    from analysis.experiments.sweep import point_means

    key = next(
        (k for k in SWEEP_KEYS if any(v is not None for v in table[k].to_pylist())), SWEEP_KEYS[0]
    )
    means = point_means(sweep, table, key)
    cost = point_means(sweep, table, "lever_cost_nok_per_year")
    parts = [
        f"<h1>Sweep: {esc(sweep.name)}</h1>",
        f'<p class="meta">scenario {esc(sweep.scenario.name)}; design {esc(sweep.design)}; '
        f"{len(sweep.points)} points × {sweep.replications} replications = {sweep.n_runs} runs; "
        f"master seed {sweep.seed}; {_stamp()}</p>",
        f'<p class="meta">sweep file {esc(sweep.path)} (sha256 {sweep.sha256[:16]}…); rows in '
        "results.parquet, provenance in manifest.json</p>",
        "<h2>Parameters</h2><table><tr><th>parameter</th><th>values</th></tr>",
        *(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in sweep.parameters.items()),
        "</table>",
    ]
    varied = [k for k in sweep.parameters if len({repr(p[k]) for p in sweep.points}) > 1]
    numeric = [k for k in varied if sweep.kinds[k] in (int, float, bool)]
    if numeric:
        parts += [
            f"<h2>{esc(key)} across the design</h2>",
            figure(
                plots.main_effects(
                    {k: [p[k] for p in sweep.points] for k in numeric}, means, f"{key} (%)"
                ),
                "Each dot is one design point (mean over its replications); the line is the mean "
                "over points by value of the parameter: its main effect, averaged over the "
                "others. Intervals per point are in the table below.",
                "main effects",
            ),
        ]
    if sweep.design == "sobol":
        parts += _sobol_section(sweep, means, key)
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


def _sobol_section(sweep: Sweep, means: list[tuple[float, float, float]], key: str) -> list[str]:
    import numpy as np
    from SALib.analyze import sobol as salib_sobol

    y = np.array([m for m, _, _ in means], dtype=float)
    if np.isnan(y).any() or np.ptp(y) == 0:
        return [f"<p>Sobol' indices of {esc(key)}: not computed (no variation measured).</p>"]
    d = len(sweep.sampled)
    problem = {"num_vars": d, "names": sweep.sampled, "bounds": [[0, 1]] * d}
    res = salib_sobol.analyze(problem, y, calc_second_order=False, seed=sweep.seed)
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


def write_sweep_report(sweep: Sweep, table: pa.Table, path: Path) -> None:
    atomic_write_bytes(Path(path), sweep_report(sweep, table).encode("utf-8"))
