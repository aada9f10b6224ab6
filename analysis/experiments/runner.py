"""The one experiment runner: a design of model runs, mapped over an executor, outcomes aligned.

In the spirit of EMA Workbench's ``perform_experiments``: a caller declares *what* to run, a
design (a sequence of :class:`Experiment`: a labelled parameter set on one replication seed),
and the runner does the rest in the same way for every command: it hands the runs to an
executor (sequential, local processes or a Dask cluster; :mod:`analysis.experiments.executors`),
puts each outcome back in its experiment's place whatever order runs finish in, and reports
progress as ``progress(done, total)``.

- :func:`perform_experiments` runs a whole design and returns :class:`Results`: the experiments
  and their outcomes, aligned.
- :func:`iter_experiments` yields ``(index, experiment, outcome)`` as runs finish, for callers
  that keep results as they come (the sweep's resumable store, the dashboard's live comparison).
- :func:`crossed` builds the usual design: every labelled parameter set on every replication
  seed, so all arms share the same seeds (common random numbers).

A run is ``fn((params, seed))``, ``params`` in JSON form: a task that pickles to any worker.
:func:`simulate` (one model to its horizon) is the default ``fn``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence, Sized
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from analysis.experiments.executors import Executor, make_executor
from model.model import BygdeModel
from model.params import Params
from model.streams import derive_seed

Outcomes = dict[str, float]
Task = tuple[dict[str, Any], int]
Progress = Callable[[int, int], None]


def replication_seed(master: int, replication: int) -> int:
    """The seed of replication ``replication`` under master seed ``master``; shared by every arm
    of an experiment (common random numbers)."""
    return derive_seed(master, "replication", replication)


def replication_seeds(master: int, stop: int, start: int = 0) -> list[int]:
    """The seeds of replications ``start`` to ``stop - 1``."""
    return [replication_seed(master, r) for r in range(start, stop)]


def simulate(task: Task) -> Outcomes:
    """Run one model to its horizon. A module-level function, so it pickles to any worker."""
    params, seed = task
    model = BygdeModel(Params.model_validate(params), rng=seed, collect=False)
    return model.run()


@dataclass(frozen=True)
class Experiment:
    """One model run of a design: parameters (JSON form) on one seed, labelled by what it
    belongs to (an arm, a design point, a candidate package, a preset)."""

    label: Hashable
    params: dict[str, Any]
    seed: int
    replication: int = 0

    @property
    def task(self) -> Task:
        return (self.params, self.seed)


def crossed(
    arms: Mapping[Hashable, Params | dict[str, Any]],
    seeds: Sequence[int],
    first_replication: int = 0,
    by_replication: bool = False,
) -> list[Experiment]:
    """Every labelled parameter set on every seed (common random numbers). Arm by arm, each in
    seed order; or, with ``by_replication``, replication by replication (every arm of the first
    seed, then of the second...), so complete replications come in early."""
    params = {
        label: p.model_dump(mode="json") if isinstance(p, Params) else p
        for label, p in arms.items()
    }
    reps = list(enumerate(seeds, start=first_replication))
    if by_replication:
        return [Experiment(label, p, s, r) for r, s in reps for label, p in params.items()]
    return [Experiment(label, p, s, r) for label, p in params.items() for r, s in reps]


@dataclass
class Results:
    """The experiments of a design and their outcomes, aligned by position."""

    experiments: list[Experiment]
    outcomes: list[Any]

    def by_label(self) -> dict[Hashable, list[Any]]:
        """The outcomes of each label in design order (seed order for a crossed design)."""
        out: dict[Hashable, list[Any]] = {}
        for experiment, outcome in zip(self.experiments, self.outcomes, strict=True):
            out.setdefault(experiment.label, []).append(outcome)
        return out


@contextmanager
def executor_for(
    executor: Executor | None = None, workers: int | None = None, scheduler: str | None = None
) -> Iterator[Executor]:
    """``executor`` itself, left open for its owner; or a new one for ``workers`` local processes
    or the Dask ``scheduler``, closed on leaving."""
    if executor is not None:
        yield executor
        return
    with make_executor(workers, scheduler) as ex:
        yield ex


def progress_from(progress: Progress | None, before: int, total: int | None = None):
    """The progress callback of one batch in a longer procedure: runs done before it plus those
    done in it, out of ``total`` (default: the runs before it plus the batch's)."""
    if progress is None:
        return None

    def tick(done: int, n: int) -> None:
        progress(before + done, total if total is not None else before + n)

    return tick


def iter_experiments(
    design: Iterable[Experiment],
    executor: Executor | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    fn: Callable[[Task], Any] = simulate,
    progress: Progress | None = None,
    total: int | None = None,
) -> Iterator[tuple[int, Experiment, Any]]:
    """Run ``design`` and yield ``(index, experiment, outcome)`` as runs finish. The design may be
    lazy (only the runs in flight are held); ``total`` is its length for ``progress`` when it has
    none. Stopping the iteration cancels the runs not yet started."""
    if total is None and isinstance(design, Sized):
        total = len(design)
    in_flight: dict[int, Experiment] = {}

    def tasks() -> Iterator[Task]:
        for i, experiment in enumerate(design):
            in_flight[i] = experiment
            yield experiment.task

    with executor_for(executor, workers, scheduler) as ex:
        finished = ex.imap(fn, tasks())
        try:
            for done, (i, outcome) in enumerate(finished, start=1):
                yield i, in_flight.pop(i), outcome
                if progress:
                    progress(done, total if total is not None else done)
        finally:
            close = getattr(finished, "close", None)
            if close is not None:
                close()


def perform_experiments(
    design: Iterable[Experiment],
    executor: Executor | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    fn: Callable[[Task], Any] = simulate,
    progress: Progress | None = None,
) -> Results:
    """Run every experiment of ``design`` and return them with their outcomes, aligned. With no
    ``executor``, one is made for ``workers`` or ``scheduler`` and closed at the end."""
    experiments = list(design)
    outcomes: list[Any] = [None] * len(experiments)
    for i, _, outcome in iter_experiments(
        experiments, executor, workers=workers, scheduler=scheduler, fn=fn, progress=progress
    ):
        outcomes[i] = outcome
    return Results(experiments, outcomes)
