"""``bygdesim bench --only sweep``: sweep throughput and the value of common random numbers.

* ``sweep_runs_per_second_1_worker`` and ``sweep_runs_per_second_2_workers``: the sweep engine
  (:func:`analysis.experiments.sweep.run_sweep`, as ``bygdesim sweep`` runs it) on a grid of
  ``sweep_runs`` = 160 runs (Vågå, 10 years, 2 x 2 points x 40 replications), end to end:
  Parquet parts for every run, manifest, consolidation (the HTML report is left out: it is not
  part of running). One worker runs in this process; two are a fresh pool of processes, whose
  start-up is counted. 160 runs, so that start-up does not dominate (a 40-run grid scaled only
  1.14x with two workers where 160 runs scaled 1.84x).
* ``sweep_speedup_2_workers``: the two-worker rate over the one-worker rate.
* ``sweep_cpu_seconds_per_run_1_worker`` / ``_2_workers`` and ``load_average_before``:
  diagnostics; CPU per run shows whether a second worker wastes work or just could not get a
  second core (other processes running: see the load average).
* ``mesa_batch_run_runs_per_second``: ``mesa.batch_run`` in one process on the smaller grid of
  ``mesa_batch_run_runs`` = 40 runs (the same points, 10 replications; it needs the model's
  DataCollector, so those runs collect their monthly series), kept small so the comparison stays
  cheap; ``speedup_vs_batch_run`` is the one-worker sweep rate over that rate.
* ``crn_variance_ratio`` (median over the three levers) and ``crn_variance_ratio.<lever>``: see
  :mod:`analysis.bench.crn`.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path

import pyarrow as pa

from analysis.bench import crn
from analysis.bench.phases import phase, say
from analysis.experiments.runner import simulate

SCENARIO = "vaga"
YEARS = 10
GRID = {"levers.bridge_builders.count": [0, 2], "levers.early_nav.entry_month": [1, 13]}
SWEEP_REPLICATIONS = 40  # x 4 points = 160 runs
BATCH_RUN_REPLICATIONS = 10  # x 4 points = 40 runs
WORKERS = (1, 2)


def grid_toml(replications: int) -> str:
    """The bench's sweep file: ``GRID`` in ``SCENARIO`` over ``YEARS`` years."""
    lines = [
        "[sweep]",
        f'scenario = "{SCENARIO}"',
        f"replications = {replications}",
        "seed = 7",
        'design = "grid"',
        "",
        "[parameters]",
        f"years = {YEARS}",
        *(f'"{key}" = {values}' for key, values in GRID.items()),
    ]
    return "\n".join(lines) + "\n"


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _write_sweep(folder: Path, replications: int):
    from analysis.experiments.sweep_spec import load_sweep

    path = folder / f"bench-{replications}.toml"
    path.write_text(grid_toml(replications))
    return load_sweep(path)


def sweep_rate(folder: Path, workers: int) -> dict:
    """One timed sweep of ``SWEEP_REPLICATIONS`` per point with ``workers``: runs computed,
    wall-clock seconds, CPU seconds (all processes)."""
    from analysis.experiments.sweep import run_sweep

    sweep = _write_sweep(folder, SWEEP_REPLICATIONS)
    what = "1 worker" if workers == 1 else f"{workers} workers"
    with phase(f"sweep of {sweep.n_runs} runs ({SCENARIO}, {YEARS} years) with {what}") as tick:
        cpu, t = _cpu_seconds(), time.perf_counter()
        summary = run_sweep(sweep, folder / f"out-{workers}", workers=workers, progress=tick)
        wall = time.perf_counter() - t
        cpu = _cpu_seconds() - cpu
    if summary["computed"] != sweep.n_runs:
        raise RuntimeError(f"the bench sweep ran {summary['computed']} of {sweep.n_runs} runs")
    return {"runs": summary["computed"], "seconds": wall, "cpu_seconds": cpu}


def batch_run_rate(folder: Path) -> dict:
    """``mesa.batch_run`` on the small grid, in this process: runs and wall-clock seconds."""
    import mesa

    from model.model import BygdeModel
    from model.params import Params

    sweep = _write_sweep(folder, BATCH_RUN_REPLICATIONS)
    params = [Params.model_validate(sweep.point_params(i)) for i in range(len(sweep.points))]
    seeds = [sweep.run(r).seed for r in range(sweep.replications)]
    say(f"mesa.batch_run of {sweep.n_runs} runs in one process (no progress bar)")
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
    if len(rows) != sweep.n_runs:
        raise RuntimeError(f"mesa.batch_run returned {len(rows)} rows for {sweep.n_runs} runs")
    return {"runs": len(rows), "seconds": elapsed}


def _per_worker(key: str, workers: int) -> str:
    return f"{key}_{workers}_worker" if workers == 1 else f"{key}_{workers}_workers"


def throughput() -> dict:
    """The sweep's rates with 1 and 2 workers, and batch_run's rate."""
    with tempfile.TemporaryDirectory(prefix="bygdesim-bench-") as tmp:
        folder = Path(tmp)
        simulate((_warm_params(), 1))  # one-time imports and caches outside the timings
        pa.array([0.0])  # pyarrow's first array loads its pandas shim (about a second)
        load = os.getloadavg()[0]
        measured = {w: sweep_rate(folder, w) for w in WORKERS}
        batch = batch_run_rate(folder)
    runs = {m["runs"] for m in measured.values()}
    if len(runs) != 1:
        raise RuntimeError(f"the bench sweeps ran different numbers of runs: {sorted(runs)}")
    n = runs.pop()
    rates = {w: m["runs"] / m["seconds"] for w, m in measured.items()}
    out: dict = {"sweep_runs": n}
    for w in WORKERS:
        out[_per_worker("sweep_runs_per_second", w)] = round(rates[w], 3)
    out["sweep_speedup_2_workers"] = round(rates[2] / rates[1], 3)
    for w in WORKERS:
        out[_per_worker("sweep_cpu_seconds_per_run", w)] = round(measured[w]["cpu_seconds"] / n, 4)
    batch_rate = batch["runs"] / batch["seconds"]
    out.update(
        {
            "load_average_before": round(load, 2),
            "cpus": os.cpu_count(),
            "mesa_batch_run_runs": batch["runs"],
            "mesa_batch_run_runs_per_second": round(batch_rate, 3),
            "speedup_vs_batch_run": round(rates[1] / batch_rate, 3),
        }
    )
    return out


def crn_part(workers: int = 2) -> dict:
    """Run :mod:`analysis.bench.crn`'s design, with progress, and return its keys."""
    runs = (1 + 2 * len(crn.LEVERS)) * crn.REPLICATIONS
    what = (
        f"common random numbers: {runs} runs ({crn.SCENARIO}, baseline and "
        f"{len(crn.LEVERS)} levers on common and on independent seeds, "
        f"{crn.REPLICATIONS} replications)"
    )
    with phase(what) as tick:
        sample = crn.crn_sample(
            crn.SCENARIO, crn.REPLICATIONS, workers=workers, progress=tick, years=crn.YEARS
        )
    return crn.crn_figures(sample, crn.SCENARIO)


def bench_sweep(repeats: int) -> dict:
    """Sweep throughput with 1 and 2 workers, batch_run, and the CRN variance ratios."""
    del repeats  # one pass: each figure already averages over many runs
    return {**throughput(), **crn_part()}


def _warm_params() -> dict:
    from model.scenario import load_scenario, with_overrides

    return with_overrides(load_scenario(SCENARIO).params, {"years": 1}).model_dump(mode="json")
