"""Terminal tables (rich): the number format they share, and the table of ``bygdesim run``."""

from __future__ import annotations

import math

from rich.console import Console
from rich.table import Table

from analysis.experiments.stats import SMALL_N, few
from analysis.i18n import _, format_decimal, format_money, format_percent, get_language
from model.outcomes import is_share


def fmt(key: str, value: float | None) -> str:
    """A value of outcome ``key`` for a terminal table; in bokmål with Norwegian formats."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return _("n/a")
    if get_language() == "nb":
        if is_share(key):
            return format_percent(value, 1)
        return format_money(value) if "nok" in key else format_decimal(value, 2)
    if is_share(key):
        return f"{100 * value:5.1f} %"
    if "nok" in key:
        return f"{value:,.0f} NOK".replace(",", " ")
    return f"{value:.2f}"


def print_run(result: dict) -> None:
    console = Console()
    title = (
        f"{result['scenario']}: {result['years']} years, {result['replications']} "
        f"replication(s), seed {result['seed']}"
    )
    table = Table(title=title)
    table.add_column("outcome")
    table.add_column("mean", justify="right")
    ci = result.get("ci95")
    if ci:
        table.add_column("95 % CI", justify="right")
    counts = result.get("n", {})
    table.add_column("n", justify="right")
    for key, value in result["outcomes"].items():
        n = counts.get(key)
        row = [key, fmt(key, value) + (" *" if few(n) else "")]
        if ci:
            lo, hi = ci[key]
            row.append(
                f"{fmt(key, lo)} – {fmt(key, hi)}" if lo is not None or hi is not None else ""
            )
        row.append("" if n is None else str(n))
        table.add_row(*row)
    console.print(table)
    console.print(
        f"n: the people (move rates: household-months) behind each value, summed "
        f"over replications; * fewer than {SMALL_N}: read with care. n/a: nobody could be "
        "measured (for example, no cohort observed that long), or no extra cost or no extra "
        "adult retained against the baseline.",
        style="dim",
    )


def print_levers(scenario: str, replications: int, entries: list) -> None:
    """The lever catalogue (``bygdesim levers``): purpose, lever-file settings, yearly cost."""
    console = Console()
    table = Table(
        title=f"Levers: their lever files, and the yearly cost at that setting in {scenario} "
        f"(mean of {replications} run(s))"
    )
    table.add_column("lever", overflow="fold")
    table.add_column("purpose", overflow="fold")
    table.add_column("lever file settings", overflow="fold")
    table.add_column("cost / year", justify="right", no_wrap=True)
    for e in entries:
        settings = "\n".join(f"{k} = {v}" for k, v in e.settings.items())
        table.add_row(e.name, e.purpose, settings, fmt("nok", e.yearly_cost_nok))
    console.print(table)
