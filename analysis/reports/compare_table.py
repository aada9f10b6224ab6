"""The comparison on the terminal (rich): each lever's effect on 5-year retention and its
cost, then how each lever worked. The HTML report is :mod:`analysis.reports.compare`."""

from __future__ import annotations

from typing import Any

from analysis.experiments.stats import SMALL_N
from analysis.i18n import N_, _, format_decimal, format_percent, language
from analysis.reports.compare import KEY5, few_draws_note
from analysis.reports.pathways import pathway_rows


def print_compare(summary: dict[str, Any], lang: str | None = None) -> None:
    """A table for people: each lever's effect on 5-year retention and its cost, in ``lang``."""
    with language(lang):
        _print_compare(summary)


def _print_compare(summary: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    from analysis.reports.tables import fmt as tfmt

    key = KEY5
    console = Console()
    table = Table(
        title=_("{scenario}: {n} paired replications, {years} years, seed {seed}").format(
            scenario=summary["scenario"],
            n=summary["replications"],
            years=summary["years"],
            seed=summary["seed"],
        )
    )
    cols = (N_("lever"), N_("5-year retention"), N_("effect (pp)"), N_("95 % CI (pp)"))
    for col in (*cols, N_("extra NOK/year"), N_("NOK per retained adult")):
        table.add_column(_(col), justify="left" if col == "lever" else "right")
    table.add_row(_("baseline"), tfmt(key, summary["baseline"][key]), "", "", "", "")

    def pp(v: float | None) -> str:
        return format_decimal(100 * v if v is not None else None, 1, signed=True)

    for name, lv in summary["levers"].items():
        eff = lv["effect"][key]
        lo, hi = eff["ci95"]
        table.add_row(
            name,
            tfmt(key, lv["outcomes"][key]),
            pp(eff["mean"]),
            _("{low} to {high}").format(low=pp(lo), high=pp(hi)),
            tfmt("nok", lv["effect"]["lever_cost_nok_per_year"]["mean"]),
            tfmt("nok", lv["cost_per_retained_adult_nok"]),
        )
    console.print(table)
    if summary.get("posterior"):
        console.print(_posterior_table(summary))
    ways = Table(
        title=_(
            "How each lever worked: each arm's value, and its paired effect (lever - baseline) "
            "with 95 % CI"
        )
    )
    ways.add_column(_("pathway"), overflow="fold")
    ways.add_column(_("baseline"), justify="right")
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
        _(
            "Effects are paired (same seeds as the baseline). n/a: not measured, or no extra "
            "cost or no extra adult retained against the baseline. * fewer than {n} people "
            "behind the value. --json gives every outcome with its n."
        ).format(n=SMALL_N),
        style="dim",
    )


def _posterior_table(summary: dict[str, Any]):
    """``compare --posterior``: each arm's chances and intervals across the posterior."""
    from rich.table import Table

    from analysis.reports.tables import fmt as tfmt

    meta = summary["posterior"]
    key, size = meta["outcome"], meta["at_least"]
    table = Table(
        title=_("Across the posterior: {draws} draws x {reps} paired replications, {key}").format(
            draws=meta["draws"], reps=meta["replications_per_draw"], key=key
        )
    )
    table.add_column(_("lever"))
    table.add_column(_("P(effect > 0)"), justify="right")
    if size is not None:
        table.add_column(_("P(effect at least {size})").format(size=size), justify="right")
    table.add_column(_("effect (95 % interval)"), justify="right")
    table.add_column(_("NOK per retained adult (95 % interval)"), justify="right")
    for name, lv in summary["levers"].items():
        post = lv["posterior"]
        eff, cost = post["effect"], post["cost_per_retained_adult_nok"]
        cells = [name, format_percent(post["p_positive"], 0)]
        if size is not None:
            cells.append(format_percent(post["p_at_least"], 0))
        cells.append(
            f"{tfmt(key, eff['mean'])} ({tfmt(key, eff['low'])}, {tfmt(key, eff['high'])})"
        )
        cells.append(
            f"{tfmt('nok', cost['mean'])} ({tfmt('nok', cost['low'])}, {tfmt('nok', cost['high'])})"
        )
        table.add_row(*cells)
    table.caption = few_draws_note(meta) or None
    return table
