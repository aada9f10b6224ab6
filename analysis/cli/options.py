"""What every command of the ``bygdesim`` command line shares: the options, loading a
scenario, one-line errors and JSON on stdout."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from model.scenario import load_scenario, parse_set

EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """Raised for user errors; main() prints the message on one line and exits 2."""


def fail(message: str) -> None:
    raise BadInput(message)


@contextmanager
def scheduler_errors() -> Iterator[None]:
    """An unreachable or unusable ``--scheduler`` is bad input: one line, exit status 2."""
    from analysis.experiments.executors import SchedulerUnavailable

    try:
        yield
    except SchedulerUnavailable as exc:
        raise BadInput(str(exc)) from None


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
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the pages and tables: nb (Norsk bokmål) or en (English); default "
        "$BYGDESIM_LANG, else en.",
    ),
]


def choose_language(lang: str | None) -> str:
    """The language of ``--lang`` (or ``$BYGDESIM_LANG``, else en); any other is bad input."""
    from analysis.i18n import UnknownLanguage, get_language

    try:
        return get_language(lang)
    except UnknownLanguage as exc:
        raise BadInput(str(exc)) from None
