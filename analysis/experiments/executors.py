"""Swappable evaluators: run independent simulation tasks sequentially, on local processes (a
pool of our own, or one shared with others), or on a Dask distributed cluster. Results are keyed
by task, so the order runs finish in never matters (EMA Workbench's evaluator idea). The
experiment runner (:mod:`analysis.experiments.runner`) is the one caller.

Every executor keeps only a few tasks in flight (about two per worker), so an interrupted run
loses little, and a resumed sweep does not find a backlog of orphaned work on the cluster.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import signal
import sys
import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any

from analysis.experiments.dask_connect import SchedulerUnavailable as SchedulerUnavailable

Task = tuple[Any, ...]


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


class Executor(ABC):
    """Base: ``imap(fn, tasks)`` yields ``(index, result)`` as tasks finish."""

    workers = 1
    backend = "sequential"

    @abstractmethod
    def imap(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[tuple[int, Any]]:
        """Yield ``(index, result)`` for every task, in the order they finish."""

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


def _worker_init() -> None:
    """In each local worker: leave Ctrl-C to the parent (which finishes or cancels the work in
    an orderly way), and die with the parent if it is killed (Linux), so no orphans remain."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:
            pass


def _ping() -> int:
    return os.getpid()


class PoolExecutor(Executor):
    """Tasks on a ``concurrent.futures`` pool (of processes), at most ``2 * workers`` in flight. The
    pool may be shared and outlive this executor (``own=False``: closing leaves it running).
    ``stop``, when given, is asked every ``poll`` seconds; once it says yes, no more tasks are
    handed out, those not started are cancelled and the iteration ends early."""

    backend = "processes"

    def __init__(
        self,
        pool: concurrent.futures.Executor,
        workers: int,
        own: bool = False,
        stop: Callable[[], bool] | None = None,
        poll: float = 0.25,
    ) -> None:
        self.workers = workers
        self._pool = pool
        self._own = own
        self._stop = stop
        self._poll = poll if stop is not None else None

    def _stopped(self) -> bool:
        return self._stop is not None and self._stop()

    def imap(self, fn, tasks):
        it = iter(enumerate(tasks))
        pending: dict[Any, int] = {}

        def submit_next() -> bool:
            if self._stopped():
                return False
            try:
                i, task = next(it)
            except StopIteration:
                return False
            pending[self._pool.submit(fn, task)] = i
            return True

        for _ in range(2 * self.workers):
            if not submit_next():
                break
        try:
            while pending and not self._stopped():
                done, _ = wait(pending, timeout=self._poll, return_when=FIRST_COMPLETED)
                for fut in done:
                    i = pending.pop(fut)
                    yield i, fut.result()
                    submit_next()
        finally:
            for fut in pending:
                fut.cancel()

    def close(self) -> None:
        if self._own:
            self._pool.shutdown(wait=True, cancel_futures=True)


class ProcessExecutor(PoolExecutor):
    """Local worker processes, forked from this process so they start without re-importing
    Mesa (about three seconds a process). The start method is fixed here, so a library that
    changes the global default (``mesa.batch_run`` sets "spawn") does not slow us down. At
    most ``2 * workers`` tasks are in flight."""

    def __init__(self, workers: int) -> None:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_worker_init,
        )
        super().__init__(pool, workers, own=True)
        # Start the workers now, before this process starts helper threads of its own. Native
        # threads of libraries (pyarrow's jemalloc, OpenBLAS) may already run and make Python
        # warn about fork; the workers only run the model (Python and numpy), never touch those
        # libraries' state, and OpenBLAS re-initialises itself after fork.
        with warnings.catch_warnings():
            warnings.filterwarnings(
                "ignore", message=r".*multi-threaded, use of fork\(\)", category=DeprecationWarning
            )
            for fut in [self._pool.submit(_ping) for _ in range(workers)]:
                fut.result()


class DaskExecutor(Executor):
    """A running Dask distributed scheduler at ``address`` (``tcp://host:port``, ``tls://``,
    ``ws://``, ``wss://``, or the path of a scheduler file written by ``dask scheduler
    --scheduler-file``), reached as :mod:`analysis.experiments.dask_connect` says. Dask
    reschedules the tasks of a lost worker on the others; tasks are pure, so a redone task gives
    the same result."""

    backend = "dask"

    def __init__(self, address: str, timeout: float | None = None) -> None:
        from analysis.experiments.dask_connect import connect_client

        self.address = address
        self.client = connect_client(address, timeout)  # one-line SchedulerUnavailable
        self.workers = max(1, self._threads())

    def _threads(self) -> int:
        try:
            return sum(self.client.nthreads().values())
        except Exception:  # a scheduler hiccup must not stop the run
            return self.workers

    def imap(self, fn, tasks):
        from distributed import as_completed

        it = iter(enumerate(tasks))
        index: dict[Any, int] = {}
        queue = as_completed()

        def submit_next() -> bool:
            try:
                i, task = next(it)
            except StopIteration:
                return False
            fut = self.client.submit(fn, task, pure=False, retries=2)
            index[fut] = i
            queue.add(fut)
            return True

        # Two tasks per worker thread in flight; workers may join or leave during the run.
        threads = self.workers
        for _ in range(max(4, 2 * threads)):
            if not submit_next():
                break
        try:
            for n, fut in enumerate(queue, start=1):
                i = index.pop(fut)
                result = fut.result()
                fut.release()
                yield i, result
                if n % 16 == 0:
                    threads = max(1, self._threads())
                while len(index) < max(4, 2 * threads) and submit_next():
                    pass
        finally:
            for fut in index:
                fut.cancel()

    def close(self) -> None:
        self.client.close()


def make_executor(workers: int | None = None, scheduler: str | None = None) -> Executor:
    """A Dask executor when ``scheduler`` is given, else local processes (sequential for one
    worker)."""
    if scheduler:
        return DaskExecutor(scheduler)
    workers = default_workers() if workers is None else workers
    if workers <= 1:
        return SequentialExecutor()
    return ProcessExecutor(workers)
