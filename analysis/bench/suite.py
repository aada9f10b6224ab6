"""``bygdesim bench``: speed and memory figures, measured, never enforced by tests."""

from __future__ import annotations

import resource
import statistics
import time

from analysis.bench.dashboard import bench_dashboard
from analysis.bench.phases import say
from analysis.bench.sweep import bench_sweep
from analysis.cli.options import BadInput
from model.model import BygdeModel
from model.scenario import load_scenario


def bench_model(repeats: int) -> dict:
    params = load_scenario("sel").params
    say(f"model: {repeats} runs of Sel, one at a time")
    BygdeModel(params, rng=0).run()  # warm-up: imports and caches
    times = []
    for r in range(repeats):
        t = time.perf_counter()
        model = BygdeModel(params, rng=r + 1, collect=True)
        model.run()
        times.append(time.perf_counter() - t)
    return {
        "single_run_seconds_median": round(statistics.median(times), 4),
        "single_run_seconds_min": round(min(times), 4),
        "single_run_repeats": repeats,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


GROUPS = {"model": bench_model}
GROUPS["sweep"] = bench_sweep
GROUPS["dashboard"] = bench_dashboard


def run_benchmarks(repeats: int = 5, groups: list[str] | None = None) -> dict:
    """Every group's figures, in one dict. Unknown group names are bad input (one line, exit
    status 2), refused before anything is measured."""
    chosen = groups or list(GROUPS)
    unknown = [name for name in chosen if name not in GROUPS]
    if unknown:
        names = ", ".join(repr(name) for name in unknown)
        raise BadInput(f"--only: unknown benchmark group {names} (have {', '.join(GROUPS)})")
    if repeats < 1:
        raise BadInput(f"--repeats: {repeats} is not at least 1")
    out: dict = {}
    for name in chosen:
        out.update(GROUPS[name](repeats))
    return out
