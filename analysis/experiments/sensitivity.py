"""``bygdesim sensitivity``: which assumptions and levers drive the answers (SALib).

Morris elementary effects (cheap screening, the default) or Sobol indices (variance shares)
over the uncertain behavioural parameters and the levers, on ``retention_5y`` and
``work_or_education_1y_after_programme``. Integer parameters are rounded after sampling; booleans
are not varied. Every run uses the same replication seeds (common random numbers), so
differences between samples come from the parameters, not from the dice.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample

from analysis.experiments.calibration import CALIBRATION_SPACE
from analysis.experiments.runner import (
    Progress,
    crossed,
    perform_experiments,
    replication_seeds,
)
from model.levers import LEVERS
from model.params import field_info
from model.scenario import load_scenario, with_overrides

OUTPUTS = ("retention_5y", "work_or_education_1y_after_programme")

# each lever's sensitivity ranges, from the lever registry (model/levers/), in registry order
LEVER_SPACE: dict[str, tuple[float, float]] = {
    f"levers.{cls.name}.{key}": bounds for cls in LEVERS for key, bounds in cls.sensitivity.items()
}


def problem(include_levers: bool = True) -> dict[str, Any]:
    space = dict(CALIBRATION_SPACE)
    if include_levers:
        space.update(LEVER_SPACE)
    return {
        "num_vars": len(space),
        "names": list(space),
        "bounds": [list(b) for b in space.values()],
    }


def _cast(path: str, value: float) -> float | int:
    info, _ = field_info(path)
    return int(round(value)) if info.annotation is int else float(value)


def run_sensitivity(
    preset: str = "sel",
    method: str = "morris",
    samples: int = 10,
    replications: int = 2,
    seed: int = 2026,
    include_levers: bool = True,
    years: int = 8,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """``samples`` is the number of Morris trajectories or the Sobol base sample size
    (a power of two)."""
    if method not in ("morris", "sobol"):
        raise ValueError(f"--method {method}: use morris or sobol")
    prob = problem(include_levers)
    if method == "morris":
        X = morris_sample.sample(prob, samples, num_levels=4, seed=seed)
    else:
        X = sobol_sample.sample(prob, samples, calc_second_order=False, seed=seed)
    base = with_overrides(load_scenario(preset).params, {"years": years})
    points = {}
    for i, row in enumerate(X):
        flat = {p: _cast(p, v) for p, v in zip(prob["names"], row, strict=True)}
        points[i] = with_overrides(base, flat, "sensitivity")
    design = crossed(points, replication_seeds(seed, replications))
    runs = perform_experiments(
        design, workers=workers, scheduler=scheduler, progress=progress
    ).by_label()
    results: dict[str, Any] = {
        "preset": preset,
        "method": method,
        "samples": samples,
        "runs": len(design),
        "replications": replications,
        "indices": {},
    }
    for key in OUTPUTS:
        Y = np.array([np.nanmean([out[key] for out in runs[i]]) for i in range(len(X))])
        Y = np.where(np.isnan(Y), np.nanmean(Y), Y)
        if method == "morris":
            res = morris_analyze.analyze(prob, X, Y, num_levels=4, seed=seed)
            rows = [
                {"parameter": n, "mu_star": float(m), "sigma": float(s), "mu_star_conf": float(c)}
                for n, m, s, c in zip(
                    prob["names"], res["mu_star"], res["sigma"], res["mu_star_conf"], strict=True
                )
            ]
            rows.sort(key=lambda r: -r["mu_star"])
        else:
            res = sobol_analyze.analyze(prob, Y, calc_second_order=False, seed=seed)
            rows = [
                {"parameter": n, "S1": float(a), "ST": float(b), "ST_conf": float(c)}
                for n, a, b, c in zip(
                    prob["names"], res["S1"], res["ST"], res["ST_conf"], strict=True
                )
            ]
            rows.sort(key=lambda r: -r["ST"])
        results["indices"][key] = rows
    return results
