"""The planner's experiments: ``compare`` (levers against the baseline on common random
numbers) and ``sweep`` (a parameter sweep, resumable). The commands run the experiment, then
print and write what it found; computing is in :mod:`analysis.experiments`, presenting in
:mod:`analysis.reports`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from analysis.cli.options import (
    LangOpt,
    SchedulerOpt,
    SeedOpt,
    SetOpt,
    WorkersOpt,
    choose_language,
    emit_json,
    load,
    scheduler_errors,
)


def compare(
    scenario: Annotated[
        str, typer.Argument(help="Preset name (sel, vaga, nordre_land) or scenario file.")
    ],
    levers: Annotated[
        str | None,
        typer.Option("--levers", help="Comma-separated lever names or lever files."),
    ] = None,
    all_levers: Annotated[
        bool, typer.Option("--all-levers", help="Every lever in scenarios/levers.")
    ] = False,
    packages: Annotated[
        list[str] | None,
        typer.Option("--package", help="A package file combining levers. Repeatable."),
    ] = None,
    replications: Annotated[
        int | None,
        typer.Option("--replications", "-r", min=2, max=10000, help="Paired replications."),
    ] = None,
    precision: Annotated[
        float | None,
        typer.Option(
            "--precision",
            help="Add replications until every 95 % CI half-width of the effect on "
            "retention_5y is at most this many percentage points.",
        ),
    ] = None,
    max_replications: Annotated[
        int, typer.Option("--max-replications", min=2, max=10000, help="Cap for --precision.")
    ] = 400,
    posterior: Annotated[
        int | None,
        typer.Option(
            "--posterior",
            min=1,
            max=10000,
            help="Draw this many parameter sets from the calibration's posterior "
            "(calibrate --method abc) and pair every arm within each draw; --replications "
            "is then per draw (default 5).",
        ),
    ] = None,
    outcome: Annotated[
        str, typer.Option("--outcome", help="Outcome for --posterior's probabilities.")
    ] = "retention_5y",
    at_least: Annotated[
        float | None,
        typer.Option("--at-least", help="With --posterior: the effect size to reach."),
    ] = None,
    seed: SeedOpt = 1,
    years: Annotated[int | None, typer.Option("--years", help="Years to simulate (1-30).")] = None,
    sets: SetOpt = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for report.html, compare.json and runs.parquet."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
    lang: LangOpt = None,
) -> None:
    """Compare levers with the scenario on common random numbers: paired effects on every
    outcome with 95 % CIs, and the cost per retained adult."""
    lang = choose_language(lang)
    with scheduler_errors():
        _compare(
            scenario, levers, all_levers, packages, replications, precision, max_replications,
            seed, years, sets, workers, scheduler, out, as_json, lang,
            (posterior, outcome, at_least),
        )  # fmt: skip


def _compare(
    scenario: str,
    levers: str | None,
    all_levers: bool,
    packages: list[str] | None,
    replications: int | None,
    precision: float | None,
    max_replications: int,
    seed: int,
    years: int | None,
    sets: list[str] | None,
    workers: int | None,
    scheduler: str | None,
    out: Path | None,
    as_json: bool,
    lang: str = "en",
    across: tuple[int | None, str, float | None] = (None, "retention_5y", None),
) -> None:
    """Validate everything, run, then print and (with ``out``) save. ``across``: the posterior
    draws (None: the presets' point values), the outcome and the effect size to reach."""
    from analysis.experiments.compare import breakdown, check_precision, run_compare
    from analysis.experiments.executors import make_executor
    from analysis.experiments.lever_files import apply_arm, resolve_arms
    from analysis.experiments.out_folder import out_problem
    from analysis.experiments.stats import clean
    from analysis.progress import progress_bar
    from analysis.reports.compare import save_compare
    from analysis.reports.compare_table import print_compare
    from model.scenario import ScenarioError

    sc = load(scenario, sets, years)
    names = [s.strip() for s in (levers or "").split(",") if s.strip()]
    arms = resolve_arms(names, all_levers, packages)
    for arm in arms:
        apply_arm(sc.params, arm)  # every arm validated before anything runs
    problem = out_problem(out) if out is not None else None
    if problem:
        raise ScenarioError(problem)  # before any run: nothing is spent on a bad --out
    draws, outcome, at_least = across
    if at_least is not None and not draws:
        raise ScenarioError(f"--at-least {at_least}: needs --posterior")
    post = _posterior_for(draws, outcome, at_least, precision) if draws else None
    if post is not None:
        replications = replications or 5
    replications = check_precision(sc, replications, precision, max_replications)

    def notify(message: str) -> None:
        print(f"bygdesim: {message}", file=sys.stderr)

    if precision is not None:  # the runs of the first batch are timed; say how far it may go
        n_arms = len(arms) + 1
        notify(
            f"--precision {precision:g}: {replications * n_arms:,} runs in the first batch, at "
            f"most {max_replications * n_arms:,} ({max_replications} replications of {n_arms} "
            "arms, --max-replications)"
        )
    with make_executor(workers, scheduler) as ex, progress_bar("runs") as tick:
        if post is not None:
            from analysis.experiments.posterior_compare import run_posterior_compare

            result = run_posterior_compare(
                sc, arms, post, draws, replications, seed, outcome, at_least,
                progress=tick, executor=ex,
            )  # fmt: skip
        else:
            result = run_compare(
                sc,
                arms,
                seed=seed,
                replications=replications,
                precision=precision,
                cap=max_replications,
                progress=tick,
                executor=ex,
            )
    if result.precision is not None:
        notify(result.precision["message"])
    summary = result.summary()
    if out is not None:
        save_compare(result, summary, breakdown(result), out, lang)
        notify(f"wrote {out / 'report.html'}, {out / 'compare.json'} and {out / 'runs.parquet'}")
    if as_json:
        emit_json(summary)
    else:
        print_compare(clean(summary), lang)


def _posterior_for(draws: int, outcome: str, at_least: float | None, precision: float | None):
    """The posterior sample for ``--posterior``, after checking the options that go with it."""
    from analysis.experiments.posterior import posterior_dir, read_posterior
    from model.outcomes import is_share, outcome_keys
    from model.scenario import ScenarioError

    if precision is not None:
        raise ScenarioError("--posterior: cannot be combined with --precision")
    if outcome not in outcome_keys():
        raise ScenarioError(f"--outcome {outcome}: not an outcome key (see --json)")
    if at_least is not None and is_share(outcome) and not -1.0 <= at_least <= 1.0:
        raise ScenarioError(f"--at-least {at_least}: an effect on a share lies in [-1, 1]")
    try:
        post = read_posterior()
    except ValueError as exc:
        raise ScenarioError(str(exc)) from None
    if post is None:
        raise ScenarioError(
            f"--posterior {draws}: no posterior sample in {posterior_dir()} "
            "(run bygdesim calibrate --method abc first)"
        )
    return post


def sweep(
    file: Annotated[Path, typer.Argument(help="Sweep file (TOML): [sweep] and [parameters].")],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Output folder (default out/<file name>); re-run to resume."),
    ] = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    allow_code_change: Annotated[
        bool,
        typer.Option(
            "--allow-code-change",
            help="Resume although the model code or package versions differ from those that "
            "made the stored runs (recorded in the manifest).",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON summary on stdout.")] = False,
) -> None:
    """Run a parameter sweep, one Parquet row per run, resumable after any interruption."""
    with scheduler_errors():
        _sweep(file, out, workers, scheduler, allow_code_change, as_json)


def _sweep(
    file: Path,
    out: Path | None,
    workers: int | None,
    scheduler: str | None,
    allow_code_change: bool,
    as_json: bool,
) -> None:
    """Validate the file and ``--out``, run or resume, then write the report and say so."""
    import pyarrow.parquet as pq

    from analysis.experiments.executors import make_executor
    from analysis.experiments.sweep import check_out_dir, run_sweep, summarise_sweep
    from analysis.experiments.sweep_spec import load_sweep
    from analysis.progress import progress_bar
    from analysis.reports.sweep import write_sweep_report

    sweep = load_sweep(file)
    out = Path(out) if out is not None else Path("out") / sweep.path.stem
    check_out_dir(sweep, out, allow_code_change)  # before any worker starts

    def log(message: str) -> None:
        print(message, file=sys.stderr)

    with make_executor(workers, scheduler) as ex, progress_bar("runs") as tick:
        summary = run_sweep(
            sweep, out, progress=tick, executor=ex, log=log, allow_code_change=allow_code_change
        )
    table = pq.read_table(out / "results.parquet")
    write_sweep_report(sweep, summarise_sweep(sweep, table), out / "report.html")
    log(
        f"bygdesim: sweep {sweep.name}: {summary['runs']} runs ({summary['resumed']} resumed, "
        f"{summary['computed']} computed in {summary['seconds']:.1f} s) -> {summary['results']}"
    )
    if as_json:
        sys.stdout.write(json.dumps(summary) + "\n")
