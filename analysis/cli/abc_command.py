"""``bygdesim calibrate --method abc``: run ABC-SMC, write the posterior (Parquet + manifest) and,
unless ``--dry-run``, the best particle into the presets' ``[calibrated]`` blocks."""

from __future__ import annotations

import sys

from analysis.cli.options import emit_json


def calibrate_abc(
    presets: list[str],
    replications: int,
    population: int,
    generations: int,
    max_minutes: float,
    years: int | None,
    seed: int,
    workers: int | None,
    scheduler: str | None,
    write: bool,
    as_json: bool,
) -> None:
    from analysis.experiments.abc_smc import run_abc
    from analysis.experiments.posterior import write_posterior
    from analysis.reports.calibration import write_result
    from analysis.reports.posterior import abc_json, as_calibration, print_abc, procedure

    def log(message: str) -> None:
        print(f"bygdesim: {message}", file=sys.stderr, flush=True)

    log(
        f"ABC-SMC for {', '.join(presets)}: {population} particles a generation, at most "
        f"{generations} generations, {replications} replications per particle, "
        f"{max_minutes:g} minutes in all"
    )
    result = run_abc(
        presets, population, generations, replications, max_minutes, workers, scheduler, seed,
        log, years,
    )  # fmt: skip
    paths = write_posterior(result)
    log(f"wrote {paths[0]} and {paths[1]} ({result.seconds / 60:.1f} min)")
    if write:
        write_result(as_calibration(result), result.runs, seed, procedure(result))
    if as_json:
        emit_json(abc_json(result, paths, write))
    else:
        print_abc(result, paths, write)
