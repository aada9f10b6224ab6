"""Presenting a goal-seeking result in plain words."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from analysis.experiments.goal_seek import SeekResult, rung_settings, rung_value


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
        pk = ", ".join(f"{k}={rung_value(k, v)}" for k, v in e.package.items())
        table.add_row(
            step, pk, _pct(e.mean), f"{_pct(e.low)}–{_pct(e.high)}", _nok(e.extra_cost_per_year)
        )
    console.print(table)
    if result.path:
        console.print("Each lever as its lever file sets it, with the ladder's setting:")
        for lever, rung in result.path[-1][1].package.items():
            settings = ", ".join(
                f"{path.rsplit('.', 1)[-1]}={value}"
                for path, value in rung_settings(lever, rung).items()
            )
            console.print(f"  {lever} (rung {rung + 1}): {settings}")
    pk = ", ".join(f"{k}={rung_value(k, v)}" for k, v in p.package.items()) or "no levers"
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
