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
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from analysis.experiments.executors import Executor, make_executor
from analysis.experiments.runner import Experiment, executor_for, iter_experiments
from analysis.experiments.sweep_spec import Sweep, SweepError
from analysis.experiments.sweep_store import RunStore, results_schema
from analysis.provenance import atomic_write_json, environment

MANIFEST = "manifest.json"


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
    progress: Callable[[int, int], None] | None = None,
    report: bool = True,
    executor: Executor | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Run (or resume) ``sweep`` into ``out``; return a summary."""
    out = Path(out)
    log = log or (lambda msg: print(msg, file=sys.stderr))
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
            log(
                f"bygdesim: sweep interrupted: {len(finished) + computed} of {sweep.n_runs} runs "
                f"saved in {out}; run the same command again to resume"
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
    if report:
        from analysis.reports.html import write_sweep_report

        write_sweep_report(sweep, table, out / "report.html")
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


def point_means(sweep: Sweep, table: pa.Table, key: str) -> list[tuple[float, float, float]]:
    """Mean and 95 % CI of ``key`` at each point over its replications."""
    from analysis.experiments.stats import mean_ci
    from model.outcomes import is_share

    pids = table["point_id"].to_pylist()
    values = table[key].to_pylist()
    by_point: list[list[float]] = [[] for _ in sweep.points]
    for pid, v in zip(pids, values, strict=True):
        if v is not None:
            by_point[pid].append(v)
    return [mean_ci(v, share=is_share(key)) for v in by_point]


def sweep_main(
    file: Path,
    out: Path | None,
    workers: int | None,
    scheduler: str | None,
    as_json: bool,
) -> dict[str, Any]:
    """``bygdesim sweep``: validate the file and ``--out``, then run or resume."""
    from analysis.experiments.sweep_spec import load_sweep
    from analysis.progress import progress_bar

    sweep = load_sweep(file)
    out = Path(out) if out is not None else Path("out") / sweep.path.stem
    check_out_dir(sweep, out)
    with make_executor(workers, scheduler) as ex, progress_bar("runs") as tick:
        summary = run_sweep(sweep, out, progress=tick, executor=ex)
    print(
        f"bygdesim: sweep {sweep.name}: {summary['runs']} runs ({summary['resumed']} resumed, "
        f"{summary['computed']} computed in {summary['seconds']:.1f} s) -> {summary['results']}",
        file=sys.stderr,
    )
    if as_json:
        sys.stdout.write(json.dumps(summary) + "\n")
    return summary
