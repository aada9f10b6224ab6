"""Compare live: the baseline against lever settings, replication by replication, in the
background, with effects that sharpen as runs come in.

Built on the experiment runner (``analysis.experiments.runner``): baseline and levers on the
same replication seeds (common random numbers), results taken as they finish; on
``analysis.experiments.stats``, which turns paired runs into effects with 95 % intervals and
cost per retained adult; and on the summary of ``bygdesim compare``
(``analysis.experiments.compare``), whose pathway counters say how each lever worked. Runs go
to a pool of worker processes shared by the page's comparisons (started with ``spawn``: safe
in a threaded web server), so the page's own process stays free to draw.
"""

from __future__ import annotations

import atexit
import math
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from analysis.dashboard.schema_controls import changed_levers, lever_title, with_levers_of
from analysis.experiments.compare import BASELINE, CompareResult
from analysis.experiments.executors import PoolExecutor, default_workers
from analysis.experiments.lever_files import Arm as CompareArm
from analysis.experiments.runner import crossed, iter_experiments, replication_seeds
from analysis.experiments.stats import cost_per_retained, mean_ci, paired_effects
from analysis.i18n import N_, _, format_decimal, format_money
from analysis.reports.pathways import PathwayRow, pathway_rows
from model.params import Params

# Outcomes shown, with plain words and how to read a difference.
OUTCOMES: dict[str, tuple[str, str]] = {
    "retention_1y": (N_("still living here after 1 year"), "share"),
    "retention_2y": (N_("still living here after 2 years"), "share"),
    "retention_5y": (N_("still living here after 5 years"), "share"),
    "retention_5y.single_men": (N_("single men still here after 5 years"), "share"),
    "retention_5y.family_with_children": (N_("families still here after 5 years"), "share"),
    "employment_rate_year_3": (N_("in paid work in their 3rd year here"), "share"),
    "work_or_education_1y_after_programme": (
        N_("work or education 1 year after programme"),
        "share",
    ),
    "moved_share_year_3": (N_("moved away during their 3rd year here"), "share"),
    "local_ties_mean.single_men": (N_("local ties of single men (mean)"), "count"),
    "adults_present_at_end": (N_("adults living here at the end"), "count"),
    "lever_cost_nok_per_year": (N_("lever cost per year"), "nok"),
}


def headline_key(years: int) -> str:
    """The retention outcome a run of ``years`` can measure best."""
    if years >= 6:
        return "retention_5y"
    if years >= 3:
        return "retention_2y"
    return "retention_1y"


@dataclass(frozen=True)
class Arm:
    """One setting compared with the baseline."""

    label: str
    params: Params
    levers: tuple[str, ...]


def plan_arms(
    baseline: Params, params: Params, each_alone: bool = True
) -> tuple[Params, list[Arm]]:
    """The baseline (with the run's years) and the arms: every changed lever alone, when
    more than one changed and ``each_alone``, then all of them together."""
    base = with_levers_of(baseline, params, [])
    changed = changed_levers(params, base)
    arms: list[Arm] = []
    if each_alone and len(changed) > 1:
        for lever in changed:
            arms.append(
                Arm(
                    _("{lever} alone").format(lever=_(lever_title(lever))),
                    with_levers_of(base, params, [lever]),
                    (lever,),
                )
            )
    if changed:
        label = _("all chosen levers") if len(changed) > 1 else _(lever_title(changed[0]))
        arms.append(Arm(label, params, tuple(changed)))
    return base, arms


@dataclass
class Snapshot:
    """What the page shows about a comparison at one moment (a copy, safe to read)."""

    labels: list[str]
    replications: int
    headline: str
    done: int = 0  # complete replications (baseline and every arm)
    runs_done: int = 0
    runs_total: int = 0
    elapsed: float = 0.0
    finished: bool = False
    cancelled: bool = False
    error: str | None = None
    baseline: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    effects: dict[str, dict[str, dict]] = field(default_factory=dict)
    cost: dict[str, tuple[float, list[float]]] = field(default_factory=dict)
    history: dict[str, list[tuple[int, float, float, float]]] = field(default_factory=dict)
    # how each lever worked: the pathway counters, as ``bygdesim compare`` reports them
    pathways: list[PathwayRow] = field(default_factory=list)
    pathways_done: int = 0  # the complete replications the pathway rows rest on
    # a comparison across the calibration's posterior (as ``compare --posterior`` reports it):
    # per setting its block (p_positive, p_at_least...); empty for a comparison at the presets
    posterior: dict[str, dict] = field(default_factory=dict)
    posterior_size: float | None = None  # the size p_at_least refers to

    @property
    def keys(self) -> list[str]:
        """Outcomes the runs could measure (the baseline has a value)."""
        return [k for k in OUTCOMES if k in self.baseline and not math.isnan(self.baseline[k][0])]


_POOL: ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()
PATHWAY_EVERY = 1.0  # seconds: the pathway table is redone at most this often while runs go on


def shared_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """The server's worker processes, started on first use and kept for later comparisons."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ProcessPoolExecutor(
                max_workers=workers or default_workers(),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_init,
            )
            atexit.register(shutdown_pool)
        return _POOL


def shutdown_pool() -> None:
    """Stop the worker processes (runs still going finish first: a few seconds at most)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is not None:
            _POOL.shutdown(wait=True, cancel_futures=True)
            _POOL = None


def _worker_init() -> None:
    """In each worker: Ctrl-C is the server's to handle, and the worker ends by itself if the
    server goes away without shutting the pool down (killed): nothing is left behind."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(2.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class LiveComparison:
    """Paired replications of the baseline and each arm, run in the background.

    Args:
        baseline: the baseline parameters (same years as the arms).
        arms: the settings compared with it.
        seed: master seed; replication r of every arm uses ``replication_seed(seed, r)``.
        replications: how many paired replications to run.
        workers: worker processes (default: one per core).
    """

    def __init__(
        self,
        baseline: Params,
        arms: list[Arm],
        seed: int,
        replications: int,
        workers: int | None = None,
    ) -> None:
        if not arms:
            raise ValueError("nothing to compare: no lever differs from the baseline")
        self.arms = arms
        self.title = ", ".join(a.label for a in arms)  # what the page calls this comparison
        self.seed = seed
        self.replications = replications
        self.workers = workers or default_workers()
        self.years = baseline.years
        self._params = [baseline.model_dump(mode="json")] + [
            a.params.model_dump(mode="json") for a in arms
        ]
        self._seeds = replication_seeds(seed, replications)
        self._results: list[dict[int, dict[str, float]]] = [{} for _ in self._params]
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._start = 0.0
        self._pathways_at = 0.0  # when the pathway rows were last made
        self._pathway_reps: list[int] = []  # and from which replications
        self._snap = Snapshot(
            labels=[a.label for a in arms],
            replications=replications,
            headline=headline_key(baseline.years),
            runs_total=replications * len(self._params),
        )
        self._thread = threading.Thread(target=self._run, name="bygdesim-compare", daemon=True)

    # ---- control ---------------------------------------------------------------------------
    def start(self) -> LiveComparison:
        self._start = time.perf_counter()
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def join(self, timeout: float | None = None) -> Snapshot:
        self._thread.join(timeout)
        return self.snapshot()

    def snapshot(self) -> Snapshot:
        with self._lock:
            snap = self._snap
            return Snapshot(
                **{
                    **snap.__dict__,
                    "elapsed": (time.perf_counter() - self._start) if self._start else 0.0,
                    "history": {k: list(v) for k, v in snap.history.items()},
                }
            )

    # ---- the background thread -------------------------------------------------------------
    def _run(self) -> None:
        # replication by replication, so complete pairs (and estimates) come in early
        design = crossed(dict(enumerate(self._params)), self._seeds, by_replication=True)
        try:
            executor = PoolExecutor(
                shared_pool(self.workers), self.workers, stop=self._cancel.is_set
            )
            for _, run, outcome in iter_experiments(design, executor):
                self._results[run.label][run.replication] = outcome
                self._record(run.replication)
        except Exception as exc:  # a broken worker or model error: show it, keep the server
            with self._lock:
                self._snap.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        finally:
            try:  # the last replications' pathway rows, whatever stopped the runs
                self._update_pathways(force=True)
            except Exception as exc:
                with self._lock:
                    self._snap.error = (
                        self._snap.error or f"{type(exc).__name__}: {exc}".splitlines()[0]
                    )
            with self._lock:
                self._snap.finished = True
                self._snap.cancelled = self._cancel.is_set()

    def _record(self, r: int) -> None:
        """A run came in; when it completes replication r, update the estimates."""
        complete = all(r in res for res in self._results)
        with self._lock:
            self._snap.runs_done += 1
        if not complete:
            return
        reps = self._complete()
        base = [self._results[0][i] for i in reps]
        keys = [k for k in OUTCOMES if k in base[0]]
        baseline = {k: mean_ci([b[k] for b in base]) for k in keys}
        effects, cost, heads = {}, {}, {}
        headline = self._snap.headline
        for arm, label in enumerate(self._snap.labels, start=1):
            runs = [self._results[arm][i] for i in reps]
            effects[label] = paired_effects(base, runs, keys)
            with np.errstate(invalid="ignore"):  # resamples with no extra adult give inf
                cost[label] = cost_per_retained(base, runs, n_boot=400, seed=self.seed)
            eff = effects[label][headline]
            heads[label] = (len(reps), eff["mean"], *eff["ci95"])
        with self._lock:
            self._snap.done = len(reps)
            self._snap.baseline = baseline
            self._snap.effects = effects
            self._snap.cost = cost
            for label, point in heads.items():
                self._snap.history.setdefault(label, []).append(point)
        self._update_pathways(force=len(reps) == self.replications)

    def _complete(self) -> list[int]:
        return sorted(set.intersection(*(set(res) for res in self._results)))

    def _update_pathways(self, force: bool = False) -> None:
        """Redo the pathway rows from the complete replications (at most every
        :data:`PATHWAY_EVERY` seconds unless forced), through the comparison's own summary."""
        now = time.perf_counter()
        if not force and now - self._pathways_at < PATHWAY_EVERY:
            return
        reps = self._complete()
        if not reps or reps == self._pathway_reps:
            return
        self._pathways_at, self._pathway_reps = now, reps
        rows = pathway_rows(self._summary(reps))
        with self._lock:
            self._snap.pathways = rows
            self._snap.pathways_done = len(reps)

    def _summary(self, reps: list[int]) -> dict[str, Any]:
        """``bygdesim compare``'s summary of replications ``reps`` (arms named by their label)."""
        runs = {BASELINE: [self._results[0][i] for i in reps]}
        for arm, label in enumerate(self._snap.labels, start=1):
            runs[label] = [self._results[arm][i] for i in reps]
        arms = [CompareArm(a.label, a.label, {}, "dashboard", a.levers) for a in self.arms]
        seeds = [self._seeds[i] for i in reps]
        result = CompareResult("dashboard", self.seed, self.years, arms, runs, seeds)
        with np.errstate(invalid="ignore"):  # resamples with no extra adult give inf
            return result.summary()


def describe_effect(entry: dict[str, Any], kind: str) -> str:
    """``+3.1 pp (-0.4 to +6.6)`` style text of a paired effect, in the current language."""
    m, (lo, hi) = entry["mean"], entry["ci95"]
    if m is None or math.isnan(m):
        return _("not measurable yet")

    def f(x: float) -> str:
        if kind == "nok":
            return format_money(x, signed=True)
        if kind == "share":
            return format_decimal(100 * x, 1, signed=True)
        return format_decimal(x, 2, signed=True)

    shown = _("{value} pp").format(value=f(m)) if kind == "share" else f(m)
    if lo is None or math.isnan(lo):
        return _("{effect} (interval after 2 replications)").format(effect=shown)
    return _("{effect} ({low} to {high})").format(effect=shown, low=f(lo), high=f(hi))
