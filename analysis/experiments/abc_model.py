"""pyabc's model and distance for ``calibrate --method abc`` (imports pyabc, which takes seconds
to import: only :func:`~analysis.experiments.abc_smc.run_abc` imports this module).

A particle runs the target cases one at a time and stops as soon as the cases run so far put
its distance above the generation's epsilon (pyabc's ``IntegratedModel``). Every term of the
distance is non-negative (:func:`~analysis.experiments.calibration.distance_at_least`), so a
particle stopped early would have been rejected had it run every case: the posterior is the
one the full runs give, for fewer runs. The cases run in the order of :func:`case_order`, the
ones with the most targets first, where a particle is most likely to show itself too far.

The proposal kernel (:class:`FlooredNormalTransition`) is pyabc's multivariate normal with a
small floor under each parameter's spread, so that it never collapses onto a lower-dimensional
subspace when the weights concentrate on a few particles (a default run failed with "The
population total weight nan is not normalized" in generation 4).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from pyabc.model import IntegratedModel, ModelResult
from pyabc.transition import MultivariateNormalTransition
from scipy import stats
from scipy.special import logsumexp

from analysis.experiments.abc_statistics import TOO_FAR, stat_key, stat_name
from analysis.experiments.calibration import (
    distance,
    distance_at_least,
    evaluate_case,
    wanted_outcomes,
)
from analysis.experiments.executors import SequentialExecutor
from analysis.experiments.targets import Target, cases


def case_order(targets: list[Target], presets: list[str]) -> list[tuple[str, Target | None]]:
    """The cases to run, those with the most targets first (ties in the cases' own order)."""
    todo = list(cases(targets, presets).items())
    n = {case: sum(t.case == case for t in targets) for case, _ in todo}
    return sorted(todo, key=lambda item: -n[item[0]])


class ParticleModel(IntegratedModel):
    """One particle's target-case means, stopped early once it cannot be accepted (picklable,
    for any worker). ``seed_of`` gives a particle's master seed from its values."""

    def __init__(
        self,
        presets: list[str],
        targets: list[Target],
        replications: int,
        seed_of: Any,
        fixed: dict[str, Any] | None = None,
    ):
        super().__init__(name="bygdesim")
        self.presets, self.targets = presets, targets
        self.replications, self.seed_of = replications, seed_of
        self.fixed = dict(fixed or {})  # settings every run gets (a shorter horizon for trials)
        self.order = case_order(targets, presets)
        self.wanted = wanted_outcomes(targets)
        # (runs, particles stopped early): shared counters the local sampler's forked workers
        # add to (multiprocessing.Value), or None
        self.counters: tuple[Any, Any] | None = None

    def means(self, point: dict[str, float], eps: float = math.inf) -> dict | None:
        """The cases' means, or None as soon as the cases run put the distance above ``eps``."""
        seed = self.seed_of(point)
        means: dict[tuple[str, str], float] = {}
        last = len(self.order) - 1
        for i, (case, target) in enumerate(self.order):
            means |= evaluate_case(
                point | self.fixed,
                case,
                target,
                self.wanted,
                self.replications,
                seed,
                SequentialExecutor(),
            )
            self._count(0, self.replications)
            if i < last and distance_at_least(means, self.targets) > eps:
                self._count(1, 1)
                return None
        return means

    def _count(self, which: int, n: int) -> None:
        if self.counters is not None:
            with self.counters[which].get_lock():
                self.counters[which].value += n

    def integrated_simulate(self, pars: Any, eps: float) -> ModelResult:
        point = {k: float(v) for k, v in pars.items()}
        means = self.means(point, eps)
        if means is None:
            return ModelResult(accepted=False)
        d, _ = distance(means, self.targets)
        d = d if math.isfinite(d) else TOO_FAR
        sum_stat = {stat_name(*k): v for k, v in means.items()}
        return ModelResult(accepted=d <= eps, distance=d, sum_stat=sum_stat)


class BandDistance:
    """pyabc's distance: the point calibration's distance of a particle's means (pyabc asks for
    one; the model computes the same distance itself)."""

    def __init__(self, targets: list[Target]):
        self.targets = targets

    def __call__(self, x: dict[str, float], x0: dict[str, float] | None = None) -> float:
        d, _ = distance({stat_key(k): float(v) for k, v in x.items()}, self.targets)
        return d if math.isfinite(d) else TOO_FAR


class FlooredNormalTransition(MultivariateNormalTransition):
    """pyabc's multivariate normal kernel with ``floor_sd[k]**2`` added to each parameter's
    variance, its density computed in log space (so it is never 0 where the kernel can
    propose). Any kernel gives a valid ABC-SMC as long as the weights use its own density, as
    pyabc's do."""

    def __init__(self, floor_sd: dict[str, float]):
        super().__init__()
        self.floor_sd = dict(floor_sd)

    def fit(self, X: pd.DataFrame, w: np.ndarray) -> None:
        super().fit(X, w)
        floor = np.array([self.floor_sd.get(k, 0.0) for k in X.columns]) ** 2
        self.cov = self.cov + np.diag(floor)
        self.normal = stats.multivariate_normal(cov=self.cov, allow_singular=True)
        self._log_w = np.log(np.asarray(self.w, dtype=float))

    def _pdf_single(self, x: np.ndarray) -> float:
        logs = np.atleast_1d(self.normal.logpdf(x - self._X_arr))
        return float(np.exp(logsumexp(logs + self._log_w)))
