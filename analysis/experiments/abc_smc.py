"""``bygdesim calibrate --method abc``: the uncertain parameters fitted jointly for the presets by
approximate Bayesian computation (ABC-SMC, pyabc).

- Priors: uniform over each parameter marked ``prior=(lo, hi)`` in the schema
  (:data:`~analysis.experiments.calibration.CALIBRATION_SPACE`) and over each preset's residual
  pull (:data:`~analysis.experiments.calibration.PER_PRESET_SPACE`).
- Model: one particle runs the target cases (each preset, and each conditioned target's case)
  ``replications`` times each through :func:`~analysis.experiments.calibration.evaluate_case`,
  and stops as soon as the cases run put it beyond the generation's epsilon
  (:mod:`analysis.experiments.abc_model`: the posterior is the same as with every case run).
  The seeds come from the master seed and the particle's values, so a particle's summary
  statistics are reproducible. The summary statistics are the cases' mean outcomes.
- Distance: the point calibration's own (:func:`~analysis.experiments.calibration.distance`):
  each target's deviation from its published value in half-bands (heavier outside the band),
  averaged, plus the penalty when Nordre Land's retention falls below Vågå's.
- Schedule: generation 0 accepts the prior sample (epsilon infinite); each later epsilon is the
  weighted median of the previous generation's distances. The run stops after ``generations``,
  or when the next generation and the final check would likely overrun ``max_minutes``
  (:func:`last_would_overrun`), whichever comes first: ``max_minutes`` bounds the whole run.
  On the local sampler a generation is also cut off when it has simulated as many particles as
  the time left allows (:func:`affordable_particles`); the generation before it is then the
  posterior. (pyabc's Dask sampler has no such cap: there only the prediction holds.)
- The best particle: every particle of the last generation is run again with
  ``SCREEN_FACTOR`` times the replications, then the closest with ``FINAL_REPLICATIONS`` (as
  many as ``validate``), on common seeds: ``FINAL_TOP`` of them, or as many as the time left
  allows (:func:`finalists`). The closest of those (preferring those inside every band) is
  the point written into the presets. The time budget keeps the runs of the screen and of
  ``FINAL_TOP`` finalists aside.

Sampling runs on pyabc's multicore sampler (``workers`` processes) or, with ``scheduler``, on its
Dask sampler. With several workers the order particles are accepted in varies between runs, so
the posterior is repeatable only up to that; every particle's own runs are seeded.
"""

from __future__ import annotations

import functools
import logging
import math
import multiprocessing as mp
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np

from analysis.experiments.abc_settings import (
    DEFAULT_GENERATIONS,
    DEFAULT_MINUTES,
    DEFAULT_POPULATION,
    DEFAULT_REPLICATIONS,
    FINAL_MARGIN_S,
    FINAL_REPLICATIONS,
    FINAL_TOP,
    KERNEL_FLOOR,
    SCREEN_FACTOR,
)
from analysis.experiments.abc_statistics import stat_key, stat_name
from analysis.experiments.calibration import (
    Evaluation,
    evaluate,
    search_space,
)
from analysis.experiments.runner import executor_for
from analysis.experiments.targets import PRESETS, cases, load_targets
from model.streams import derive_seed

Log = Callable[[str], None]


@dataclass
class Generation:
    t: int
    epsilon: float
    acceptance_rate: float
    evaluations: int  # particles simulated to fill the generation
    seconds: float  # wall time of the generation
    elapsed: float  # wall time since sampling began


@dataclass
class AbcResult:
    presets: list[str]
    priors: dict[str, tuple[float, float]]
    particles: list[dict[str, float]]  # the last generation
    weights: list[float]
    distances: list[float]
    means: list[dict[tuple[str, str], float]]  # each particle's target-case means
    generations: list[Generation]
    best: Evaluation  # re-run with more replications
    best_index: int  # the best particle's row in ``particles``
    runs: int
    seconds: float
    settings: dict[str, Any] = field(default_factory=dict)


def particle_seed(master: int, point: dict[str, float]) -> int:
    """The master seed of one particle's runs: from the master seed and the particle's values."""
    values = ",".join(f"{k}={point[k]:.12g}" for k in sorted(point))
    return derive_seed(master, "abc-particle", values)


def seconds_per_run(done: list[Generation], particle_runs: int) -> float:
    """The wall time of one model run: from generation 0, where every particle runs all its
    ``particle_runs`` runs (epsilon is infinite, so none stops early)."""
    first = done[0]
    return first.seconds / max(1, first.evaluations * particle_runs) if particle_runs else 0.0


def last_would_overrun(
    done: list[Generation], budget_s: float, particle_runs: int = 0, final_runs: int = 0
) -> bool:
    """Whether the next generation, then the final check, would likely end after ``budget_s``.
    The generation is predicted to take the last one's time, scaled by the fall in acceptance
    from the one before (1 to 3 times; twice after generation 0, which accepts everything); the
    final check's ``final_runs`` model runs take what a run took in generation 0
    (:func:`seconds_per_run`)."""
    last = done[-1]
    per_run = seconds_per_run(done, particle_runs)
    if len(done) < 2:
        growth = 2.0
    else:
        ratio = done[-2].acceptance_rate / max(last.acceptance_rate, 1e-9)
        growth = min(3.0, max(1.0, ratio))
    return last.elapsed + growth * last.seconds + final_runs * per_run > budget_s


def affordable_particles(
    done: list[Generation], budget_s: float, elapsed: float, particle_runs: int, final_runs: int
) -> float:
    """How many particles the time left can simulate, the final check's runs kept aside, at
    the last generation's pace (a particle stopped early costs less than one run in full)."""
    last = done[-1]
    per_particle = last.seconds / max(1, last.evaluations)
    per_run = seconds_per_run(done, particle_runs)
    return max(0.0, budget_s - elapsed - final_runs * per_run) / max(per_particle, 1e-9)


def finalists(time_left_s: float, seconds_each: float, n_particles: int) -> int:
    """How many of the closest particles the final check runs with ``FINAL_REPLICATIONS``: as
    many as the time left allows (``seconds_each`` a particle), at least ``FINAL_TOP``, at most
    every particle."""
    affordable = int(time_left_s // max(seconds_each, 1e-9)) if time_left_s > 0 else 0
    return max(1, min(n_particles, max(FINAL_TOP, affordable)))


def _smc_class():
    """A pyabc ABCSMC that reports each generation and stops before overrunning its time."""
    import pyabc

    class TimedABCSMC(pyabc.ABCSMC):
        budget_s = math.inf
        particle_runs = final_runs = 0
        log: Log | None = None

        def run_generation(self, t: int) -> dict:
            if t == 0 or not hasattr(self, "generations"):
                self.generations, self.started = [], time.perf_counter()
            eps = float(self.eps(t))
            begin = time.perf_counter()
            if self.generations:  # a hard cap: the sampler stops at what the time allows
                pop = self.population_size(t)
                n = affordable_particles(
                    self.generations,
                    self.budget_s,
                    begin - self.started,
                    self.particle_runs,
                    self.final_runs,
                )
                self.min_acceptance_rate = min(1.0, pop / max(n, pop))
            ret = super().run_generation(t)
            if not ret.get("successful") and self.log:
                self.log(
                    f"stopping: generation {t} could not fill in the time left; the posterior "
                    f"is generation {t - 1}"
                )
            if ret.get("successful"):
                now = time.perf_counter()
                g = Generation(
                    t,
                    eps,
                    float(ret["acceptance_rate"]),
                    int(self.sampler.nr_evaluations_),
                    now - begin,
                    now - self.started,
                )
                self.generations.append(g)
                if self.log:
                    self.log(
                        f"generation {t}: epsilon {g.epsilon:.3g}, accepted "
                        f"{100 * g.acceptance_rate:.0f} % of {g.evaluations} particles, "
                        f"{g.seconds:.0f} s (elapsed {g.elapsed / 60:.1f} min)"
                    )
            return ret

        def check_terminate(self, t: int, acceptance_rate: float) -> bool:
            if super().check_terminate(t, acceptance_rate):
                return True
            if last_would_overrun(
                self.generations, self.budget_s, self.particle_runs, self.final_runs
            ):
                if self.log:
                    self.log("stopping: the next generation would overrun the time budget")
                return True
            return False

    return TimedABCSMC


def _sampler(workers: int | None, scheduler: str | None):
    import pyabc

    if scheduler:
        from analysis.experiments.dask_connect import connect_client

        return pyabc.sampler.DaskDistributedSampler(dask_client=connect_client(scheduler))
    # check_max_eval: a generation stops at the evaluations the time left allows
    return pyabc.sampler.MulticoreEvalParallelSampler(
        n_procs=max(1, workers or 2), check_max_eval=True
    )


def run_abc(
    presets: list[str] | None = None,
    population: int = DEFAULT_POPULATION,
    generations: int = DEFAULT_GENERATIONS,
    replications: int = DEFAULT_REPLICATIONS,
    max_minutes: float = DEFAULT_MINUTES,
    workers: int | None = None,
    scheduler: str | None = None,
    seed: int = 2026,
    log: Log | None = None,
    years: int | None = None,
) -> AbcResult:
    """ABC-SMC over the uncertain parameters; see the module docstring."""
    import pyabc

    from analysis.experiments.abc_model import (
        BandDistance,
        FlooredNormalTransition,
        ParticleModel,
    )

    presets = list(presets or PRESETS)
    targets = [t for t in load_targets() if t.preset in presets]
    if not targets:
        raise ValueError(f"no numeric targets for {', '.join(presets)}")
    priors = search_space(presets)
    fixed = {"years": years} if years else {}
    prior = pyabc.Distribution(
        {k: pyabc.RV("uniform", lo, hi - lo) for k, (lo, hi) in priors.items()}
    )
    logging.getLogger("ABC").setLevel(logging.WARNING)
    np.random.seed(seed % 2**32)  # noqa: NPY002 - pyabc draws from numpy's global generator
    started = time.perf_counter()
    smc_class = _smc_class()
    with tempfile.TemporaryDirectory(prefix="bygdesim-abc-") as tmp:
        model = ParticleModel(
            presets, targets, replications, functools.partial(particle_seed, seed), fixed
        )
        runs_done = stopped = None
        if not scheduler:  # the local sampler forks its workers: shared counters reach them
            runs_done, stopped = mp.Value("q", 0), mp.Value("q", 0)
            model.counters = (runs_done, stopped)
        abc = smc_class(
            model,
            prior,
            BandDistance(targets),
            population_size=population,
            eps=pyabc.MedianEpsilon(initial_epsilon=math.inf),
            sampler=_sampler(workers, scheduler),
            transitions=FlooredNormalTransition(
                {k: KERNEL_FLOOR * (hi - lo) for k, (lo, hi) in priors.items()}
            ),
        )
        abc.budget_s, abc.log = 60.0 * max_minutes, log
        n_cases = len(cases(targets, presets))
        abc.particle_runs = n_cases * replications
        final_per_case = population * SCREEN_FACTOR * replications + FINAL_TOP * FINAL_REPLICATIONS
        abc.final_runs = final_per_case * n_cases
        observed = {stat_name(t.case, t.outcome): t.value for t in targets}
        abc.new(f"sqlite:///{Path(tmp) / 'abc.db'}", observed)
        with warnings.catch_warnings():  # pyabc compares epsilon inf with inf at generation 1
            warnings.simplefilter("ignore", RuntimeWarning)
            history = abc.run(
                max_nr_populations=generations, max_walltime=timedelta(minutes=max_minutes)
            )
        pop = history.get_population()
        evaluations = int(history.total_nr_simulations)
        done = list(getattr(abc, "generations", []))
    particles = [{k: float(p.parameter[k]) for k in priors} for p in pop.particles]
    weights = np.array([p.weight for p in pop.particles], dtype=float)
    weights = (weights / weights.sum()).tolist()
    distances = [float(p.distance) for p in pop.particles]
    means = [{stat_key(k): float(v) for k, v in p.sum_stat.items()} for p in pop.particles]
    # the best particle: every particle again with a few replications, then the closest few
    # with as many as validate uses; the same seeds for all (common random numbers)
    screen_reps, final_reps = replications * SCREEN_FACTOR, FINAL_REPLICATIONS
    with executor_for(workers=workers, scheduler=scheduler) as ex:
        if log:
            log(f"checking the {len(particles)} particles with {screen_reps} replications each")
        began = time.perf_counter()
        screen = evaluate([p | fixed for p in particles], presets, targets, screen_reps, seed, ex)
        per_run = (time.perf_counter() - began) / max(1, len(particles) * screen_reps * n_cases)
        time_left = 60.0 * max_minutes - (time.perf_counter() - started) - FINAL_MARGIN_S
        top = finalists(time_left, per_run * final_reps * n_cases, len(particles))
        order = sorted(range(len(particles)), key=lambda i: screen[i].distance)[:top]
        if log:
            log(f"checking the {len(order)} closest with {final_reps} replications each")
        points = [particles[i] | fixed for i in order]
        final = evaluate(points, presets, targets, final_reps, seed + 1, ex)
    for e in final:
        e.point = {k: v for k, v in e.point.items() if k not in fixed}
    inside = [j for j, e in enumerate(final) if e.inside]
    j = min(inside or range(len(final)), key=lambda j: final[j].distance)
    sampled = runs_done.value if runs_done is not None else evaluations * n_cases * replications
    runs = sampled + (len(particles) * screen_reps + len(order) * final_reps) * n_cases
    settings = {
        "presets": presets,
        "population": population,
        "generations": generations,
        "replications": replications,
        "max_minutes": max_minutes,
        "workers": workers,
        "scheduler": scheduler,
        "seed": seed,
        "years": years,
        "screen_replications": screen_reps,
        "final_top": FINAL_TOP,
        "finalists": len(order),
        "final_replications": final_reps,
        "particles_simulated": evaluations,
        "cases_stopped_early": stopped.value if stopped is not None else None,
    }
    return AbcResult(
        presets,
        priors,
        particles,
        weights,
        distances,
        means,
        done,
        final[j],
        order[j],
        runs,
        time.perf_counter() - started,
        settings,
    )
