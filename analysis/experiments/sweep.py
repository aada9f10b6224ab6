"""``bygdesim sweep``: run a sweep file, streaming one Parquet row per run, resumable.

The sweep file is validated completely (every design point through the parameter schema) and
the output folder checked before anything is created under it. Runs go through one executor
(sequential, local processes or a Dask cluster); each finished run is stored at once as its own
part file, so an interrupted sweep loses at most the runs in flight. Re-running the same command
on the same folder skips the runs already stored; it works from any point after the folder was
created. A sweep holds a lock on its folder (a second one into it is refused) and will not
resume rows that other model code or package versions made unless told to, which the manifest
then records. At the end the parts are consolidated into
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
from analysis.experiments.out_folder import (
    LOCK_NAME,
    FolderLock,
    FolderLocked,
    check_unlocked,
    out_problem,
)
from analysis.experiments.runner import Experiment, Progress, executor_for, iter_experiments
from analysis.experiments.stats import mean_ci
from analysis.experiments.sweep_spec import Sweep, SweepError
from analysis.experiments.sweep_store import RunStore, results_schema
from analysis.provenance import TMP_PREFIX, atomic_write_json, environment
from model.outcomes import is_share

MANIFEST = "manifest.json"
SUMMARY_KEYS = ("retention_5y", "retention_2y", "retention_1y")

Interval = tuple[float, float, float]  # mean, low, high


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _leftovers_only(out: Path) -> bool:
    """Whether ``out`` holds nothing but what a sweep killed before writing its manifest can
    leave: the lock file, temporary files, and an empty ``parts/`` (or one with temporary
    files only)."""
    for p in out.iterdir():
        if p.name == LOCK_NAME or p.name.startswith(TMP_PREFIX):
            continue
        if p.name == "parts" and p.is_dir():
            if all(q.name.startswith(TMP_PREFIX) for q in p.iterdir()):
                continue
        return False
    return True


def code_change(old: dict[str, Any], now: dict[str, Any]) -> str | None:
    """What differs between the code and packages that wrote a sweep's rows (``old``, its
    manifest) and those running now (``now``, :func:`environment`), in words; None if nothing.
    A manifest without a model hash is compared by its code version."""
    changes = []
    if "model_code_sha256" in old:
        if old["model_code_sha256"] != now["model_code_sha256"]:
            changes.append(
                f"model code {old.get('code_version', '?')} "
                f"(sha256 {old['model_code_sha256'][:12]}) -> {now['code_version']} "
                f"(sha256 {now['model_code_sha256'][:12]})"
            )
    elif old.get("code_version") != now["code_version"]:
        changes.append(f"code {old.get('code_version', '?')} -> {now['code_version']}")
    was, new = old.get("packages", {}), now["packages"]
    for name in sorted(set(was) | set(new)):
        if was.get(name) != new.get(name):
            changes.append(f"{name} {was.get(name, 'absent')} -> {new.get(name, 'absent')}")
    return ", ".join(changes) or None


def check_out_dir(
    sweep: Sweep, out: Path, allow_code_change: bool = False, locked_by_us: bool = False
) -> dict[str, Any] | None:
    """The existing manifest of ``out`` if it belongs to this sweep; raise if ``out`` cannot
    receive it: not writable, holding something else, locked by a running sweep, or holding an
    unfinished sweep of other code (unless ``allow_code_change``). Reads only."""
    out = Path(out)
    problem = out_problem(out)
    if problem:
        raise SweepError(problem)
    if not out.exists():
        return None
    if not locked_by_us:
        try:
            check_unlocked(out)
        except FolderLocked as exc:
            raise SweepError(str(exc)) from None
    manifest = out / MANIFEST
    if not manifest.exists():
        if not _leftovers_only(out):
            raise SweepError(
                f"{out}: --out is not empty and holds no sweep ({MANIFEST} missing); "
                "choose a new or empty folder"
            )
        return None
    try:
        old = json.loads(manifest.read_text())
        if not isinstance(old, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        raise SweepError(f"{manifest}: unreadable manifest: {exc}") from None
    if old.get("design_sha256") != sweep.design_hash():
        raise SweepError(
            f"{manifest}: design_sha256: --out holds a different sweep "
            f"({old.get('sweep_file', '?')}); choose another --out to run {sweep.path}"
        )
    change = code_change(old, environment()) if old.get("status") != "complete" else None
    if change and not allow_code_change:
        raise SweepError(
            f"{manifest}: the code changed since this sweep began ({change}); resuming would "
            "mix rows of both: choose another --out, or resume anyway with "
            "--allow-code-change (recorded in the manifest)"
        )
    return old


def _record_code_change(manifest: dict[str, Any], now: dict[str, Any], runs: int) -> str | None:
    """Note in ``manifest`` that the rows after the first ``runs`` come from other code, and
    make the running code the one later resumes are checked against; return the change."""
    change = code_change(manifest, now)
    if change is None:
        return None
    manifest.setdefault("code_changes", []).append(
        {
            "at": _now(),
            "change": change,
            "runs_stored_before": runs,
            "from": {k: manifest.get(k) for k in ("code_version", "model_code_sha256", "packages")},
            "to": {k: now[k] for k in ("code_version", "model_code_sha256", "packages")},
        }
    )
    manifest.update({k: now[k] for k in ("code_version", "model_code_sha256", "packages")})
    return change


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
    allow_code_change: bool = False,
) -> dict[str, Any]:
    """Run (or resume) ``sweep`` into ``out``; return a summary. ``log`` receives the one-line
    message of an interruption. The folder is locked for the whole run; resuming rows that
    other code made is refused unless ``allow_code_change`` (then recorded in the manifest)."""
    out = Path(out)
    check_out_dir(sweep, out, allow_code_change)  # reads only: bad --out changes nothing
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    try:
        with FolderLock(out):
            # under the lock the folder is as its last holder left it: check again
            old = check_out_dir(sweep, out, allow_code_change, locked_by_us=True)
            with executor_for(executor, workers, scheduler) as ex:
                summary = _run_locked(sweep, out, old, ex, progress, log)
    except FolderLocked as exc:
        raise SweepError(str(exc)) from None
    seconds = time.perf_counter() - started
    computed = summary["computed"]
    summary["seconds"] = round(seconds, 3)
    summary["runs_per_second"] = round(computed / seconds, 3) if seconds > 0 and computed else None
    return summary


def _run_locked(
    sweep: Sweep,
    out: Path,
    old: dict[str, Any] | None,
    ex: Executor,
    progress: Progress | None,
    log: Callable[[str], None] | None,
) -> dict[str, Any]:
    """The run itself, in a locked folder. The manifest is written before ``parts/`` is made,
    so a sweep killed at any point after creating the folder can be resumed."""
    started = time.perf_counter()
    store = RunStore(out, results_schema(sweep.kinds))
    now = environment()
    manifest = old or new_manifest(sweep)
    finished = store.finished_ids()
    change = None
    if old is not None and len(finished) < sweep.n_runs:
        change = _record_code_change(manifest, now, len(finished))  # allowed, or refused before
    session = {
        "started": _now(),
        "backend": ex.backend,
        "workers": ex.workers,
        "resumed_runs": len(finished),
        **now,
    }
    if change:
        session["allowed_code_change"] = change
    manifest["sessions"] = [*manifest.get("sessions", []), session]
    if len(finished) < sweep.n_runs:
        manifest["status"] = "running"
    atomic_write_json(out / MANIFEST, manifest)
    store.prepare()

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
    session["finished"] = _now()
    session["computed_runs"] = computed
    session["seconds"] = round(time.perf_counter() - started, 3)
    manifest["status"] = "complete"
    manifest["completed"] = _now()
    manifest["results"] = "results.parquet"
    manifest["rows"] = table.num_rows
    atomic_write_json(out / MANIFEST, manifest)
    return {
        "out": str(out),
        "results": str(out / "results.parquet"),
        "runs": sweep.n_runs,
        "points": len(sweep.points),
        "resumed": len(finished),
        "computed": computed,
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
