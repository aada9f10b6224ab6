"""``bygdesim validate``: the presets against every numeric target, and the report's
qualitative findings as named checks."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy.optimize import minimize

from analysis.experiments.runner import (
    Progress,
    crossed,
    perform_experiments,
    replication_seeds,
)
from analysis.experiments.stats import mean_ci
from analysis.experiments.targets import PRESETS, case_params, case_preset, cases, load_targets
from model.enums import PAID_WORK
from model.model import BygdeModel
from model.params import Params
from model.scenario import load_scenario

# Factors whose split of conditional five-year retention is compared (check 1).
FACTORS = ("employed_year_3", "family_not_single", "ties_year_2", "car_or_centre")


def detail_stats(model: BygdeModel) -> dict[str, Any]:
    """Person-level counts for the qualitative checks, pooled later over runs."""
    T = model.month
    stats: dict[str, Any] = {f: [0, 0, 0, 0] for f in FACTORS}  # kept_yes, n_yes, kept_no, n_no
    during = [0, 0]  # moves, person-months in the programme
    after = [0, 0]  # moves, person-months in the first 24 months after exit
    after_month = np.zeros(24)
    for p in model.people:
        a = p.arrival_month
        if a + 60 <= T and 3 in p.year_activity:  # present mid year 3, observed to year 5
            kept = p.moved_month is None or p.moved_month >= a + 60
            hh = p.household
            splits = {
                # M1: the household's job (own or partner's) at mid year 3
                "employed_year_3": any(m.year_activity.get(3) in PAID_WORK for m in hh.members),
                "family_not_single": hh.htype.has_children,
                "ties_year_2": p.year_ties.get(2, 0) >= 2,
                "car_or_centre": not hh.remote_without_car,
            }
            for f, yes in splits.items():
                i = 0 if yes else 2
                stats[f][i] += kept
                stats[f][i + 1] += 1
            stats.setdefault("rows", []).append([int(kept)] + [int(splits[f]) for f in FACTORS])
        start = a + p.start_delay
        end_prog = p.exit_month if p.exit_month is not None else T
        stop = p.moved_month if p.moved_month is not None else T
        during[1] += max(0, min(end_prog, stop + 1) - start)
        if p.moved_month is not None and start <= p.moved_month < end_prog:
            during[0] += 1
        if p.exit_month is not None:
            e = p.exit_month
            after[1] += max(0, min(e + 24, stop + 1, T) - e)
            if p.moved_month is not None and e <= p.moved_month < e + 24:
                after[0] += 1
                after_month[p.moved_month - e] += 1
    stats["during"] = during
    stats["after"] = after
    stats["after_month"] = after_month.tolist()
    return stats


def simulate_detail(task: tuple[dict, int]) -> dict[str, Any]:
    params, seed = task
    model = BygdeModel(Params.model_validate(params), rng=seed, collect=False)
    return {"outcomes": model.run(), "detail": detail_stats(model)}


def _pool(details: list[dict], key: str) -> np.ndarray:
    return np.sum([np.asarray(d[key], dtype=float) for d in details], axis=0)


def logistic_effects(rows: list[list[int]]) -> dict[str, float]:
    """Log-odds of staying five years for each factor, all factors in one logistic regression
    (so each is measured holding the others fixed), fitted by maximum likelihood."""
    data = np.asarray(rows, dtype=float)
    if len(data) < 10:
        return {f: math.nan for f in FACTORS}
    y, X = data[:, 0], np.column_stack([np.ones(len(data)), data[:, 1:]])

    def nll(beta: np.ndarray) -> float:
        z = X @ beta
        return float(np.sum(np.logaddexp(0.0, z) - y * z)) + 1e-6 * float(beta @ beta)

    def grad(beta: np.ndarray) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-(X @ beta)))
        return X.T @ (p - y) + 2e-6 * beta

    fit = minimize(nll, np.zeros(X.shape[1]), jac=grad, method="BFGS")
    return {f: float(b) for f, b in zip(FACTORS, fit.x[1:], strict=True)}


def qualitative_checks(details: list[dict], outcomes: list[dict]) -> list[dict]:
    """The report's findings, checked on pooled person-level data over all presets."""
    gaps = {}
    for f in FACTORS:
        ky, ny, kn, nn = _pool(details, f)
        gaps[f] = (ky / ny if ny else math.nan) - (kn / nn if nn else math.nan)
    rows = [r for d in details for r in d.get("rows", [])]
    effects = logistic_effects(rows)
    strongest = max(effects, key=lambda f: effects[f] if math.isfinite(effects[f]) else -1e9)
    singles = [
        np.nanmean([o["retention_5y.single_men"], o["retention_5y.single_women"]]) for o in outcomes
    ]
    families = [o["retention_5y.family_with_children"] for o in outcomes]
    m_s, m_f = float(np.nanmean(singles)), float(np.nanmean(families))
    md, nd = _pool(details, "during")
    ma, na = _pool(details, "after")
    rate_during = md / nd if nd else math.nan
    rate_after = ma / na if na else math.nan
    return [
        {
            "name": "employment_is_the_strongest_retention_factor",
            "pass": strongest == "employed_year_3" and effects["employed_year_3"] > 0,
            "detail": "odds ratio of staying five years, each factor holding the others fixed: "
            + ", ".join(f"{k} x{math.exp(v):.2f}" for k, v in effects.items())
            + "; raw gaps (points): "
            + ", ".join(f"{k} {100 * v:+.1f}" for k, v in gaps.items()),
            "values": gaps,
            "log_odds": effects,
        },
        {
            "name": "singles_leave_more_than_families",
            "pass": m_s < m_f,
            "detail": f"five-year retention singles {100 * m_s:.1f} %, families with children "
            f"{100 * m_f:.1f} %",
            "values": {"singles": m_s, "families": m_f},
        },
        {
            "name": "moves_rare_in_programme_rise_after",
            "pass": rate_after > 2 * rate_during,
            "detail": f"monthly move rate {100 * rate_during:.2f} % in the programme, "
            f"{100 * rate_after:.2f} % in the two years after it",
            "values": {"during": rate_during, "after": rate_after},
        },
    ]


def validate(
    replications: int = 20,
    seed: int = 2026,
    workers: int | None = None,
    scheduler: str | None = None,
    presets: list[str] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    presets = list(presets or PRESETS)
    targets = load_targets()
    arms = {}
    for case, target in cases(targets, presets).items():
        params = load_scenario(case_preset(case, target)).params
        arms[case] = case_params(target, params)
    results = perform_experiments(
        crossed(arms, replication_seeds(seed, replications)),
        workers=workers,
        scheduler=scheduler,
        fn=simulate_detail,
        progress=progress,
    )
    by_preset = results.by_label()
    rows = []
    for t in targets:
        if t.case not in by_preset:
            continue
        m, lo, hi = mean_ci([r["outcomes"][t.outcome] for r in by_preset[t.case]], share=True)
        rows.append(
            {
                "id": t.id,
                "preset": t.preset,
                "conditions": dict(t.conditions),
                "outcome": t.outcome,
                "model": m,
                "ci95": [lo, hi],
                "value": t.value,
                "low": t.low,
                "high": t.high,
                "pass": bool(t.passes(m)),
                "source": t.source,
            }
        )
    # the qualitative checks and curves are of the presets as they are
    all_res = [r for p in presets for r in by_preset[p]]
    checks = qualitative_checks([r["detail"] for r in all_res], [r["outcomes"] for r in all_res])
    curves = {
        p: [
            mean_ci([r["outcomes"][f"retention_year_{k}"] for r in by_preset[p]], share=True)
            for k in range(1, 11)
        ]
        for p in presets
    }
    after_month = _pool([r["detail"] for r in all_res], "after_month").tolist()
    return {
        "targets": rows,
        "checks": checks,
        "replications": replications,
        "seed": seed,
        "curves": curves,
        "moves_after_exit_by_month": after_month,
    }
