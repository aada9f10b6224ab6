"""``bygdesim bench``: speed and memory figures, measured, never enforced by tests."""

from __future__ import annotations

import resource
import statistics
import time

from analysis.bench.dashboard import bench_dashboard
from analysis.bench.sweep import bench_sweep
from model.model import BygdeModel
from model.scenario import load_scenario


def bench_model(repeats: int) -> dict:
    params = load_scenario("sel").params
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
    out: dict = {}
    for name in groups or list(GROUPS):
        if name not in GROUPS:
            raise ValueError(f"unknown benchmark group {name!r} (have {', '.join(GROUPS)})")
        out.update(GROUPS[name](repeats))
    return out
