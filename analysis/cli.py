"""The ``bygdesim`` command line.

Every command reads scenarios through the one parameter schema. Bad input of any kind (a
scenario file, a flag, a value out of range) prints one line to stderr and exits with status 2,
having written nothing.
"""

from __future__ import annotations

import json
import sys
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
    from analysis.stats import clean

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
    from analysis.progress import progress_bar
    from analysis.report_run import run_report

    sc = load(scenario, sets, years)
    with progress_bar("runs") as tick:
        result = run_report(sc, seed, replications, workers=workers, progress=tick)
    if as_json:
        emit_json(result)
    else:
        from analysis.tables import print_run

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
    from analysis.bench import run_benchmarks

    groups = [g.strip() for g in only.split(",")] if only else None
    result = run_benchmarks(repeats=repeats, groups=groups)
    if as_json:
        emit_json(result)
    else:
        for k, v in result.items():
            print(f"{k:40s} {v}")


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
