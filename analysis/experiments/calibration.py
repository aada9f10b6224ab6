"""``bygdesim calibrate``: fit the uncertain behavioural parameters to the published targets.

Procedure (repeatable: every draw comes from the ``--seed``):

1. The presets' current values (the incumbent) and a Latin-hypercube design over
   :data:`CALIBRATION_SPACE` (two thirds of the budget).
2. A second Latin hypercube in a box around the best point, a fifth of the full width on each
   side (the rest of the budget but the final check).
3. The five best points are run again with four times the replications; the one with the
   smallest distance among those whose means fall inside every target band (and keep Nordre
   Land at or above Vågå, as the targets' note says) is chosen; if none does, the closest.
4. With the common values fixed, each preset's residual pull (:data:`PER_PRESET_SPACE`) is
   run on a grid; as a residual moves only its own preset's outcomes, every combination of
   the presets' grid values is scored from those runs with the full distance (which includes
   the order of Nordre Land and Vågå) and the best is kept if it lowers the distance. The
   result says whether every target is inside its band.

The distance is the mean over targets of ((model - published value) / half band)^2, plus, for
a target outside its band, a step of 1 and four times its squared excess beyond the band (so a
point with every target inside is preferred). Only the numeric targets in
``calibration/targets.toml`` are used.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
from scipy.stats import qmc

from analysis.experiments.executors import Executor
from analysis.experiments.runner import (
    Progress,
    crossed,
    executor_for,
    perform_experiments,
    progress_from,
    replication_seeds,
)
from analysis.experiments.targets import (
    PRESETS,
    Target,
    case_params,
    case_preset,
    cases,
    load_targets,
)
from model.params import Params, field_info, get_path, leaf_paths
from model.scenario import load_scenario, with_overrides


# The behavioural parameters with no published value, and the range searched for each (the
# uniform prior of ``--method abc``): the fields marked ``prior=(lo, hi)`` in the schema
# (model/params.py), the one place they are declared. They are common to all presets: the
# presets differ only by what the report says of them.
def marked_priors() -> dict[str, tuple[float, float]]:
    """Every schema field marked uncertain, with its prior range, in schema order."""
    out = {}
    for path in leaf_paths():
        prior = field_info(path)[1].get("prior")
        if prior is not None:
            out[path] = (float(prior[0]), float(prior[1]))
    return out


CALIBRATION_SPACE: dict[str, tuple[float, float]] = marked_priors()

# One residual per preset: a multiplier on the move hazard for the pull of places elsewhere
# (cities, diaspora, transport out of the valley) that the model does not otherwise represent.
# It is the only preset-specific calibrated value.
PER_PRESET_SPACE: dict[str, tuple[float, float]] = {
    "moving.regional_pull": (0.8, 1.25),
}


@dataclass
class Evaluation:
    point: dict[str, float]
    means: dict[tuple[str, str], float]  # (preset, outcome) -> mean
    distance: float
    inside: bool
    replications: int


@dataclass
class CalibrationResult:
    presets: list[str]
    chosen: Evaluation
    evaluations: list[Evaluation] = field(default_factory=list)
    runs: int = 0
    accepted: bool = False


def _params_for(preset: str, point: dict[str, float]) -> Params:
    """A point's values for one preset: the common ones and that preset's own residuals."""
    base = load_scenario(preset).params
    return with_overrides(base, values_for(preset, point), "calibration")


def values_for(preset: str, point: dict[str, float]) -> dict[str, float]:
    out = {k: v for k, v in point.items() if ":" not in k}
    for k, v in point.items():
        if k.startswith(f"{preset}:"):
            out[k.split(":", 1)[1]] = v
    return out


def incumbent(presets: list[str]) -> dict[str, float]:
    """The presets' current values as a point of the search space (the common values from the
    first preset, where they are the same in all), clipped to the space: the search starts
    from the present calibration and can only improve on it."""
    params = {p: load_scenario(p).params for p in presets}
    point = {}
    for key, (lo, hi) in search_space(presets).items():
        preset, _, name = key.rpartition(":")
        value = float(get_path(params[preset or presets[0]], name))
        point[key] = float(round(min(hi, max(lo, value)), 5))
    return point


def search_space(presets: list[str]) -> dict[str, tuple[float, float]]:
    space = dict(CALIBRATION_SPACE)
    for preset in presets:
        for k, rng in PER_PRESET_SPACE.items():
            space[f"{preset}:{k}"] = rng
    return space


# A target outside its band costs a step and four times its squared excess beyond the band (in
# half-bands) on top of its deviation, so that the search prefers a point with every target
# inside its band over one slightly closer on average with one target outside.
OUTSIDE_STEP = 1.0
OUTSIDE_WEIGHT = 4.0


def deviation(t: Target, m: float) -> float:
    """One target's squared deviation from its published value in half-bands, plus the
    penalty when the model's mean is outside the band."""
    d = ((m - t.value) / t.half_band) ** 2
    if not t.passes(m):
        excess = max(t.low - m, m - t.high)
        d += OUTSIDE_STEP + OUTSIDE_WEIGHT * (excess / t.half_band) ** 2
    return d


def distance(means: dict[tuple[str, str], float], targets: list[Target]) -> tuple[float, bool]:
    """Mean over targets of :func:`deviation`; inside = every target in its band and Nordre
    Land's retention at or above Vågå's."""
    return _score(means, targets, partial=False)


def _score(
    means: dict[tuple[str, str], float], targets: list[Target], partial: bool
) -> tuple[float, bool]:
    """:func:`distance`; with ``partial`` the targets missing from ``means`` are left out
    (:func:`distance_at_least`)."""
    total, inside = 0.0, True
    for t in targets:
        if partial and (t.case, t.outcome) not in means:
            continue
        m = means[(t.case, t.outcome)]
        if np.isnan(m):
            return float("inf"), False
        total += deviation(t, m)
        inside &= t.passes(m)
    d = total / len(targets)
    nl, vaga = means.get(("nordre_land", "retention_5y")), means.get(("vaga", "retention_5y"))
    if nl is not None and vaga is not None and nl < vaga:
        d += ((vaga - nl) / 0.05) ** 2
        inside = False
    return d, inside


def evaluate(
    points: list[dict[str, float]],
    presets: list[str],
    targets: list[Target],
    replications: int,
    seed: int,
    executor: Executor,
    progress: Progress | None = None,
    done_before: int = 0,
    total: int = 0,
) -> list[Evaluation]:
    """Run every point on every preset (same seeds for all points) and score it."""
    to_run = cases(targets, presets)
    arms = {}
    for i, point in enumerate(points):
        for case, target in to_run.items():
            params = _params_for(case_preset(case, target), point)
            arms[(i, case)] = case_params(target, params)
    design = crossed(arms, replication_seeds(seed, replications))
    tick = progress_from(progress, done_before, total or None)
    runs = perform_experiments(design, executor, progress=tick).by_label()
    wanted = wanted_outcomes(targets)
    evals = []
    for i, point in enumerate(points):
        means = {}
        for case in to_run:
            means |= _case_means(case, runs[(i, case)], wanted)
        d, inside = distance(means, targets)
        evals.append(Evaluation(point, means, d, inside, replications))
    return evals


def wanted_outcomes(targets: list[Target]) -> set[str]:
    """The outcomes a case's runs are averaged over: the targets' and 5-year retention."""
    return {t.outcome for t in targets} | {"retention_5y"}


def _case_means(case: str, rows: list[dict], wanted: set[str]) -> dict[tuple[str, str], float]:
    means = {}
    for outcome in wanted:
        vals = [r[outcome] for r in rows if not np.isnan(r[outcome])]
        means[(case, outcome)] = float(np.mean(vals)) if vals else float("nan")
    return means


def evaluate_case(
    point: dict[str, float],
    case: str,
    target: Target | None,
    wanted: set[str],
    replications: int,
    seed: int,
    executor: Executor,
) -> dict[tuple[str, str], float]:
    """One case of :func:`evaluate` for one point: the same runs (same seeds), the same means."""
    params = case_params(target, _params_for(case_preset(case, target), point))
    design = crossed({case: params}, replication_seeds(seed, replications))
    rows = perform_experiments(design, executor).by_label()[case]
    return _case_means(case, rows, wanted)


def distance_at_least(means: dict[tuple[str, str], float], targets: list[Target]) -> float:
    """A lower bound of :func:`distance` from the cases run so far (``means`` need not hold
    every case): every term of the distance is non-negative, so the targets of the cases not
    yet run can only add to it."""
    return _score(means, targets, partial=True)[0]


def lhs(n: int, box: dict[str, tuple[float, float]], rng_seed: int) -> list[dict[str, float]]:
    names = list(box)
    sample = qmc.LatinHypercube(d=len(names), seed=rng_seed).random(n)
    lo = np.array([box[k][0] for k in names])
    hi = np.array([box[k][1] for k in names])
    values = qmc.scale(sample, lo, hi)
    return [{k: float(round(v, 5)) for k, v in zip(names, row, strict=True)} for row in values]


def best_residuals(
    chosen: Evaluation, grid: list[Evaluation], presets: list[str], targets: list[Target]
) -> Evaluation:
    """The best combination of each preset's residual from the grid runs (or the chosen
    point's own), scored by the full distance. A preset's residual moves only its own cases,
    so a combination's means are each preset's cases taken from the run that set its value."""
    options = [chosen, *grid]
    best: Evaluation | None = None
    for combo in itertools.product(range(len(options)), repeat=len(presets)):
        point, means = dict(chosen.point), dict(chosen.means)
        for p, i in zip(presets, combo, strict=True):
            source = options[i]
            for k in PER_PRESET_SPACE:
                point[f"{p}:{k}"] = source.point[f"{p}:{k}"]
            for key, value in source.means.items():
                if key[0].split(":")[0] == p:  # the preset and its conditioned cases
                    means[key] = value
        d, ok = distance(means, targets)
        if best is None or d < best.distance:
            best = Evaluation(point, means, d, ok, chosen.replications)
    assert best is not None
    return best


def calibrate(
    presets: list[str] | None = None,
    budget: int = 1200,
    replications: int = 3,
    workers: int | None = None,
    scheduler: str | None = None,
    seed: int = 2026,
    progress: Progress | None = None,
    residual_grid: int = 7,
) -> CalibrationResult:
    """Run the four-stage procedure within about ``budget`` model runs."""
    presets = list(presets or PRESETS)
    targets = [t for t in load_targets() if t.preset in presets]
    if not targets:
        raise ValueError(f"no numeric targets for {', '.join(presets)}")
    per_point = len(cases(targets, presets)) * replications
    n_final = 5
    final_reps = replications * 4
    final_runs = (n_final + residual_grid) * len(cases(targets, presets)) * final_reps
    n_search = max(4, (budget - final_runs) // per_point)
    n1 = max(3, (2 * n_search) // 3)
    n2 = max(1, n_search - n1)
    total = (n1 + n2) * per_point + final_runs
    done = 0
    with executor_for(workers=workers, scheduler=scheduler) as ex:

        def run(points: list[dict[str, float]], reps: int, run_seed: int) -> list[Evaluation]:
            nonlocal done
            out = evaluate(points, presets, targets, reps, run_seed, ex, progress, done, total)
            done += len(points) * len(cases(targets, presets)) * reps
            return out

        space = search_space(presets)
        # stage 1: Latin hypercube over the whole space
        stage1 = run([incumbent(presets)] + lhs(n1 - 1, space, seed), replications, seed)
        best = min(stage1, key=lambda e: e.distance)
        # stage 2: a second hypercube around the best point
        box = {}
        for k, (lo, hi) in space.items():
            w = (hi - lo) / 5.0
            box[k] = (max(lo, best.point[k] - w), min(hi, best.point[k] + w))
        stage2 = run(lhs(n2, box, seed + 1), replications, seed)
        # stage 3: the five best again, with four times the replications
        ranked = sorted(stage1 + stage2, key=lambda e: e.distance)[:n_final]
        final = run([e.point for e in ranked], final_reps, seed + 7)
        inside = [e for e in final if e.inside]
        chosen = min(inside or final, key=lambda e: e.distance)
        # stage 4: each preset's residual on a grid, the common values fixed; the residual
        # of a preset moves only that preset's outcomes, so every combination of the presets'
        # grid values (or their chosen ones) is scored from the same runs: the full distance,
        # with the order of Nordre Land and Vågå
        grid_points = []
        for v in np.linspace(0.0, 1.0, residual_grid):
            point = dict(chosen.point)
            for p in presets:
                for k, (lo, hi) in PER_PRESET_SPACE.items():
                    point[f"{p}:{k}"] = float(round(lo + v * (hi - lo), 5))
            grid_points.append(point)
        grid = run(grid_points, final_reps, seed + 7)
        combined = best_residuals(chosen, grid, presets, targets)
        if combined.distance < chosen.distance:
            chosen = combined
    evaluations = stage1 + stage2 + final + grid + [combined]
    return CalibrationResult(presets, chosen, evaluations, total, chosen.inside)
