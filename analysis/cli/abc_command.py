"""``bygdesim calibrate --method abc``: run ABC-SMC, write the posterior (Parquet + manifest) and,
unless ``--dry-run``, the best particle into the presets' ``[calibrated]`` blocks — only when
it meets every target band (or with ``--even-if-outside``): a short run whose best particle
misses a band would otherwise replace presets that meet them."""

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
    even_if_outside: bool = False,
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
    write, why = write_decision(result.best.inside, result.best.distance, write, even_if_outside)
    if why:
        log(why)
    if write:
        write_result(as_calibration(result), result.runs, seed, procedure(result))
    if as_json:
        emit_json(abc_json(result, paths, write))
    else:
        print_abc(result, paths, write)


def write_decision(
    inside: bool, distance: float, write: bool, even_if_outside: bool
) -> tuple[bool, str]:
    """Whether the best particle goes into the presets, and what to tell the user if not."""
    if not write:
        return False, ""
    if inside or even_if_outside:
        return True, ""
    return False, (
        f"the presets are left as they are: the best particle misses at least one target band "
        f"(distance {distance:.3g} in half-bands); run longer (--generations, --population, "
        f"--max-minutes) or write it anyway with --even-if-outside"
    )
