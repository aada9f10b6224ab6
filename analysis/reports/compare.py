"""Presenting a comparison: the self-contained ``report.html``, the files of ``--out`` and the
table on the terminal. Every number comes from the comparison's summary and breakdown
(:mod:`analysis.experiments.compare`); this module only lays them out."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from analysis.experiments.compare import BASELINE, Breakdown, CompareResult
from analysis.experiments.stats import COST_KEY, SMALL_N, few
from analysis.i18n import N_, _, format_percent, language
from analysis.reports import plots
from analysis.reports.html import esc, figure, fmt, fmt_ci, page, stamp, write_html
from analysis.reports.pathways import pathway_rows
from model.outcomes import GROUPS, outcome_keys

KEY5 = "retention_5y"
GROUP_LABELS = {
    "retention_5y": N_("5-year retention"),
    "local_ties_mean": N_("local ties (mean)"),
    "lonely_share": N_("lonely share"),
}
GROUP_WORDS = {
    "single_men": N_("single men"),
    "single_women": N_("single women"),
    "couple_no_children": N_("couple without children"),
    "family_with_children": N_("family with children"),
    "single_parent": N_("single parent"),
}


def group_word(group: str) -> str:
    return _(GROUP_WORDS[group]) if group in GROUP_WORDS else group.replace("_", " ")


def compare_report(
    result: CompareResult, summary: dict[str, Any], detail: Breakdown, lang: str | None = None
) -> str:
    """The report of a comparison: summary table and the four figures, in ``lang``."""
    with language(lang):
        return _compare_report(result, summary, detail)


def _compare_report(result: CompareResult, summary: dict[str, Any], detail: Breakdown) -> str:
    levers = summary["levers"]
    names = list(levers)

    parts = [
        f"<h1>{esc(_('Policy comparison: {scenario}').format(scenario=result.scenario))}</h1>",
        '<p class="meta">'
        + _("{n} paired replications, {years} simulated years, master seed {seed}; {stamp}").format(
            n=result.replications, years=result.years, seed=result.seed, stamp=stamp()
        )
        + "</p>",
        '<p class="note">'
        + _(
            "Every lever is run on the same seeds as the baseline (common random "
            "numbers), so the effects are paired differences: lever minus baseline in the same "
            "simulated municipality. Intervals are 95 % t-intervals over replications; the cost "
            "per retained adult is the extra lever cost over the run divided by the extra adults "
            "still living in the municipality five years after their arrival, with a paired "
            "bootstrap interval (n/a where a lever costs nothing extra or keeps nobody extra). "
            "Values marked * rest on fewer than {n} people."
        ).format(n=SMALL_N)
        + "</p>",
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
    heads = (
        N_("lever"), N_("what it is"), N_("effect on 5-year retention"), N_("95 % CI"),
        N_("extra cost per year (NOK)"), N_("cost per retained adult (NOK)"), N_("95 % CI"),
    )  # fmt: skip
    parts += [
        f"<h2>{_('Summary')}</h2>",
        "<p>"
        + _(
            "Baseline 5-year retention: <b>{retention}</b>; baseline lever spending {nok} NOK a "
            "year."
        ).format(
            retention=fmt(KEY5, summary["baseline"][KEY5]),
            nok=fmt("nok", summary["baseline"]["lever_cost_nok_per_year"]),
        )
        + "</p>",
        "<table><tr>" + "".join(f"<th>{esc(_(h))}</th>" for h in heads) + "</tr>",
        *rows,
        "</table>",
    ]

    parts += _posterior_section(summary)
    parts += _pathway_section(summary)
    curves = {name: detail.curves[name] for name in names}
    parts += [
        f"<h2>{_('Retention by years since arrival')}</h2>",
        figure(
            plots.retention_curves(detail.years, detail.curves[BASELINE], curves, _("baseline")),
            _(
                "Share of adult arrivals still living in the municipality k years after arrival "
                "(only cohorts observed that long count). Grey: baseline; colour: with the "
                "lever. Bands: 95 % CI over replications."
            ),
            _("retention curves"),
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
        f"<h2>{_('Effects on 5-year retention')}</h2>",
        figure(
            plots.forest(
                forest_rows,
                _("effect on 5-year retention (percentage points, lever minus baseline)"),
                _("Lever effects on 5-year retention (paired mean and 95 % CI)"),
            ),
            _(
                "Each lever's paired effect on 5-year retention. An interval crossing zero means "
                "this many replications cannot tell the lever from the baseline."
            ),
            _("forest plot of effects"),
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
        f"<h2>{_('Cost per retained adult')}</h2>",
        figure(
            plots.cost_per_retained(cost_rows),
            _(
                "Extra lever cost over the whole run per extra adult still living in the "
                "municipality at the end, against the paired baseline."
            ),
            _("cost per retained adult"),
        ),
        figure(
            plots.cost_effect_plane(plane_rows),
            _(
                "Extra cost per year against the effect on 5-year retention: up and to the left "
                "is better value."
            ),
            _("cost against effect"),
        ),
    ]
    parts += _group_section(detail)
    parts += _all_effects(summary)
    return page(
        _("bygdesim compare: {scenario}").format(scenario=result.scenario), "\n".join(parts)
    )


def _num(v: float | None) -> float:
    return v if v is not None else math.nan


def _posterior_section(summary: dict[str, Any]) -> list[str]:
    """With ``compare --posterior``: each arm's chance of a positive effect (and of reaching the
    stated size) across the calibration's posterior, its interval and cost."""
    meta = summary.get("posterior")
    if not meta:
        return []
    key, size = meta["outcome"], meta["at_least"]
    heads = [_("lever"), _("P(effect > 0)")]
    if size is not None:
        heads.append(_("P(effect at least {size})").format(size=fmt(key, size, True)))
    heads += [_("effect"), _("95 % interval"), _("cost per retained adult (NOK)")]
    heads.append(_("95 % interval"))
    rows = []
    for name, lv in summary["levers"].items():
        post = lv["posterior"]
        eff, cost = post["effect"], post["cost_per_retained_adult_nok"]
        cells = [esc(name), _probability(post["p_positive"])]
        if size is not None:
            cells.append(_probability(post["p_at_least"]))
        cells += [
            fmt(key, eff["mean"], True),
            fmt_ci(key, [eff["low"], eff["high"]], True),
            fmt("nok", cost["mean"]),
            fmt_ci("nok", [cost["low"], cost["high"]]),
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    note = _(
        "{draws} parameter sets drawn from the calibration's posterior by weight, every arm "
        "paired with the baseline on {reps} replications within each draw. Outcome: {key}. The "
        "interval mixes each draw's mean effect with its Monte-Carlo noise, so it carries both "
        "the parameter and the stochastic uncertainty; the cost interval is a bootstrap over "
        "draws and the replications within them."
    ).format(draws=meta["draws"], reps=meta["replications_per_draw"], key=esc(key))
    few = few_draws_note(meta)
    return [
        f"<h2>{_('Across the posterior')}</h2>",
        f'<p class="note">{note}</p>',
        *([f'<p class="note warn">{esc(few)}</p>'] if few else []),
        "<table><tr>" + "".join(f"<th>{esc(h)}</th>" for h in heads) + "</tr>",
        *rows,
        "</table>",
    ]


def few_draws_note(meta: dict) -> str:
    """A warning when the draws repeat few parameter sets (half of them or fewer), else ''."""
    distinct, draws = meta.get("distinct_draws"), meta.get("draws")
    if distinct is None or not draws or distinct > draws / 2:
        return ""
    return _(
        "The {draws} draws are only {distinct} distinct parameter sets (the posterior's "
        "effective sample size is {ess}): the intervals carry little of the parameter "
        "uncertainty."
    ).format(draws=draws, distinct=distinct, ess=f"{meta.get('effective_sample_size', 0):.1f}")


def _probability(p: float | None) -> str:
    return _("n/a") if p is None or not math.isfinite(p) else format_percent(p, 0)


def _group_section(detail: Breakdown) -> list[str]:
    arms = detail.groups
    intervals = {name: [groups[f"{KEY5}.{g}"] for g in GROUPS] for name, groups in arms.items()}
    head = "".join(f"<th>{esc(group_word(g))}</th>" for g in GROUPS)
    rows = []
    for metric, label in GROUP_LABELS.items():
        for name, groups in arms.items():
            ks = [f"{metric}.{g}" for g in GROUPS]
            cells = "".join(f"<td>{fmt(k, groups[k][0])}</td>" for k in ks)
            shown = _("baseline") if name == BASELINE else name
            rows.append(f"<tr><td>{esc(_(label))}: {esc(shown)}</td>{cells}</tr>")
    return [
        f"<h2>{_('Groups: singles versus families')}</h2>",
        figure(
            plots.group_breakdown(
                [group_word(g) for g in GROUPS],
                intervals,
                _("5-year retention by household group (mean and 95 % CI)"),
            ),
            _(
                "Singles leave more than families because they stay isolated (ch. 4.4, 7). "
                "Groups with few arrivals have wide intervals or none (n/a)."
            ),
            _("group breakdown"),
        ),
        f"<table><tr><th>{_('outcome')}</th>{head}</tr>",
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
        f"<h2>{_('How each lever worked')}</h2>",
        '<p class="note">'
        + _(
            "The pathways behind the effects: hires by channel, move rates by what the "
            "household lives on, plan quality and Norwegian at programme end, idle months after "
            "the programme, municipal-job months inside the programme, bridge-builder months "
            "held by the municipality's own refugees. Each arm's value, and below it the paired "
            "effect (lever minus baseline) with its 95 % interval."
        )
        + "</p>",
        f"<table><tr><th>{_('pathway')}</th><th>{_('baseline')}</th>{head}</tr>",
        *rows,
        "</table>",
    ]


def _mark(n: int | None) -> str:
    title = esc(_("fewer than {n} people").format(n=SMALL_N))
    return f' <span class="few" title="{title}">*</span>' if few(n) else ""


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
        f"<h2>{_('Every outcome')}</h2><details><summary>"
        + _("Paired effect of each lever on every outcome (mean and 95 % CI)")
        + "</summary>",
        f"<table><tr><th>{_('outcome')}</th><th>{_('baseline')}</th>{head}</tr>",
        *rows,
        "</table></details>",
        '<p class="meta">'
        + _(
            "n/a: nobody could be measured (for example no cohort observed that long), or no "
            "extra cost or no extra adult retained against the baseline. * fewer than {n} "
            "people behind the value."
        ).format(n=SMALL_N)
        + "</p>",
    ]


def save_compare(
    result: CompareResult,
    summary: dict[str, Any],
    detail: Breakdown,
    out: Path,
    lang: str | None = None,
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
    write_html(out / "report.html", compare_report(result, summary, detail, lang))
