"""What ``bygdesim bench`` says on stderr while it measures: one line as each part starts, and
the project's progress bar (:mod:`analysis.progress`) for the parts that are batches of runs, so
a bench of several minutes is never silent. Stdout stays clean for ``--json``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from analysis.progress import progress_bar


def say(line: str) -> None:
    """One line on stderr, at once."""
    print(f"bygdesim bench: {line}", file=sys.stderr, flush=True)


@contextmanager
def phase(what: str, label: str = "runs") -> Iterator[Callable[[int, int], None]]:
    """Say what is being measured, then yield ``tick(done, total)`` for its runs."""
    say(what)
    with progress_bar(label) as tick:
        yield tick
