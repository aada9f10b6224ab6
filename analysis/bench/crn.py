"""The value of common random numbers (CRN), lever by lever: ``crn_variance_ratio.<lever>``.

For each of the three levers the issue names (``municipal_jobs``, ``bridge_builders``,
``early_nav``, each switched on by its lever file, as ``bygdesim compare --levers`` does), the
effect on ``retention_5y`` is measured against one set of baseline runs in two ways:

* **paired**: the lever arm on the baseline's replication seeds (what ``compare`` does);
  effect ``r`` = lever run ``r`` minus baseline run ``r``;
* **unpaired**: the lever arm on seeds of its own (independent of the baseline's); effect ``r``
  = that run minus the same baseline run ``r``.

The ratio is ``var(unpaired effects) / var(paired effects)`` (sample variances over the
replications). The unpaired variance is about the sum of the two arms' variances; the paired one
is that sum less twice their covariance, so the ratio is how many times fewer replications common
seeds need for the same precision. The same baseline runs serve every lever and both ways.

The preset is Sel: the issue's comparison is ``compare sel --levers
municipal_jobs,bridge_builders,early_nav``, and in Sel all three levers have room (none is on
in the preset; Sel's Nav joins the plan in month 7, the lever brings it to month 1). With ``n``
replications each ratio is uncertain by roughly a factor ``F(0.975; n-1, n-1)`` either way
(about 1.9 for 40), so a bootstrap 95 % interval over replications (resampled jointly, which
keeps the pairing) is reported beside it.

Measured on a busy 2-core machine (40 replications, master seed 1, the model as of commit
ee8c477): Sel 7.2 (jobs), 7.0 (bridge-builders), 8.0 (early Nav), bootstrap lower bounds 3.8-4.8;
Vågå, the bench's preset before, 2.1, 2.2 and 3.2 (lower bounds 1.2-2.0). With equal arm
variances the ratio is about ``1 / (1 - rho)``, ``rho`` the correlation of a lever run and the
baseline run on the same seed: 0.84-0.87 in Sel, 0.52-0.59 in Vågå, whose baseline spread is
the same (sd 0.087). So Vågå's lower ratios are not a lack of replications: a lever there
changes more of a run's later course.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from analysis.experiments.lever_files import apply_arm, load_lever
from analysis.experiments.runner import crossed, perform_experiments, replication_seeds
from model.scenario import load_scenario, with_overrides
from model.streams import derive_seed

LEVERS = ("municipal_jobs", "bridge_builders", "early_nav")
SCENARIO = "sel"
REPLICATIONS = 40
YEARS: int | None = None  # None: the preset's horizon
MASTER_SEED = 1
OUTCOME = "retention_5y"
BOOTSTRAP = 2000


@dataclass
class CrnSample:
    """``OUTCOME`` of every run, by replication: the baseline, and each lever on the baseline's
    seeds (``common``) and on its own (``independent``)."""

    baseline: np.ndarray
    common: dict[str, np.ndarray]
    independent: dict[str, np.ndarray]

    def paired(self, lever: str) -> np.ndarray:
        return self.common[lever] - self.baseline

    def unpaired(self, lever: str) -> np.ndarray:
        return self.independent[lever] - self.baseline

    def ratio(self, lever: str) -> float:
        return variance_ratio(self.paired(lever), self.unpaired(lever))

    def ratio_interval(self, lever: str, draws: int = BOOTSTRAP) -> tuple[float, float]:
        """Bootstrap 95 % interval: replications resampled, the same ones for both ways."""
        paired, unpaired = self.paired(lever), self.unpaired(lever)
        rng = np.random.default_rng(derive_seed(MASTER_SEED, "crn-bootstrap", LEVERS.index(lever)))
        idx = rng.integers(0, len(paired), size=(draws, len(paired)))
        var_p = np.var(paired[idx], axis=1, ddof=1)
        var_u = np.var(unpaired[idx], axis=1, ddof=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = np.where(var_p > 0, var_u / np.where(var_p > 0, var_p, 1.0), math.inf)
        lo, hi = np.quantile(ratios, [0.025, 0.975], method="inverted_cdf")  # inf-safe
        return float(lo), float(hi)


def variance_ratio(paired: np.ndarray, unpaired: np.ndarray) -> float:
    """Sample variance of the unpaired effects over that of the paired ones (inf if the paired
    effects do not vary)."""
    var_paired = float(np.var(paired, ddof=1))
    return float(np.var(unpaired, ddof=1)) / var_paired if var_paired > 0 else math.inf


def crn_sample(
    scenario: str = SCENARIO,
    replications: int = REPLICATIONS,
    workers: int = 2,
    progress: Callable[[int, int], None] | None = None,
    years: int | None = YEARS,
) -> CrnSample:
    """Run the baseline and each lever both ways (``1 + 2 x 3`` arms) through the experiment
    runner and return the outcomes, aligned by replication."""
    base = load_scenario(scenario).params
    if years is not None:
        base = with_overrides(base, {"years": years})
    common = replication_seeds(MASTER_SEED, replications)
    independent = [derive_seed(MASTER_SEED, "independent", r) for r in range(replications)]
    design = crossed({"baseline": base}, common)
    for name in LEVERS:
        lever = apply_arm(base, load_lever(name))
        design += crossed({(name, "common"): lever}, common)
        design += crossed({(name, "independent"): lever}, independent)
    runs = perform_experiments(design, workers=workers, progress=progress).by_label()

    def values(label) -> np.ndarray:
        return np.array([r[OUTCOME] for r in runs[label]], dtype=float)

    return CrnSample(
        baseline=values("baseline"),
        common={name: values((name, "common")) for name in LEVERS},
        independent={name: values((name, "independent")) for name in LEVERS},
    )


def crn_figures(sample: CrnSample, scenario: str = SCENARIO) -> dict:
    """The bench keys: the median ratio, each lever's ratio and its interval, the setting. A
    ratio is infinite (``null`` in JSON) when the paired effects do not vary at all."""
    ratios = {name: sample.ratio(name) for name in LEVERS}
    out: dict = {
        "crn_scenario": scenario,
        "crn_replications": len(sample.baseline),
        "crn_variance_ratio": round(statistics.median(ratios.values()), 3),
    }
    for name in LEVERS:
        lo, hi = sample.ratio_interval(name)
        out[f"crn_variance_ratio.{name}"] = round(ratios[name], 3)
        out[f"crn_variance_ratio_ci95.{name}"] = [round(lo, 3), round(hi, 3)]
        out[f"crn_effect_mean.{name}"] = round(float(np.mean(sample.paired(name))), 4)
    return out
