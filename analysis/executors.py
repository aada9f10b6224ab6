"""Swappable evaluators: run independent simulation tasks sequentially, on local processes, or
on a Dask distributed cluster. Results are keyed by task, so the order runs finish in never
matters (EMA Workbench's evaluator idea).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any

Task = tuple[Any, ...]


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


class Executor:
    """Base: ``imap(fn, tasks)`` yields ``(index, result)`` as tasks finish."""

    workers = 1

    def imap(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[tuple[int, Any]]:
        raise NotImplementedError

    def close(self) -> None:  # noqa: B027 - optional hook
        pass

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SequentialExecutor(Executor):
    def imap(self, fn, tasks):
        for i, task in enumerate(tasks):
            yield i, fn(task)


class ProcessExecutor(Executor):
    """Local worker processes. At most ``2 * workers`` tasks are in flight, so an interrupted
    run loses little."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers)

    def imap(self, fn, tasks):
        it = iter(enumerate(tasks))
        pending: dict[Any, int] = {}

        def submit_next() -> bool:
            try:
                i, task = next(it)
            except StopIteration:
                return False
            pending[self._pool.submit(fn, task)] = i
            return True

        for _ in range(2 * self.workers):
            if not submit_next():
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                i = pending.pop(fut)
                yield i, fut.result()
                submit_next()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor(Executor):
    """A running Dask distributed scheduler at ``address``. Dask reschedules the tasks of a
    lost worker on the others; tasks are pure, so a redone task gives the same result."""

    def __init__(self, address: str) -> None:
        from distributed import Client

        self.client = Client(address, timeout="10s")
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def imap(self, fn, tasks):
        from distributed import as_completed

        tasks = list(tasks)
        futures = self.client.map(fn, tasks, pure=False, retries=2)
        index = {f.key: i for i, f in enumerate(futures)}
        for fut in as_completed(futures):
            yield index[fut.key], fut.result()

    def close(self) -> None:
        self.client.close()


def make_executor(workers: int | None = None, scheduler: str | None = None) -> Executor:
    if scheduler:
        return DaskExecutor(scheduler)
    workers = default_workers() if workers is None else workers
    if workers <= 1:
        return SequentialExecutor()
    return ProcessExecutor(workers)
