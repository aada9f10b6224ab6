"""Commands about one scenario and the tool itself: ``run``, ``bench`` and ``dashboard``."""

from __future__ import annotations

from typing import Annotated

import typer

from analysis.cli.options import (
    LangOpt,
    RepsOpt,
    SeedOpt,
    SetOpt,
    WorkersOpt,
    choose_language,
    emit_json,
    fail,
    load,
)


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


def dashboard(
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8765,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; only this machine by default.")
    ] = "127.0.0.1",
    allow_hosts: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Also accept requests addressed to this host name (repeatable); by default"
            " only 127.0.0.1, localhost and [::1].",
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Open the browser dashboard: explore a municipality, follow a person, compare levers.
    Works offline: every asset is served locally. Listening on anything but this machine
    (--host 0.0.0.0) prints a URL with a token that every browser must use. --lang sets the
    language a page opens in; the page switches language itself."""
    import os

    from analysis.dashboard.server import ServerProblem, serve
    from analysis.i18n import ENV_VAR

    os.environ[ENV_VAR] = choose_language(lang)  # the pages' starting language
    try:
        serve(host, port, allow_hosts or [])
    except ServerProblem as exc:
        fail(str(exc))


def levers(
    scenario: Annotated[
        str,
        typer.Option(
            "--scenario", help="Preset or scenario file the yearly costs are measured in."
        ),
    ] = "sel",
    seed: SeedOpt = 2026,
    replications: RepsOpt = 2,
    workers: WorkersOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """List the fifteen levers: purpose, the settings of each lever file, and the yearly cost at
    that setting (measured in runs of the scenario)."""
    from analysis.experiments.lever_catalogue import lever_catalogue
    from analysis.progress import progress_bar

    sc = load(scenario, None)
    with progress_bar("runs") as tick:
        entries = lever_catalogue(sc, replications, seed, workers=workers, progress=tick)
    if as_json:
        emit_json(
            {
                "scenario": sc.name,
                "replications": replications,
                "seed": seed,
                "levers": {e.name: e.as_dict() for e in entries},
            }
        )
    else:
        from analysis.reports.tables import print_levers

        print_levers(sc.name, replications, entries)
