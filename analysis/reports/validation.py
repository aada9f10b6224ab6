"""Presenting a validation: a table on the terminal, JSON, and a self-contained HTML page."""

from __future__ import annotations

import math
from pathlib import Path

from rich.console import Console
from rich.table import Table

from analysis.experiments.stats import clean
from analysis.reports import plots
from analysis.reports.html import esc, figure, page

PRESET_LABEL = {"sel": "Sel", "vaga": "Vågå", "nordre_land": "Nordre Land"}


def preset_words(target: dict) -> str:
    """The preset's name, and the conditions the published figure was observed under."""
    name = PRESET_LABEL.get(target["preset"], target["preset"])
    conditions = target.get("conditions") or {}
    if not conditions:
        return name
    return name + " with " + ", ".join(f"{k} = {v}" for k, v in conditions.items())


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


def print_validation(result: dict, page_path: Path | None) -> None:
    console = Console()
    table = Table(title=f"Validation ({result['replications']} replications per preset)")
    for col in ("target", "preset", "model", "95 % CI", "published", "band", "pass"):
        table.add_column(col)
    for t in result["targets"]:
        lo, hi = t["ci95"]
        table.add_row(
            t["id"],
            preset_words(t),
            f"{100 * t['model']:.1f} %",
            f"{100 * lo:.1f}-{100 * hi:.1f}",
            f"{100 * t['value']:.0f} %",
            f"{100 * t['low']:.0f}-{100 * t['high']:.0f} %",
            "pass" if t["pass"] else "FAIL",
        )
    console.print(table)
    for c in result["checks"]:
        console.print(
            f"[{'green' if c['pass'] else 'red'}]{'pass' if c['pass'] else 'FAIL'}"
            f"[/] {c['name']}: {c['detail']}"
        )
    if page_path:
        console.print(f"Validation page: {page_path}")


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
            label="published band" if i == 0 else None,
        )
        ax.plot(
            t["value"],
            y,
            marker="|",
            color="#7a5c00",
            ms=14,
            label="published value" if i == 0 else None,
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
                label="model mean, 95 % CI" if i == 0 else None,
            )
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(
        [f"{preset_words(t)}: {t['outcome']}" for t in reversed(rows)],
        fontsize=8,
    )
    ax.set_xlim(0, 1)
    ax.set_xlabel("share")
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title("Model against published figures")
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
    ax.set_xlabel("years since arrival")
    ax.set_ylabel("share still living in the municipality")
    ax.set_title("Retention by years since arrival (95 % CI bands)")
    ax.legend()
    return fig


def _moves_figure(after_month: list[float]):
    fig = plots.new_figure(7.5, 3.2)
    ax = fig.add_subplot()
    ax.bar(range(1, len(after_month) + 1), after_month, color="#1b6ca8")
    ax.set_xlabel("months after completing the programme")
    ax.set_ylabel("moves (all runs)")
    ax.set_title("When people move after the programme")
    return fig


def _checks_figure(check: dict):
    gaps = check["values"]
    fig = plots.new_figure(7.5, 3.0)
    ax = fig.add_subplot()
    names = list(gaps)
    ax.barh(names, [100 * gaps[n] for n in names], color="#2e933c")
    ax.set_xlabel("difference in five-year retention, percentage points (with - without)")
    ax.set_title("Which factor separates stayers from movers most")
    return fig


def write_page(result: dict, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    rows = result["targets"]
    body = [
        "<h1>bygdesim validation</h1>",
        f"<p class='meta'>{result['replications']} replications per preset, seed "
        f"{result['seed']}. Targets and sources: calibration/targets.toml.</p>",
        figure(
            _targets_figure(rows),
            "Each published band (gold) with the model's mean and "
            "95 % confidence interval (blue: inside the band; red: outside).",
            "model versus published targets",
        ),
        "<table><tr><th>target</th><th>preset</th><th>model</th><th>95 % CI</th>"
        "<th>published</th><th>band</th><th>pass</th><th>source</th></tr>",
    ]
    for t in rows:
        lo, hi = t["ci95"]
        body.append(
            f"<tr><td>{esc(t['id'])}</td><td>{esc(preset_words(t))}</td>"
            f"<td>{100 * t['model']:.1f} %</td><td>{100 * lo:.1f}–{100 * hi:.1f}</td>"
            f"<td>{100 * t['value']:.0f} %</td><td>{100 * t['low']:.0f}–{100 * t['high']:.0f} %"
            f"</td><td>{'pass' if t['pass'] else 'FAIL'}</td>"
            f"<td class='desc'>{esc(t['source'])}</td></tr>"
        )
    body.append("</table><h2>Qualitative findings of the report</h2><ul>")
    for c in result["checks"]:
        body.append(
            f"<li><b>{'pass' if c['pass'] else 'FAIL'}</b> {esc(c['name'])}: "
            f"{esc(c['detail'])}</li>"
        )
    body.append("</ul>")
    body.append(
        figure(
            _checks_figure(result["checks"][0]),
            "Conditional on living in the "
            "municipality in year 3: five-year retention with minus without each "
            "factor, pooled over presets and runs.",
            "factor gaps",
        )
    )
    body.append(
        figure(
            _curves_figure(result["curves"]),
            "Share of arrivals still living in the municipality, by years since arrival.",
            "retention curves",
        )
    )
    body.append(
        figure(
            _moves_figure(result["moves_after_exit_by_month"]),
            "Moves by month after the programme ends, all presets and runs.",
            "move timing",
        )
    )
    path = out / "validation.html"
    path.write_text(page("bygdesim validation", "\n".join(body)))
    return path
