"""``bygdesim robustness``: lever packages across sampled futures, their regret, and the
conditions under which each misses the goal (PRIM). Computing is in
:mod:`analysis.experiments.robustness`, presenting in :mod:`analysis.reports.robustness`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from analysis.cli.options import (
    SchedulerOpt,
    SeedOpt,
    WorkersOpt,
    emit_json,
    fail,
    load,
    scheduler_errors,
)


def robustness(
    scenario: Annotated[
        str, typer.Argument(help="Preset name (sel, vaga, nordre_land) or scenario file.")
    ],
    packages: Annotated[
        list[str] | None,
        typer.Option("--package", help="A package file combining levers. Repeatable."),
    ] = None,
    futures: Annotated[
        Path | None,
        typer.Option(
            "--futures",
            help="Futures file (TOML): the factors and their ranges "
            "(default scenarios/futures/default.toml).",
        ),
    ] = None,
    n_futures: Annotated[
        int, typer.Option("--n-futures", min=2, max=100_000, help="Futures to sample (LHS).")
    ] = 40,
    replications: Annotated[
        int,
        typer.Option(
            "--replications", "-r", min=1, max=10000, help="Paired replications per future."
        ),
    ] = 2,
    years: Annotated[int | None, typer.Option("--years", help="Years to simulate (1-30).")] = None,
    seed: SeedOpt = 1,
    outcome: Annotated[
        str, typer.Option("--outcome", help="Outcome key judged against the goal.")
    ] = "retention_5y",
    goal: Annotated[
        float | None,
        typer.Option(
            "--goal",
            help="Goal for the outcome (a share for shares, e.g. 0.60); default: the "
            "baseline's median across the futures.",
        ),
    ] = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Folder for robustness.json, futures.parquet and robustness.png."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Lever packages across sampled futures: each one's outcome distribution, regret, share of
    futures missing the goal, and the conditions under which it misses (PRIM)."""
    with scheduler_errors():
        _robustness(
            scenario, packages, futures, n_futures, replications, years, seed, outcome, goal,
            workers, scheduler, out, as_json,
        )  # fmt: skip


def _robustness(
    scenario: str,
    packages: list[str] | None,
    futures: Path | None,
    n_futures: int,
    replications: int,
    years: int | None,
    seed: int,
    outcome: str,
    goal: float | None,
    workers: int | None,
    scheduler: str | None,
    out: Path | None,
    as_json: bool,
) -> None:
    """Validate everything, run, then print and (with ``out``) save."""
    import math

    from analysis.experiments.executors import make_executor
    from analysis.experiments.futures import load_futures
    from analysis.experiments.lever_files import load_package
    from analysis.experiments.out_folder import out_problem
    from analysis.experiments.robustness import check_outcome, run_robustness
    from analysis.experiments.stats import clean
    from analysis.progress import progress_bar
    from analysis.reports.robustness import print_robustness, save_robustness
    from model.outcomes import is_share

    if not packages:
        fail("robustness: give at least one --package file")
    sc = load(scenario, None, years)
    check_outcome(outcome, sc.params.years)
    if goal is not None and (
        not math.isfinite(goal) or (is_share(outcome) and not 0.0 <= goal <= 1.0)
    ):
        fail(f"--goal {goal}: {outcome} is a share; give a goal from 0 to 1, e.g. 0.60")
    arms = [load_package(p) for p in packages]
    names = [a.name for a in arms]
    for arm in arms:
        if arm.name == "baseline" or names.count(arm.name) > 1:
            fail(f"{arm.source}: name: {arm.name!r} is reserved or already used")
    spec = load_futures(futures, sc.params)  # every factor checked at both ends of its range
    problem = out_problem(out) if out is not None else None
    if problem:
        fail(problem)  # before any run: nothing is spent on a bad --out
    n_runs = n_futures * (len(arms) + 1) * replications
    print(
        f"bygdesim: {n_futures} futures x {len(arms) + 1} arms x {replications} replications "
        f"= {n_runs:,} runs",
        file=sys.stderr,
    )
    with make_executor(workers, scheduler) as ex, progress_bar("runs") as tick:
        result = run_robustness(
            sc, arms, spec, n_futures=n_futures, replications=replications, seed=seed,
            outcome=outcome, goal=goal, executor=ex, progress=tick,
        )  # fmt: skip
    summary = result.summary()
    if out is not None:
        save_robustness(summary, result.table(), result.wide, out)
        print(f"bygdesim: wrote {out / 'robustness.json'}, {out / 'futures.parquet'} and "
              f"{out / 'robustness.png'}", file=sys.stderr)  # fmt: skip
    if as_json:
        emit_json(summary)
    else:
        print_robustness(clean(summary))
