"""``bygdesim sweep``: run a sweep file, streaming one Parquet row per run, resumable.

The sweep file is validated completely (every design point through the parameter schema) and
the output folder checked before anything is created under it. Runs go through one executor
(sequential, local processes or a Dask cluster); each finished run is stored at once as its own
part file, so an interrupted sweep loses at most the runs in flight. Re-running the same command
on the same folder skips the runs already stored. At the end the parts are consolidated into
``results.parquet`` sorted by run id, identical whatever the number of workers, the backend or
the order runs finished in. See :mod:`analysis.experiments.sweep_spec` for the file format and
seeds and :mod:`analysis.experiments.sweep_store` for the layout on disk.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from analysis.experiments.executors import Executor
from analysis.experiments.runner import Experiment, Progress, executor_for, iter_experiments
from analysis.experiments.stats import mean_ci
from analysis.experiments.sweep_spec import Sweep, SweepError
from analysis.experiments.sweep_store import RunStore, results_schema
from analysis.provenance import atomic_write_json, environment
from model.outcomes import is_share

MANIFEST = "manifest.json"
SUMMARY_KEYS = ("retention_5y", "retention_2y", "retention_1y")

Interval = tuple[float, float, float]  # mean, low, high


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def check_out_dir(sweep: Sweep, out: Path) -> dict[str, Any] | None:
    """The existing manifest of ``out`` if it belongs to this sweep; raise if ``out`` holds
    something else. Reads only."""
    out = Path(out)
    if not out.exists():
        return None
    if not out.is_dir():
        raise SweepError(f"{out}: --out exists and is not a folder")
    manifest = out / MANIFEST
    if not manifest.exists():
        if any(out.iterdir()):
            raise SweepError(
                f"{out}: --out is not empty and holds no sweep ({MANIFEST} missing); "
                "choose a new or empty folder"
            )
        return None
    try:
        old = json.loads(manifest.read_text())
    except (OSError, ValueError) as exc:
        raise SweepError(f"{manifest}: unreadable manifest: {exc}") from None
    if old.get("design_sha256") != sweep.design_hash():
        raise SweepError(
            f"{manifest}: design_sha256: --out holds a different sweep "
            f"({old.get('sweep_file', '?')}); choose another --out to run {sweep.path}"
        )
    return old


def new_manifest(sweep: Sweep) -> dict[str, Any]:
    return {
        "tool": "bygdesim sweep",
        "name": sweep.name,
        "sweep_file": str(sweep.path),
        "sweep_file_sha256": sweep.sha256,
        "sweep_file_text": sweep.text.decode("utf-8", errors="replace"),
        "design_sha256": sweep.design_hash(),
        "scenario": sweep.scenario.name,
        "scenario_source": sweep.scenario.source,
        "design": sweep.design,
        "samples": sweep.samples,
        "parameters": sweep.parameters,
        "integer_parameters": [k for k, t in sweep.kinds.items() if t is int],
        "integer_rule": "sampled integers take low + floor(u * (high - low + 1))",
        "points": len(sweep.points),
        "replications": sweep.replications,
        "runs": sweep.n_runs,
        "master_seed": sweep.seed,
        "common_seeds": sweep.common_seeds,
        "seed_rule": (
            "seed of replication r = derive_seed(master_seed, 'replication', r), shared by "
            "every point"
            if sweep.common_seeds
            else "seed of run (point, r) = derive_seed(master_seed, 'sweep-run', point, r)"
        ),
        "replication_seeds": [sweep.run(r).seed for r in range(min(sweep.replications, 1000))],
        "created": _now(),
        **environment(),
        "status": "running",
        "sessions": [],
    }


def _row(sweep: Sweep, run_id: int, outcomes: dict[str, float]) -> dict[str, Any]:
    run = sweep.run(run_id)
    row: dict[str, Any] = {
        "run_id": run.run_id,
        "point_id": run.point_id,
        "replication": run.replication,
        "seed": run.seed,
    }
    row.update(sweep.points[run.point_id])
    row.update(outcomes)
    return row


def design(sweep: Sweep, run_ids: Iterable[int]) -> Iterator[Experiment]:
    """The experiments of the given runs, made as the runner asks for them (a large sweep's
    parameters are never all in memory at once)."""
    for run_id in run_ids:
        run = sweep.run(run_id)
        yield Experiment(run.point_id, sweep.point_params(run.point_id), run.seed, run.replication)


def run_sweep(
    sweep: Sweep,
    out: Path,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Run (or resume) ``sweep`` into ``out``; return a summary. ``log`` receives the one-line
    message of an interruption."""
    out = Path(out)
    old = check_out_dir(sweep, out)  # reads only: bad --out changes nothing
    started = time.perf_counter()
    with executor_for(executor, workers, scheduler) as ex:
        store = RunStore(out, results_schema(sweep.kinds))
        out.mkdir(parents=True, exist_ok=True)
        store.prepare()
        manifest = old or new_manifest(sweep)
        finished = store.finished_ids()
        session = {
            "started": _now(),
            "backend": ex.backend,
            "workers": ex.workers,
            "resumed_runs": len(finished),
            **environment(),
        }
        manifest["sessions"] = [*manifest.get("sessions", []), session]
        if len(finished) < sweep.n_runs:
            manifest["status"] = "running"
        atomic_write_json(out / "manifest.json", manifest)

        todo = [i for i in range(sweep.n_runs) if i not in finished]
        computed = 0
        try:
            for k, _, result in iter_experiments(
                design(sweep, todo), ex, progress=progress, total=len(todo)
            ):
                store.write_run(_row(sweep, todo[k], result))
                computed += 1
        except KeyboardInterrupt:
            if log:
                log(
                    f"bygdesim: sweep interrupted: {len(finished) + computed} of "
                    f"{sweep.n_runs} runs saved in {out}; run the same command again to resume"
                )
            raise
    table = store.consolidate(sweep.n_runs)
    seconds = time.perf_counter() - started
    session["finished"] = _now()
    session["computed_runs"] = computed
    session["seconds"] = round(seconds, 3)
    manifest["status"] = "complete"
    manifest["completed"] = _now()
    manifest["results"] = "results.parquet"
    manifest["rows"] = table.num_rows
    atomic_write_json(out / "manifest.json", manifest)
    return {
        "out": str(out),
        "results": str(out / "results.parquet"),
        "runs": sweep.n_runs,
        "points": len(sweep.points),
        "resumed": len(finished),
        "computed": computed,
        "seconds": round(seconds, 3),
        "runs_per_second": round(computed / seconds, 3) if seconds > 0 and computed else None,
        "backend": ex.backend,
        "workers": ex.workers,
    }


def point_means(sweep: Sweep, table: pa.Table, key: str) -> list[Interval]:
    """Mean and 95 % CI of ``key`` at each point over its replications."""
    pids = table["point_id"].to_pylist()
    values = table[key].to_pylist()
    by_point: list[list[float]] = [[] for _ in sweep.points]
    for pid, v in zip(pids, values, strict=True):
        if v is not None:
            by_point[pid].append(v)
    return [mean_ci(v, share=is_share(key)) for v in by_point]


@dataclass
class SweepSummary:
    """What the report of a finished sweep shows."""

    key: str  # the headline outcome: the longest retention that some run measured
    means: list[Interval]  # its mean and 95 % CI at each point
    cost: list[Interval]  # lever cost per year at each point
    numeric: list[str]  # the numeric parameters the design varies (their main effects)
    sobol: dict[str, Any] | None  # a sobol design's S1, S1_conf, ST and ST_conf of ``key``


def summarise_sweep(sweep: Sweep, table: pa.Table) -> SweepSummary:
    """Summarise the results table of a finished sweep (``results.parquet``)."""
    key = next(
        (k for k in SUMMARY_KEYS if any(v is not None for v in table[k].to_pylist())),
        SUMMARY_KEYS[0],
    )
    means = point_means(sweep, table, key)
    cost = point_means(sweep, table, "lever_cost_nok_per_year")
    varied = [k for k in sweep.parameters if len({repr(p[k]) for p in sweep.points}) > 1]
    numeric = [k for k in varied if sweep.kinds[k] in (int, float, bool)]
    sobol = sobol_indices(sweep, means) if sweep.design == "sobol" else None
    return SweepSummary(key, means, cost, numeric, sobol)


def sobol_indices(sweep: Sweep, means: list[Interval]) -> dict[str, Any] | None:
    """First-order and total Sobol' indices of the point means (Saltelli's scheme, SALib);
    None when some point measured nothing or the means do not vary."""
    import numpy as np
    from SALib.analyze import sobol as salib_sobol

    y = np.array([m for m, _, _ in means], dtype=float)
    if np.isnan(y).any() or np.ptp(y) == 0:
        return None
    d = len(sweep.sampled)
    problem = {"num_vars": d, "names": sweep.sampled, "bounds": [[0, 1]] * d}
    res = salib_sobol.analyze(problem, y, calc_second_order=False, seed=sweep.seed)
    return {k: res[k] for k in ("S1", "S1_conf", "ST", "ST_conf")}
