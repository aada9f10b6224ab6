"""Progress bars on stderr (rich): runs done, rate and time left. Silent when stderr is not a
terminal, so logs and JSON pipelines stay clean."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


@contextmanager
def progress_bar(label: str, force: bool = False) -> Iterator[Callable[[int, int], None]]:
    """Yield ``tick(done, total)``."""
    enabled = force or sys.stderr.isatty()
    console = Console(file=sys.stderr)
    bar = Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
        disable=not enabled,
        transient=False,
    )
    task = None

    def tick(done: int, total: int) -> None:
        nonlocal task
        if task is None:
            task = bar.add_task(label, total=total, rate="")
        elapsed = bar.tasks[0].elapsed or 0.0
        rate = f"{done / elapsed:.1f} runs/s" if elapsed > 0 else ""
        bar.update(task, completed=done, total=total, rate=rate)

    with bar:
        yield tick
