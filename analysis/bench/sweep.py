"""``bygdesim bench --only sweep``: sweep throughput and the value of common random numbers.

* ``sweep_runs_per_second``: the sweep engine on a small grid (Vågå, 10 years, 2 x 2 points x 10
  replications = 40 runs), with 1 and 2 local workers, end to end: Parquet parts for every run,
  manifest, consolidation (the HTML report is left out: it is not part of running).
* ``mesa_batch_run_runs_per_second``: the same 40 runs through ``mesa.batch_run`` in one process
  (it needs the model's DataCollector, so those runs collect their monthly series).
* ``speedup_vs_batch_run``: one-worker sweep rate over the batch_run rate.
* ``crn_variance_ratio``: variance of a lever's paired effect on 5-year retention when the
  lever arm runs on independent seeds, divided by the variance when it runs on the baseline's
  seeds (common random numbers), in Vågå over 40 replications; the median over the three
  required levers (municipal jobs, bridge-builders, early Nav), each also reported in
  ``crn_variance_ratio_by_lever``. Above 1 means common seeds sharpen effects. With 40 pairs
  each ratio is uncertain by a factor of about 1.9 either way (F distribution, 39 and 39 df).
"""

from __future__ import annotations

import math
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

from analysis.experiments.runner import crossed, perform_experiments, replication_seeds, simulate
from model.streams import derive_seed

GRID_TOML = """
[sweep]
scenario = "vaga"
replications = 10
seed = 7
design = "grid"

[parameters]
years = 10
"levers.bridge_builders.count" = [0, 2]
"levers.early_nav.entry_month" = [1, 13]
"""
CRN_REPLICATIONS = 40


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _sweep_rate(folder: Path, workers: int) -> tuple[float, float]:
    """Runs per wall-clock second, and CPU seconds spent per run (all processes)."""
    from analysis.experiments.sweep import run_sweep
    from analysis.experiments.sweep_spec import load_sweep

    sweep = load_sweep(folder / "bench.toml")
    out = folder / f"out-{workers}"
    cpu, t = _cpu_seconds(), time.perf_counter()
    run_sweep(sweep, out, workers=workers)
    wall = time.perf_counter() - t
    return sweep.n_runs / wall, (_cpu_seconds() - cpu) / sweep.n_runs


def _batch_run_rate(folder: Path) -> float:
    import mesa

    from analysis.experiments.sweep_spec import load_sweep
    from model.model import BygdeModel
    from model.params import Params

    sweep = load_sweep(folder / "bench.toml")
    params = [Params.model_validate(sweep.point_params(i)) for i in range(len(sweep.points))]
    seeds = [sweep.run(r).seed for r in range(sweep.replications)]
    t = time.perf_counter()
    rows = mesa.batch_run(
        BygdeModel,
        parameters={"params": params},
        rng=seeds,
        number_processes=1,
        data_collection_period=-1,
        max_steps=10_000,
        display_progress=False,
    )
    elapsed = time.perf_counter() - t
    assert len(rows) == sweep.n_runs
    return sweep.n_runs / elapsed


REQUIRED_LEVERS = {
    "municipal_jobs": {"levers.municipal_jobs.positions": 5},
    "bridge_builders": {"levers.bridge_builders.count": 2},
    "early_nav": {"levers.early_nav.entry_month": 1},
}


def crn_variance_ratios(
    scenario: str = "vaga", replications: int = CRN_REPLICATIONS, workers: int = 2
) -> dict[str, float]:
    """For each of the three required levers: the variance of its paired effect on 5-year
    retention with independent seeds for the lever arm, over the variance with common seeds."""
    from model.scenario import load_scenario, with_overrides

    base = load_scenario(scenario).params
    common = replication_seeds(1, replications)
    independent = [derive_seed(1, "independent", r) for r in range(replications)]
    design = crossed({"baseline": base}, common)
    for name, overrides in REQUIRED_LEVERS.items():
        lever = with_overrides(base, overrides)
        design += crossed({(name, "common"): lever}, common)
        design += crossed({(name, "independent"): lever}, independent)
    runs = perform_experiments(design, workers=workers).by_label()
    b = np.array([r["retention_5y"] for r in runs["baseline"]])
    ratios = {}
    for name in REQUIRED_LEVERS:
        crn = np.array([r["retention_5y"] for r in runs[(name, "common")]]) - b
        ind = np.array([r["retention_5y"] for r in runs[(name, "independent")]]) - b
        var_crn = float(np.var(crn, ddof=1))
        ratios[name] = float(np.var(ind, ddof=1) / var_crn) if var_crn > 0 else math.inf
    return ratios


def bench_sweep(repeats: int) -> dict:
    """Sweep throughput with 1 and 2 workers, batch_run, and the CRN variance ratio."""
    del repeats  # one pass: each figure already averages over 40 runs
    with tempfile.TemporaryDirectory(prefix="bygdesim-bench-") as tmp:
        folder = Path(tmp)
        (folder / "bench.toml").write_text(GRID_TOML)
        simulate((_warm_params(), 1))  # one-time imports and caches outside the timings
        pa.array([0.0])  # pyarrow's first array loads its pandas shim (about a second)
        load = os.getloadavg()[0]
        measured = {str(w): _sweep_rate(folder, w) for w in (1, 2)}
        rates = {w: round(r, 3) for w, (r, _) in measured.items()}
        batch = _batch_run_rate(folder)
    result = {
        "sweep_runs_per_second": rates,
        "sweep_parallel_speedup": round(rates["2"] / rates["1"], 3),
        # diagnostics: CPU per run shows whether a second worker wastes work or just could
        # not get a second core (other processes running: see the load average)
        "sweep_cpu_seconds_per_run": {w: round(c, 4) for w, (_, c) in measured.items()},
        "load_average_before": round(load, 2),
        "cpus": os.cpu_count(),
        "mesa_batch_run_runs_per_second": round(batch, 3),
        "speedup_vs_batch_run": round(rates["1"] / batch, 3),
    }
    ratios = crn_variance_ratios()
    result["crn_variance_ratio"] = round(statistics.median(ratios.values()), 3)
    result["crn_variance_ratio_by_lever"] = {k: round(v, 3) for k, v in ratios.items()}
    return result


def _warm_params() -> dict:
    from model.scenario import load_scenario, with_overrides

    return with_overrides(load_scenario("vaga").params, {"years": 1}).model_dump(mode="json")
