"""The researchers' commands: ``calibrate``, ``validate`` and ``sensitivity`` (``target`` is
with ``frontier`` in :mod:`analysis.cli.frontier_commands`)."""

from __future__ import annotations

from typing import Annotated

import typer

from analysis.cli.options import (
    LangOpt,
    SchedulerOpt,
    SeedOpt,
    WorkersOpt,
    choose_language,
    emit_json,
    fail,
    load,
    scheduler_errors,
)
from analysis.experiments.abc_settings import DEFAULT_GENERATIONS as ABC_GENERATIONS
from analysis.experiments.abc_settings import DEFAULT_MINUTES as ABC_MINUTES
from analysis.experiments.abc_settings import DEFAULT_POPULATION as ABC_POPULATION
from analysis.experiments.abc_settings import DEFAULT_REPLICATIONS as ABC_REPS


def calibrate(
    preset: Annotated[
        str | None,
        typer.Option("--preset", help="Calibrate one preset (default: all three jointly)."),
    ] = None,
    method: Annotated[
        str,
        typer.Option(
            "--method",
            help="point (a search for one best point; quick) or abc (ABC-SMC: a posterior "
            "sample, its best particle written into the presets).",
        ),
    ] = "point",
    budget: Annotated[
        int, typer.Option("--budget", min=30, max=1_000_000, help="Model runs to spend (point).")
    ] = 1500,
    replications: Annotated[
        int | None,
        typer.Option(
            "--replications",
            min=1,
            max=100,
            help=f"Replications per design point or particle (default 3 point, {ABC_REPS} abc).",
        ),
    ] = None,
    population: Annotated[
        int, typer.Option("--population", min=2, max=10000, help="Particles per generation (abc).")
    ] = ABC_POPULATION,
    generations: Annotated[
        int, typer.Option("--generations", min=1, max=100, help="Most generations (abc).")
    ] = ABC_GENERATIONS,
    max_minutes: Annotated[
        float,
        typer.Option(
            "--max-minutes",
            min=0.1,
            help="Finish within about this many minutes, the final check included (abc).",
        ),
    ] = ABC_MINUTES,
    years: Annotated[
        int | None,
        typer.Option(
            "--years", min=1, max=30, help="Simulated years (abc trials; targets need 10)."
        ),
    ] = None,
    seed: SeedOpt = 2026,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    write: Annotated[
        bool,
        typer.Option("--write/--dry-run", help="Write the chosen values into the preset files."),
    ] = True,
    even_if_outside: Annotated[
        bool,
        typer.Option(
            "--even-if-outside",
            help="Write the best particle into the presets even when it misses a target's band "
            "(abc; by default the presets are then left as they are).",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Fit the uncertain behavioural parameters to calibration/targets.toml."""
    from analysis.experiments.targets import PRESETS

    if method not in ("point", "abc"):
        fail(f"--method {method}: use point or abc")
    if preset is not None and preset not in PRESETS:
        fail(f"--preset {preset}: not one of {', '.join(PRESETS)}")
    presets = [preset] if preset else list(PRESETS)
    if method == "abc":
        from analysis.cli.abc_command import calibrate_abc

        with scheduler_errors():
            calibrate_abc(
                presets, replications or ABC_REPS, population, generations, max_minutes, years,
                seed, workers, scheduler, write, as_json, even_if_outside,
            )  # fmt: skip
        return
    from analysis.experiments.calibration import calibrate as run_calibration
    from analysis.progress import progress_bar
    from analysis.reports.calibration import print_calibration, result_json, write_result

    replications = replications or 3
    with scheduler_errors(), progress_bar("calibration runs") as tick:
        result = run_calibration(presets, budget, replications, workers, scheduler, seed, tick)
    if write:
        write_result(result, budget, seed)
    if as_json:
        emit_json(result_json(result))
    else:
        print_calibration(result, written=write)


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
    lang: LangOpt = None,
) -> None:
    """Presets against the published targets, and the report's qualitative findings."""
    from pathlib import Path

    lang = choose_language(lang)  # before any run: a bad --lang costs nothing

    from analysis.experiments.validation import validate as run_validation
    from analysis.progress import progress_bar
    from analysis.reports.validation import print_validation, validation_json, write_page

    with scheduler_errors(), progress_bar("validation runs") as tick:
        result = run_validation(replications, seed, workers, scheduler, progress=tick)
    page = write_page(result, Path(out), lang) if out else None
    if as_json:
        emit_json(validation_json(result))
    else:
        print_validation(result, page, lang)
    if not all(t["pass"] for t in result["targets"]) or not all(
        c["pass"] for c in result["checks"]
    ):
        raise typer.Exit(1)


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
    with scheduler_errors(), progress_bar("sensitivity runs") as tick:
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
