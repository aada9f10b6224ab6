"""Presenting a goal-seeking result in plain words: the front it was answered from, then the
answer."""

from __future__ import annotations

from rich.console import Console

from analysis.experiments.frontier import describe as describe_frontier
from analysis.experiments.goal_seek import SeekResult
from analysis.experiments.lever_packages import package_label, rung_settings
from analysis.experiments.stats import clean
from analysis.reports.frontier import print_frontier


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
    print_frontier(clean(describe_frontier(result.frontier)))
    if p.package:
        console.print("Each lever as its lever file sets it, with the ladder's setting:")
        for lever, rung in p.package.items():
            settings = ", ".join(
                f"{path.rsplit('.', 1)[-1]}={value}"
                for path, value in rung_settings(lever, rung).items()
            )
            console.print(f"  {lever} (rung {rung + 1}): {settings}")
    pk = package_label(p.package)
    if result.reached:
        console.print(
            f"[green]Reached[/]: the cheapest package on the front that does is {pk}: "
            f"{_pct(p.mean)} ({_pct(p.low)}–{_pct(p.high)}) for "
            f"{_nok(p.extra_cost_per_year)} a year more than the baseline (confirmed on fresh "
            "seeds)."
        )
    else:
        console.print(
            f"[red]Not reached[/]: {result.reason}. The closest: {pk} gives {_pct(p.mean)} "
            f"({_pct(p.low)}–{_pct(p.high)}) for {_nok(p.extra_cost_per_year)} a year; its "
            f"lower bound is {100 * result.shortfall:.1f} percentage points short."
        )
