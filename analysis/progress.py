"""Progress of a batch of runs, on stderr.

On a terminal: a bar (rich) with runs done, rate and time left. Off a terminal (a log file, a
pipe, a batch system): one line every ``BYGDESIM_PROGRESS_SECONDS`` seconds (default 30), and a
last one at the end if any was printed, so short jobs stay silent and stdout stays clean for
JSON. Either way, once the first runs have been timed (a few seconds), a job that will take
more than a couple of minutes says how many runs it has and about how long they will take.
"""

from __future__ import annotations

import os
import sys
import time
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

TIMING_SECONDS = 3.0  # time the first runs this long before estimating the rest
ESTIMATE_ABOVE_SECONDS = 120.0  # announce jobs estimated to take longer than this
LINE_EVERY_SECONDS = 30.0  # off a terminal; BYGDESIM_PROGRESS_SECONDS overrides


def duration(seconds: float) -> str:
    """``3 h 20 min``, ``14 min``, ``45 s``."""
    seconds = max(0, round(seconds))
    if seconds < 90:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 90:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{hours / 24:.1f} days"


def line_interval() -> float:
    """Seconds between progress lines off a terminal."""
    value = os.environ.get("BYGDESIM_PROGRESS_SECONDS", "")
    try:
        return max(0.0, float(value)) if value else LINE_EVERY_SECONDS
    except ValueError:
        return LINE_EVERY_SECONDS


class ProgressReport:
    """What a job says about its progress in words: ``tick(done, total)`` after each run;
    ``finish()`` at the end. ``write`` receives whole lines; ``clock`` gives seconds."""

    def __init__(
        self,
        label: str,
        write: Callable[[str], None],
        lines: bool,
        interval: float = LINE_EVERY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.write = write
        self.lines = lines
        self.interval = interval
        self.clock = clock
        self.start = clock()
        self.last_line = self.start
        self.estimated = False
        self.printed = False
        self.done = 0
        self.total = 0

    def _rate(self, now: float) -> float:
        elapsed = now - self.start
        return self.done / elapsed if elapsed > 0 else float("inf")

    def tick(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        now = self.clock()
        elapsed = now - self.start
        if not self.estimated and done < total and elapsed >= TIMING_SECONDS:
            self.estimated = True
            left = (total - done) / self._rate(now)
            if elapsed + left >= ESTIMATE_ABOVE_SECONDS:
                self.write(
                    f"bygdesim: {total:,} {self.label}; about {duration(elapsed + left)} in all "
                    f"(timed on the first {done:,}); Ctrl-C stops"
                )
        if self.lines and now - self.last_line >= self.interval and done < total:
            self.last_line = now
            self.printed = True
            rate = self._rate(now)
            left = (total - done) / rate if rate > 0 else float("inf")
            self.write(
                f"bygdesim: {self.label} {done:,}/{total:,} ({100 * done / total:.1f} %), "
                f"{rate:.2f} runs/s, about {duration(left)} left"
            )

    def finish(self) -> None:
        if self.lines and self.printed:
            elapsed = self.clock() - self.start
            self.write(
                f"bygdesim: {self.label} {self.done:,}/{self.total:,} done in {duration(elapsed)}"
            )


@contextmanager
def progress_bar(label: str, force: bool = False) -> Iterator[Callable[[int, int], None]]:
    """Yield ``tick(done, total)``: a bar on a terminal (or with ``force``), periodic lines
    elsewhere, and the estimate of a long job in both."""
    on_terminal = force or sys.stderr.isatty()
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
        disable=not on_terminal,
        transient=False,
    )

    def write(line: str) -> None:
        if on_terminal:
            bar.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=sys.stderr, flush=True)

    report = ProgressReport(label, write, lines=not on_terminal, interval=line_interval())
    task = None

    def tick(done: int, total: int) -> None:
        nonlocal task
        report.tick(done, total)
        if not on_terminal:
            return
        if task is None:
            task = bar.add_task(label, total=total, rate="")
        elapsed = bar.tasks[0].elapsed or 0.0
        rate = f"{done / elapsed:.1f} runs/s" if elapsed > 0 else ""
        bar.update(task, completed=done, total=total, rate=rate)

    with bar:
        yield tick
    report.finish()
