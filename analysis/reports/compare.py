"""Presenting a comparison: the self-contained ``report.html``, the files of ``--out`` and the
table on the terminal. Every number comes from the comparison's summary and breakdown
(:mod:`analysis.experiments.compare`); this module only lays them out."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from analysis.experiments.compare import BASELINE, Breakdown, CompareResult
from analysis.experiments.stats import COST_KEY, SMALL_N, few
from analysis.reports import plots
from analysis.reports.html import esc, figure, fmt, fmt_ci, page, stamp, write_html
from analysis.reports.pathways import pathway_rows
from model.outcomes import GROUPS, outcome_keys

KEY5 = "retention_5y"
GROUP_LABELS = {
    "retention_5y": "5-year retention",
    "local_ties_mean": "local ties (mean)",
    "lonely_share": "lonely share",
}


def compare_report(result: CompareResult, summary: dict[str, Any], detail: Breakdown) -> str:
    """The report of a comparison: summary table and the four figures."""
    levers = summary["levers"]
    names = list(levers)

    parts = [
        f"<h1>Policy comparison: {esc(result.scenario)}</h1>",
        f'<p class="meta">{result.replications} paired replications, {result.years} simulated '
        f"years, master seed {result.seed}; {stamp()}</p>",
        '<p class="note">Every lever is run on the same seeds as the baseline (common random '
        "numbers), so the effects are paired differences: lever minus baseline in the same "
        "simulated municipality. Intervals are 95 % t-intervals over replications; the cost per "
        "retained adult is the extra lever cost over the run divided by the extra adults still "
        "living in the municipality five years after their arrival, with a paired bootstrap "
        "interval (n/a where a lever costs nothing extra or keeps nobody extra). Values marked * "
        f"rest on fewer than {SMALL_N} people.</p>",
    ]
    if result.precision:
        warn = "" if result.precision["reached"] else " warn"
        parts.append(f'<p class="note{warn}">{esc(result.precision["message"])}</p>')

    rows = []
    for name in names:
        lv = levers[name]
        eff = lv["effect"][KEY5]
        rows.append(
            "<tr>"
            f"<td>{esc(name)}</td><td class='desc'>{esc(summary['lever_descriptions'][name])}</td>"
            f"<td>{fmt(KEY5, eff['mean'], True)}</td><td>{fmt_ci(KEY5, eff['ci95'], True)}</td>"
            f"<td>{fmt('nok', lv['effect']['lever_cost_nok_per_year']['mean'], True)}</td>"
            f"<td>{fmt('nok', lv['cost_per_retained_adult_nok'])}</td>"
            f"<td>{fmt_ci('nok', lv['effect'][COST_KEY]['ci95'])}</td></tr>"
        )
    parts += [
        "<h2>Summary</h2>",
        f"<p>Baseline 5-year retention: <b>{fmt(KEY5, summary['baseline'][KEY5])}</b>; "
        f"baseline lever spending {fmt('nok', summary['baseline']['lever_cost_nok_per_year'])}"
        " NOK a year.</p>",
        "<table><tr><th>lever</th><th>what it is</th><th>effect on 5-year retention</th>"
        "<th>95 % CI</th><th>extra cost per year (NOK)</th>"
        "<th>cost per retained adult (NOK)</th><th>95 % CI</th></tr>",
        *rows,
        "</table>",
    ]

    parts += _pathway_section(summary)
    curves = {name: detail.curves[name] for name in names}
    parts += [
        "<h2>Retention by years since arrival</h2>",
        figure(
            plots.retention_curves(detail.years, detail.curves[BASELINE], curves),
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
                for v in (levers[n]["effect"][KEY5]["mean"], *levers[n]["effect"][KEY5]["ci95"])
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
    parts += _group_section(detail)
    parts += _all_effects(summary)
    return page(f"bygdesim compare: {result.scenario}", "\n".join(parts))


def _num(v: float | None) -> float:
    return v if v is not None else math.nan


def _group_section(detail: Breakdown) -> list[str]:
    arms = detail.groups
    intervals = {name: [groups[f"{KEY5}.{g}"] for g in GROUPS] for name, groups in arms.items()}
    head = "".join(f"<th>{esc(g.replace('_', ' '))}</th>" for g in GROUPS)
    rows = []
    for metric, label in GROUP_LABELS.items():
        for name, groups in arms.items():
            ks = [f"{metric}.{g}" for g in GROUPS]
            cells = "".join(f"<td>{fmt(k, groups[k][0])}</td>" for k in ks)
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


def _pathway_section(summary: dict[str, Any]) -> list[str]:
    """How each lever worked: its effect on the pathway counters, next to the baseline."""
    names = list(summary["levers"])
    head = "".join(f"<th>{esc(n)}</th>" for n in names)
    rows = []
    for row in pathway_rows(summary):
        k = row.key
        base = fmt(k, row.baseline.value) + _mark(row.baseline.n)
        cells = []
        for e in row.arms.values():
            cells.append(
                f"<td>{fmt(k, e.value)}{_mark(e.n)}<br>"
                f"<small>{fmt(k, e.effect, True)} {fmt_ci(k, e.ci95, True)}</small></td>"
            )
        rows.append(f"<tr><td>{esc(k)}</td><td>{base}</td>{''.join(cells)}</tr>")
    return [
        "<h2>How each lever worked</h2>",
        '<p class="note">The pathways behind the effects: hires by channel, move rates by what '
        "the household lives on, plan quality and Norwegian at programme end, idle months after "
        "the programme, municipal-job months inside the programme, bridge-builder months held "
        "by the municipality's own refugees. Each arm's value, and below it the paired effect "
        "(lever minus baseline) with its 95 % interval.</p>",
        f"<table><tr><th>pathway</th><th>baseline</th>{head}</tr>",
        *rows,
        "</table>",
    ]


def _mark(n: int | None) -> str:
    return f' <span class="few" title="fewer than {SMALL_N} people">*</span>' if few(n) else ""


def _all_effects(summary: dict[str, Any]) -> list[str]:
    names = list(summary["levers"])
    head = "".join(f"<th>{esc(n)}</th>" for n in names)
    rows = []
    for k in outcome_keys():
        cells = []
        for n in names:
            e = summary["levers"][n]["effect"][k]
            mark = _mark(summary["levers"][n]["n"].get(k))
            cells.append(
                f"<td>{fmt(k, e['mean'], True)}{mark}<br>"
                f"<small>{fmt_ci(k, e['ci95'], True)}</small></td>"
            )
        base = fmt(k, summary["baseline"][k]) + _mark(summary["baseline_n"].get(k))
        rows.append(f"<tr><td>{esc(k)}</td><td>{base}</td>{''.join(cells)}</tr>")
    return [
        "<h2>Every outcome</h2><details><summary>Paired effect of each lever on every outcome "
        "(mean and 95 % CI)</summary>",
        f"<table><tr><th>outcome</th><th>baseline</th>{head}</tr>",
        *rows,
        "</table></details>",
        '<p class="meta">n/a: nobody could be measured (for example no cohort observed that '
        "long), or no extra cost or no extra adult retained against the baseline. * fewer "
        f"than {SMALL_N} people behind the value.</p>",
    ]


def save_compare(
    result: CompareResult, summary: dict[str, Any], detail: Breakdown, out: Path
) -> None:
    """Write ``compare.json`` (the summary with provenance), ``runs.parquet`` (one row per arm
    and replication) and ``report.html`` into ``out``, each atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis.experiments.stats import clean
    from analysis.provenance import atomic_write, atomic_write_json, environment
    from model.outcomes import all_outcome_keys

    out.mkdir(parents=True, exist_ok=True)
    stored = dict(summary)
    stored["arms"] = {
        a.name: {"kind": a.kind, "files": list(a.files), "overrides": a.overrides}
        for a in result.arms
    }
    stored["replication_seeds"] = result.seeds
    stored["provenance"] = environment()
    atomic_write_json(out / "compare.json", clean(stored))
    keys = [k for k in all_outcome_keys() if k != COST_KEY]
    rows = [
        {"arm": name, "replication": r, "seed": result.seeds[r]}
        | {k: (None if math.isnan(o[k]) else o[k]) for k in keys}
        for name, runs in result.runs.items()
        for r, o in enumerate(runs)
    ]
    schema = pa.schema(
        [("arm", pa.string()), ("replication", pa.int64()), ("seed", pa.int64())]
        + [(k, pa.float64()) for k in keys]
    )
    table = pa.Table.from_pylist(rows, schema=schema)
    atomic_write(out / "runs.parquet", lambda fh: pq.write_table(table, fh))
    write_html(out / "report.html", compare_report(result, summary, detail))


def print_compare(summary: dict[str, Any]) -> None:
    """A table for people: each lever's effect on 5-year retention and its cost."""
    from rich.console import Console
    from rich.table import Table

    from analysis.reports.tables import fmt as tfmt

    key = KEY5
    console = Console()
    table = Table(
        title=f"{summary['scenario']}: {summary['replications']} paired replications, "
        f"{summary['years']} years, seed {summary['seed']}"
    )
    for col in ("lever", "5-year retention", "effect (pp)", "95 % CI (pp)", "extra NOK/year"):
        table.add_column(col, justify="left" if col == "lever" else "right")
    table.add_column("NOK per retained adult", justify="right")
    table.add_row("baseline", tfmt(key, summary["baseline"][key]), "", "", "", "")

    def pp(v: float | None) -> str:
        return "n/a" if v is None or not math.isfinite(v) else f"{100 * v:+.1f}"

    for name, lv in summary["levers"].items():
        eff = lv["effect"][key]
        lo, hi = eff["ci95"]
        table.add_row(
            name,
            tfmt(key, lv["outcomes"][key]),
            pp(eff["mean"]),
            f"{pp(lo)} to {pp(hi)}",
            tfmt("nok", lv["effect"]["lever_cost_nok_per_year"]["mean"]),
            tfmt("nok", lv["cost_per_retained_adult_nok"]),
        )
    console.print(table)
    ways = Table(
        title="How each lever worked: each arm's value, and its paired effect (lever - baseline) "
        "with 95 % CI"
    )
    ways.add_column("pathway", overflow="fold")
    ways.add_column("baseline", justify="right")
    for name in summary["levers"]:
        ways.add_column(name, justify="right", overflow="fold")
    for row in pathway_rows(summary):
        k = row.key
        cells = []
        for e in row.arms.values():
            star = " *" if e.few else ""
            effect = f"{tfmt(k, e.effect)} ({tfmt(k, e.low)}, {tfmt(k, e.high)})"
            cells.append(f"{tfmt(k, e.value)}{star}\n{effect}")
        star = " *" if row.baseline.few else ""
        ways.add_row(k, tfmt(k, row.baseline.value) + star, *cells)
    console.print(ways)
    console.print(
        "Effects are paired (same seeds as the baseline). n/a: not measured, or no extra cost "
        f"or no extra adult retained against the baseline. * fewer than {SMALL_N} people "
        "behind the value. --json gives every outcome with its n.",
        style="dim",
    )
