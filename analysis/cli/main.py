"""The ``bygdesim`` command line: the typer app with every command, in the order ``--help``
lists them, and :func:`main`, the entry point.

Every command reads scenarios through the one parameter schema. Bad input of any kind (a
scenario file, a flag, a value out of range) prints one line to stderr and exits with status 2,
having written nothing.
"""

from __future__ import annotations

import sys

import typer

from analysis.cli.experiment_commands import compare, sweep
from analysis.cli.frontier_commands import frontier, target
from analysis.cli.options import EXIT_BAD_INPUT, BadInput
from analysis.cli.research_commands import calibrate, sensitivity, validate
from analysis.cli.robustness_commands import robustness
from analysis.cli.run_commands import bench, dashboard, levers, run
from analysis.cli.scenario_commands import new_scenario
from analysis.i18n import UnknownLanguage
from model.files import FileProblem
from model.scenario import ScenarioError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="bygdesim: refugee settlement and retention in small rural municipalities.",
)
for command in (
    run,
    new_scenario,
    levers,
    compare,
    sweep,
    robustness,
    frontier,
    target,
    dashboard,
    calibrate,
    validate,
    sensitivity,
    bench,
):
    app.command()(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning every user error into one line and exit status 2."""
    try:
        result = app(args=argv, standalone_mode=False, prog_name="bygdesim")
    except (ScenarioError, FileProblem, BadInput, UnknownLanguage) as exc:
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
