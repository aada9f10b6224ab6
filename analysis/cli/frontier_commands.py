"""``bygdesim frontier`` (the Pareto front of yearly lever cost against an outcome) and
``bygdesim target`` (the cheapest package on that front that reaches a goal). Both take the
same search options, so the same settings give the same front."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from analysis.cli.options import (
    BadInput,
    SchedulerOpt,
    WorkersOpt,
    emit_json,
    fail,
    load,
    scheduler_errors,
)
from analysis.experiments.frontier_search import BUDGET, CONFIRM, REPLICATIONS, SEED

ScenarioArg = Annotated[str, typer.Argument(help="Preset name (sel, vaga, nordre_land) or file.")]
FrontierSeedOpt = Annotated[
    int, typer.Option("--seed", min=0, help="Master seed; replications derive theirs from it.")
]
SearchRepsOpt = Annotated[
    int,
    typer.Option("--replications", "-r", min=2, max=200, help="Replications per package searched."),
]
BudgetOpt = Annotated[
    int,
    typer.Option(
        "--budget",
        min=0,
        max=100_000,
        help="Packages to evaluate in the search (all of them when the space is this small).",
    ),
]
YearsOpt = Annotated[int | None, typer.Option("--years", min=1, max=30, help="Years to simulate.")]
LeversOpt = Annotated[
    str | None,
    typer.Option("--levers", help="Comma-separated levers to combine (default: every lever)."),
]


def _levers(levers: str | None) -> list[str] | None:
    names = [s.strip() for s in (levers or "").split(",") if s.strip()]
    return names or None


@contextmanager
def frontier_errors() -> Iterator[None]:
    """A bad outcome, lever or budget, or an outcome the run cannot measure: exit 2."""
    from analysis.experiments.frontier import FrontierError

    try:
        with scheduler_errors():
            yield
    except FrontierError as exc:
        raise BadInput(str(exc)) from None


def frontier(
    scenario: ScenarioArg,
    outcome: Annotated[
        str, typer.Option("--outcome", help="Outcome key on the other axis.")
    ] = "retention_5y",
    replications: SearchRepsOpt = REPLICATIONS,
    confirm: Annotated[
        int,
        typer.Option(
            "--confirm-replications",
            min=2,
            max=1000,
            help="Paired replications (fresh seeds) to re-run the front with.",
        ),
    ] = CONFIRM,
    budget: BudgetOpt = BUDGET,
    seed: FrontierSeedOpt = SEED,
    years: YearsOpt = None,
    levers: LeversOpt = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for frontier.json and frontier.png.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """The Pareto front of yearly lever cost against an outcome: packages of levers searched
    (every one, or NSGA-II when there are too many), the front re-run on fresh paired seeds."""
    from analysis.experiments.frontier import check_levers, check_outcome, describe, run_frontier
    from analysis.experiments.out_folder import out_problem
    from analysis.experiments.stats import clean
    from analysis.progress import progress_bar
    from analysis.reports.frontier import print_frontier, write_frontier

    with frontier_errors():
        check_outcome(outcome)
        names = check_levers(_levers(levers))
        sc = load(scenario, None, years)
        problem = out_problem(out) if out is not None else None
        if problem:
            fail(problem)  # before any run: nothing is spent on a bad --out
        with progress_bar("frontier runs") as tick:
            result = run_frontier(
                sc, outcome, names, budget, replications, confirm, seed, workers, scheduler, tick
            )
    data = clean(describe(result))
    if out is not None:
        write_frontier(data, out)
    if as_json:
        emit_json(data)
    else:
        print_frontier(data, out)


def target(
    scenario: ScenarioArg,
    outcome: Annotated[
        str, typer.Option("--outcome", help="Outcome key to raise.")
    ] = "retention_5y",
    at_least: Annotated[float, typer.Option("--at-least", help="Goal for the outcome.")] = 0.6,
    budget_nok: Annotated[
        float | None, typer.Option("--budget-nok", min=0, help="Most extra lever cost per year.")
    ] = None,
    replications: SearchRepsOpt = REPLICATIONS,
    confirm: Annotated[
        int,
        typer.Option(
            "--confirm",
            "--confirm-replications",
            min=2,
            max=1000,
            help="Paired replications (fresh seeds) to confirm the front with.",
        ),
    ] = CONFIRM,
    budget: BudgetOpt = BUDGET,
    seed: FrontierSeedOpt = SEED,
    years: YearsOpt = None,
    levers: LeversOpt = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """The cheapest package of levers on the cost frontier that reaches a goal with 95 %
    confidence, or how far the closest falls short."""
    from analysis.experiments.frontier import check_levers
    from analysis.experiments.goal_seek import describe, seek
    from analysis.progress import progress_bar
    from analysis.reports.goal_seek import print_seek
    from model.outcomes import is_share, outcome_keys

    if (
        outcome not in outcome_keys()
        or outcome.endswith("_nok")
        or outcome.startswith(("moved_share", "lonely_share"))
    ):
        fail(f"--outcome {outcome}: choose an outcome to raise, e.g. retention_5y")
    if is_share(outcome) and not 0.0 <= at_least <= 1.0:
        fail(f"--at-least {at_least}: a share must be between 0 and 1")
    with frontier_errors():
        names = check_levers(_levers(levers))
        sc = load(scenario, None, years)
        with progress_bar("frontier runs") as tick:
            result = seek(
                sc, outcome, at_least, budget_nok, replications, confirm, seed, workers,
                scheduler, budget, names, tick,
            )  # fmt: skip
    if as_json:
        emit_json(describe(result))
    else:
        print_seek(result)
