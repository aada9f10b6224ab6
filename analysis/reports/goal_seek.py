"""Presenting a goal-seeking result in plain words."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from analysis.experiments.goal_seek import LADDERS, SeekResult


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def _nok(x: float) -> str:
    return f"{x:,.0f} NOK".replace(",", " ")


def print_seek(result: SeekResult) -> None:
    console = Console()
    b, p = result.baseline, result.best
    console.print(
        f"[bold]{result.scenario}[/]: goal {result.outcome} >= {_pct(result.goal)} "
        f"with 95 % confidence. Baseline {_pct(b.mean)} "
        f"({_pct(b.low)}–{_pct(b.high)})."
    )
    table = Table(title="Greedy path: the step with most gain per NOK each round")
    for col in ("step", "package", result.outcome, "95 % CI", "extra cost / year"):
        table.add_column(col)
    for step, e in result.path:
        pk = ", ".join(f"{k}={LADDERS[k][1][v]}" for k, v in e.package.items())
        table.add_row(
            step, pk, _pct(e.mean), f"{_pct(e.low)}–{_pct(e.high)}", _nok(e.extra_cost_per_year)
        )
    console.print(table)
    pk = ", ".join(f"{k}={LADDERS[k][1][v]}" for k, v in p.package.items()) or "no levers"
    if result.reached:
        console.print(
            f"[green]Reached[/]: {pk} gives {_pct(p.mean)} ({_pct(p.low)}–"
            f"{_pct(p.high)}) for {_nok(p.extra_cost_per_year)} a year more than "
            "the baseline (confirmed on fresh seeds)."
        )
    else:
        console.print(
            f"[red]No package within the lever ranges reaches the goal with 95 % "
            f"confidence[/] ({result.reason}). The best found: {pk} gives "
            f"{_pct(p.mean)} ({_pct(p.low)}–{_pct(p.high)}) for "
            f"{_nok(p.extra_cost_per_year)} a year."
        )
    console.print(f"{result.runs} model runs.", style="dim")
