"""The ``bygdesim`` command line.

Every command reads scenarios through the one parameter schema. Bad input of any kind (a
scenario file, a flag, a value out of range) prints one line to stderr and exits with status 2,
having written nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from model.scenario import ScenarioError, load_scenario, parse_set

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="bygdesim: refugee settlement and retention in small rural municipalities.",
)

EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """Raised for user errors; main() prints the message on one line and exits 2."""


def fail(message: str) -> None:
    raise BadInput(message)


def load(scenario: str, sets: list[str] | None, years: int | None = None):
    overrides = parse_set(sets)
    if years is not None:
        overrides["years"] = years
    return load_scenario(scenario, overrides or None)


def emit_json(obj: dict) -> None:
    from analysis.experiments.stats import clean

    sys.stdout.write(json.dumps(clean(obj), ensure_ascii=False) + "\n")


SeedOpt = Annotated[
    int, typer.Option("--seed", help="Master seed; replications derive theirs from it.", min=0)
]
RepsOpt = Annotated[
    int,
    typer.Option(
        "--replications", "-r", min=1, max=10000, help="Replications (independent seeds)."
    ),
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help="Override a parameter: KEY=VALUE with a dotted key, e.g. "
        "levers.bridge_builders.count=2. Repeatable.",
    ),
]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", min=1, max=64, help="Local worker processes.")
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler", help="Address of a running Dask scheduler, e.g. tcp://127.0.0.1:8786."
    ),
]


@app.command()
def run(
    scenario: Annotated[
        str, typer.Argument(help="Preset name (sel, vaga, nordre_land) or scenario file.")
    ],
    seed: SeedOpt = 1,
    years: Annotated[int | None, typer.Option("--years", help="Years to simulate (1-30).")] = None,
    replications: RepsOpt = 1,
    sets: SetOpt = None,
    workers: WorkersOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Run a scenario and report every outcome (mean and 95 % CI over replications)."""
    from analysis.experiments.scenario_run import run_scenario
    from analysis.progress import progress_bar

    sc = load(scenario, sets, years)
    with progress_bar("runs") as tick:
        result = run_scenario(sc, seed, replications, workers=workers, progress=tick)
    if as_json:
        emit_json(result)
    else:
        from analysis.reports.tables import print_run

        print_run(result)


@app.command()
def bench(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
    repeats: Annotated[int, typer.Option("--repeats", min=1, max=50)] = 5,
    only: Annotated[
        str | None,
        typer.Option("--only", help="Comma-separated benchmark groups: model, sweep, dashboard."),
    ] = None,
) -> None:
    """Measure speed and memory (never enforced by tests)."""
    from analysis.bench.suite import run_benchmarks

    groups = [g.strip() for g in only.split(",")] if only else None
    result = run_benchmarks(repeats=repeats, groups=groups)
    if as_json:
        emit_json(result)
    else:
        for k, v in result.items():
            print(f"{k:40s} {v}")


@app.command()
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
) -> None:
    """Compare levers with the scenario on common random numbers: paired effects on every
    outcome with 95 % CIs, and the cost per retained adult."""
    args = dict(locals())
    from analysis.experiments.compare import compare_main
    from analysis.experiments.executors import SchedulerUnavailable

    try:
        compare_main(**args)
    except SchedulerUnavailable as exc:
        fail(str(exc))


@app.command()
def sweep(
    file: Annotated[Path, typer.Argument(help="Sweep file (TOML): [sweep] and [parameters].")],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Output folder (default out/<file name>); re-run to resume."),
    ] = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON summary on stdout.")] = False,
) -> None:
    """Run a parameter sweep, one Parquet row per run, resumable after any interruption."""
    args = dict(locals())
    from analysis.experiments.executors import SchedulerUnavailable
    from analysis.experiments.sweep import sweep_main

    try:
        sweep_main(**args)
    except SchedulerUnavailable as exc:
        fail(str(exc))


@app.command()
def dashboard(
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8765,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; only this machine by default.")
    ] = "127.0.0.1",
) -> None:
    """Open the browser dashboard: explore a municipality, follow a person, compare levers.
    Works offline: every asset is served locally."""
    from analysis.dashboard.server import ServerProblem, serve

    try:
        serve(host, port)
    except ServerProblem as exc:
        fail(str(exc))


@app.command()
def calibrate(
    preset: Annotated[
        str | None,
        typer.Option("--preset", help="Calibrate one preset (default: all three jointly)."),
    ] = None,
    budget: Annotated[
        int, typer.Option("--budget", min=30, max=1_000_000, help="Model runs to spend.")
    ] = 1500,
    replications: Annotated[
        int, typer.Option("--replications", min=1, max=100, help="Replications per design point.")
    ] = 3,
    seed: SeedOpt = 2026,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    write: Annotated[
        bool,
        typer.Option("--write/--dry-run", help="Write the chosen values into the preset files."),
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Fit the uncertain behavioural parameters to calibration/targets.toml."""
    from analysis.experiments.calibration import calibrate as run_calibration
    from analysis.experiments.targets import PRESETS
    from analysis.progress import progress_bar
    from analysis.reports.calibration import print_calibration, result_json, write_result

    if preset is not None and preset not in PRESETS:
        fail(f"--preset {preset}: not one of {', '.join(PRESETS)}")
    presets = [preset] if preset else list(PRESETS)
    with progress_bar("calibration runs") as tick:
        result = run_calibration(presets, budget, replications, workers, scheduler, seed, tick)
    if write:
        write_result(result, budget, seed)
    if as_json:
        emit_json(result_json(result))
    else:
        print_calibration(result, written=write)


@app.command()
def validate(
    replications: Annotated[
        int, typer.Option("--replications", "-r", min=2, max=10000, help="Replications per preset.")
    ] = 20,
    seed: SeedOpt = 2026,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    out: Annotated[
        str | None, typer.Option("--out", help="Folder for validation.html (default: validation/).")
    ] = "validation",
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Presets against the published targets, and the report's qualitative findings."""
    from pathlib import Path

    from analysis.experiments.validation import validate as run_validation
    from analysis.progress import progress_bar
    from analysis.reports.validation import print_validation, validation_json, write_page

    with progress_bar("validation runs") as tick:
        result = run_validation(replications, seed, workers, scheduler, progress=tick)
    page = write_page(result, Path(out)) if out else None
    if as_json:
        emit_json(validation_json(result))
    else:
        print_validation(result, page)
    if not all(t["pass"] for t in result["targets"]) or not all(
        c["pass"] for c in result["checks"]
    ):
        raise typer.Exit(1)


@app.command()
def sensitivity(
    preset: Annotated[str, typer.Option("--preset", help="Preset to analyse.")] = "sel",
    method: Annotated[
        str, typer.Option("--method", help="morris (screening) or sobol.")
    ] = "morris",
    samples: Annotated[
        int,
        typer.Option(
            "--samples",
            min=2,
            max=4096,
            help="Morris trajectories, or the Sobol base sample (a power of two).",
        ),
    ] = 10,
    replications: Annotated[int, typer.Option("--replications", min=1, max=50)] = 2,
    years: Annotated[int, typer.Option("--years", min=6, max=30)] = 8,
    no_levers: Annotated[
        bool, typer.Option("--no-levers", help="Only the uncertain parameters.")
    ] = False,
    seed: SeedOpt = 2026,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    out: Annotated[
        str | None, typer.Option("--out", help="Folder for the table and figure.")
    ] = "sensitivity",
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Which uncertain parameters and levers drive retention and work (SALib)."""
    from pathlib import Path

    from analysis.experiments.sensitivity import run_sensitivity
    from analysis.experiments.targets import PRESETS
    from analysis.progress import progress_bar
    from analysis.reports.sensitivity import print_sensitivity, write_sensitivity

    if method not in ("morris", "sobol"):
        fail(f"--method {method}: use morris or sobol")
    if preset not in PRESETS:
        load(preset, None)  # a scenario file is fine too; bad ones fail here with one line
    if method == "sobol" and samples & (samples - 1):
        fail(f"--samples {samples}: Sobol needs a power of two")
    with progress_bar("sensitivity runs") as tick:
        result = run_sensitivity(
            preset,
            method,
            samples,
            replications,
            seed,
            not no_levers,
            years,
            workers,
            scheduler,
            tick,
        )
    path = write_sensitivity(result, Path(out)) if out else None
    if as_json:
        emit_json(result)
    else:
        print_sensitivity(result, path)


@app.command()
def target(
    scenario: Annotated[str, typer.Argument(help="Preset name or scenario file.")],
    outcome: Annotated[
        str, typer.Option("--outcome", help="Outcome key to raise.")
    ] = "retention_5y",
    at_least: Annotated[float, typer.Option("--at-least", help="Goal for the outcome.")] = 0.6,
    budget_nok: Annotated[
        float | None, typer.Option("--budget-nok", min=0, help="Most extra lever cost per year.")
    ] = None,
    replications: Annotated[
        int, typer.Option("--replications", min=3, max=200, help="Replications per candidate.")
    ] = 8,
    confirm: Annotated[
        int, typer.Option("--confirm", min=3, max=500, help="Replications to confirm the package.")
    ] = 20,
    seed: SeedOpt = 2026,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """The cheapest package of levers that reaches a goal with 95 % confidence."""
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
    sc = load(scenario, None)
    with progress_bar("goal-seeking runs") as tick:
        result = seek(
            sc,
            outcome,
            at_least,
            budget_nok,
            replications,
            confirm,
            seed,
            workers,
            scheduler,
            progress=tick,
        )
    if as_json:
        emit_json(describe(result))
    else:
        print_seek(result)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning every user error into one line and exit status 2."""
    try:
        result = app(args=argv, standalone_mode=False, prog_name="bygdesim")
    except (ScenarioError, BadInput) as exc:
        print(f"bygdesim: error: {exc}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)
    except (typer.Abort, KeyboardInterrupt):
        print("bygdesim: interrupted", file=sys.stderr)
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            app(args=["--help"], prog_name="bygdesim")
        msg = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        print(f"bygdesim: error: {' '.join(msg.split())}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(result if isinstance(result, int) else 0)


if __name__ == "__main__":
    main()
