"""The one experiment runner: designs, aligned outcomes whatever order runs finish in, progress,
lazy designs and early stops. Cheap stand-ins for the model, so no simulation runs here."""

import threading
import time

import pytest

from analysis.experiments.executors import SequentialExecutor, make_executor
from analysis.experiments.runner import (
    Experiment,
    crossed,
    iter_experiments,
    perform_experiments,
    progress_from,
    replication_seed,
    replication_seeds,
)


def echo(task):
    """Outcome of a stand-in run: the task's label and seed, back from any worker."""
    params, seed = task
    time.sleep(0.01 * (seed % 3))  # finish out of order
    return {"x": params["x"], "seed": seed}


def test_crossed_puts_every_arm_on_the_same_seeds():
    seeds = replication_seeds(7, 3)
    assert seeds == [replication_seed(7, r) for r in range(3)]
    design = crossed({"a": {"x": 1}, "b": {"x": 2}}, seeds)
    assert [(e.label, e.replication, e.seed) for e in design] == [
        (label, r, seeds[r]) for label in "ab" for r in range(3)
    ]
    by_rep = crossed(
        {"a": {"x": 1}, "b": {"x": 2}}, seeds[1:], first_replication=1, by_replication=True
    )
    assert [(e.label, e.replication) for e in by_rep] == [("a", 1), ("b", 1), ("a", 2), ("b", 2)]


@pytest.mark.parametrize("workers", [1, 2])
def test_outcomes_are_aligned_with_their_experiments(workers):
    design = crossed({"a": {"x": 1}, "b": {"x": 2}}, list(range(10)))
    ticks = []
    results = perform_experiments(
        design, workers=workers, fn=echo, progress=lambda d, n: ticks.append((d, n))
    )
    assert results.experiments == design
    for e, out in zip(results.experiments, results.outcomes, strict=True):
        assert out == {"x": e.params["x"], "seed": e.seed}
    assert results.by_label() == {
        "a": [{"x": 1, "seed": s} for s in range(10)],
        "b": [{"x": 2, "seed": s} for s in range(10)],
    }
    assert ticks == [(d, 20) for d in range(1, 21)]


def test_a_lazy_design_is_consumed_as_runs_are_handed_out():
    made = []

    def design():
        for i in range(6):
            made.append(i)
            yield Experiment(i, {"x": i}, seed=i)

    with make_executor(2) as ex:
        seen = {i: out["x"] for i, _, out in iter_experiments(design(), ex, fn=echo, total=6)}
    assert seen == {i: i for i in range(6)} and made == list(range(6))


def test_progress_of_a_batch_in_a_longer_procedure():
    ticks = []
    tick = progress_from(lambda d, n: ticks.append((d, n)), before=10)
    tick(1, 4)
    fixed = progress_from(lambda d, n: ticks.append((d, n)), before=10, total=50)
    fixed(4, 4)
    assert ticks == [(11, 14), (14, 50)]
    assert progress_from(None, 3) is None


def test_a_given_executor_is_left_open_and_a_stop_ends_the_iteration():
    closed = []

    class Tracking(SequentialExecutor):
        def close(self):
            closed.append(True)

    ex = Tracking()
    perform_experiments(crossed({"a": {"x": 0}}, [0, 1]), ex, fn=echo)
    assert closed == []  # its owner closes it

    from concurrent.futures import ThreadPoolExecutor

    from analysis.experiments.executors import PoolExecutor

    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:  # any concurrent.futures pool will do
        ex = PoolExecutor(pool, 1, stop=stop.is_set, poll=0.05)
        got = []
        for _, e, _out in iter_experiments(crossed({"a": {"x": 0}}, list(range(50))), ex, fn=echo):
            got.append(e.replication)
            stop.set()
    assert 1 <= len(got) <= 2  # at most the runs already in flight come back
