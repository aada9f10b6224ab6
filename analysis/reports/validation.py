"""Presenting a validation: a table on the terminal, JSON, and a self-contained HTML page."""

from __future__ import annotations

import math
from pathlib import Path

from rich.console import Console
from rich.table import Table

from analysis.experiments.stats import clean
from analysis.i18n import N_, _, format_decimal, format_percent, language
from analysis.reports import plots
from analysis.reports.html import esc, figure, page
from analysis.reports.posterior import posterior_section

PRESET_LABEL = {"sel": "Sel", "vaga": "Vågå", "nordre_land": "Nordre Land"}


def preset_words(target: dict) -> str:
    """The preset's name, and the conditions the published figure was observed under."""
    name = PRESET_LABEL.get(target["preset"], target["preset"])
    conditions = target.get("conditions") or {}
    if not conditions:
        return name
    return name + _(" with ") + ", ".join(f"{k} = {v}" for k, v in conditions.items())


def validation_json(result: dict) -> dict:
    keep = ("id", "preset", "conditions", "outcome", "model", "ci95", "low", "high", "pass")
    return clean(
        {
            "targets": [{k: t.get(k) for k in keep} for t in result["targets"]],
            "checks": [
                {"name": c["name"], "pass": c["pass"], "detail": c["detail"]}
                for c in result["checks"]
            ],
            "replications": result["replications"],
        }
    )


def verdict(ok: bool) -> str:
    return _("pass") if ok else _("FAIL")


def pct_range(lo: float | None, hi: float | None, digits: int) -> str:
    """``12.5-20.0 %`` in the current language's formats."""
    low = format_decimal(100 * lo if lo is not None else None, digits)
    return f"{low}–{format_percent(hi, digits)}"


TABLE_HEADS = (
    N_("target"), N_("preset"), N_("model"), N_("95 % CI"), N_("published"), N_("band"), N_("pass"),
)  # fmt: skip


def print_validation(result: dict, page_path: Path | None, lang: str | None = None) -> None:
    with language(lang):
        _print_validation(result, page_path)


def _print_validation(result: dict, page_path: Path | None) -> None:
    console = Console()
    table = Table(
        title=_("Validation ({n} replications per preset)").format(n=result["replications"])
    )
    for col in TABLE_HEADS:
        table.add_column(_(col))
    for t in result["targets"]:
        lo, hi = t["ci95"]
        table.add_row(
            t["id"],
            preset_words(t),
            format_percent(t["model"], 1),
            pct_range(lo, hi, 1),
            format_percent(t["value"]),
            pct_range(t["low"], t["high"], 0),
            verdict(t["pass"]),
        )
    console.print(table)
    for c in result["checks"]:
        console.print(
            f"[{'green' if c['pass'] else 'red'}]{verdict(c['pass'])}[/] {c['name']}: {c['detail']}"
        )
    if page_path:
        console.print(_("Validation page: {path}").format(path=page_path))


def _targets_figure(rows: list[dict]):
    fig = plots.new_figure(8.5, 0.45 * len(rows) + 1.2)
    ax = fig.add_subplot()
    for i, t in enumerate(rows):
        y = len(rows) - 1 - i
        ax.plot(
            [t["low"], t["high"]],
            [y, y],
            color="#c9a227",
            lw=9,
            alpha=0.45,
            solid_capstyle="butt",
            label=_("published band") if i == 0 else None,
        )
        ax.plot(
            t["value"],
            y,
            marker="|",
            color="#7a5c00",
            ms=14,
            label=_("published value") if i == 0 else None,
        )
        lo, hi = t["ci95"]
        if all(v is not None and math.isfinite(v) for v in (lo, hi)):
            ax.errorbar(
                t["model"],
                y,
                xerr=[[t["model"] - lo], [hi - t["model"]]],
                fmt="o",
                color="#1b6ca8" if t["pass"] else "#d1495b",
                capsize=3,
                label=_("model mean, 95 % CI") if i == 0 else None,
            )
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(
        [f"{preset_words(t)}: {t['outcome']}" for t in reversed(rows)],
        fontsize=8,
    )
    ax.set_xlim(0, 1)
    ax.set_xlabel(_("share"))
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(_("Model against published figures"))
    return fig


def _curves_figure(curves: dict):
    fig = plots.new_figure(7.5, 4.0)
    ax = fig.add_subplot()
    years = list(range(1, 11))
    for i, (preset, rows) in enumerate(curves.items()):
        m = [r[0] for r in rows]
        lo = [r[1] for r in rows]
        hi = [r[2] for r in rows]
        ax.plot(years, m, marker="o", color=plots.colour(i), label=PRESET_LABEL.get(preset))
        ax.fill_between(years, lo, hi, color=plots.colour(i), alpha=0.15)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(_("years since arrival"))
    ax.set_ylabel(_("share still living in the municipality"))
    ax.set_title(_("Retention by years since arrival (95 % CI bands)"))
    ax.legend()
    return fig


def _moves_figure(after_month: list[float]):
    fig = plots.new_figure(7.5, 3.2)
    ax = fig.add_subplot()
    ax.bar(range(1, len(after_month) + 1), after_month, color="#1b6ca8")
    ax.set_xlabel(_("months after completing the programme"))
    ax.set_ylabel(_("moves (all runs)"))
    ax.set_title(_("When people move after the programme"))
    return fig


def _checks_figure(check: dict):
    gaps = check["values"]
    fig = plots.new_figure(7.5, 3.0)
    ax = fig.add_subplot()
    names = list(gaps)
    ax.barh(names, [100 * gaps[n] for n in names], color="#2e933c")
    ax.set_xlabel(_("difference in five-year retention, percentage points (with - without)"))
    ax.set_title(_("Which factor separates stayers from movers most"))
    return fig


def write_page(result: dict, out: Path, lang: str | None = None) -> Path:
    """Write ``validation.html`` into ``out`` in ``lang``; its path."""
    with language(lang):
        return _write_page(result, out)


def _write_page(result: dict, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    rows = result["targets"]
    heads = "".join(f"<th>{esc(_(h))}</th>" for h in (*TABLE_HEADS, N_("source")))
    body = [
        f"<h1>{_('bygdesim validation')}</h1>",
        "<p class='meta'>"
        + _(
            "{n} replications per preset, seed {seed}. Targets and sources: "
            "calibration/targets.toml."
        ).format(n=result["replications"], seed=result["seed"])
        + "</p>",
        figure(
            _targets_figure(rows),
            _(
                "Each published band (gold) with the model's mean and 95 % confidence interval "
                "(blue: inside the band; red: outside)."
            ),
            _("model versus published targets"),
        ),
        f"<table><tr>{heads}</tr>",
    ]
    for t in rows:
        lo, hi = t["ci95"]
        body.append(
            f"<tr><td>{esc(t['id'])}</td><td>{esc(preset_words(t))}</td>"
            f"<td>{format_percent(t['model'], 1)}</td><td>{pct_range(lo, hi, 1)}</td>"
            f"<td>{format_percent(t['value'])}</td><td>{pct_range(t['low'], t['high'], 0)}"
            f"</td><td>{verdict(t['pass'])}</td>"
            f"<td class='desc'>{esc(t['source'])}</td></tr>"
        )
    body.append(f"</table><h2>{_('Qualitative findings of the report')}</h2><ul>")
    for c in result["checks"]:
        body.append(f"<li><b>{verdict(c['pass'])}</b> {esc(c['name'])}: {esc(c['detail'])}</li>")
    body.append("</ul>")
    captions = (
        (
            _checks_figure(result["checks"][0]),
            _(
                "Conditional on living in the municipality in year 3: five-year retention with "
                "minus without each factor, pooled over presets and runs."
            ),
            _("factor gaps"),
        ),
        (
            _curves_figure(result["curves"]),
            _("Share of arrivals still living in the municipality, by years since arrival."),
            _("retention curves"),
        ),
        (
            _moves_figure(result["moves_after_exit_by_month"]),
            _("Moves by month after the programme ends, all presets and runs."),
            _("move timing"),
        ),
    )
    body += [figure(*c) for c in captions]
    body += posterior_section()  # when calibrate --method abc has left a posterior
    path = out / "validation.html"
    path.write_text(page(_("bygdesim validation"), "\n".join(body)), encoding="utf-8")
    return path
