"""What each lever costs a month, in NOK.

A lever's cost depends on how it is used (filled positions, participants reached), so it is
estimated the way the model charges it: a short run of the scenario with the chosen settings,
running costs and one-off costs together, averaged per month. The live run's own ledger gives
this month's running cost next to it.
"""

from __future__ import annotations

import json
from functools import lru_cache

from model.model import BygdeModel
from model.params import LEVER_NAMES, Params

ESTIMATE_MONTHS = 36


def estimate_monthly_costs(
    params: Params, seed: int, months: int = ESTIMATE_MONTHS
) -> dict[str, float]:
    """Average monthly cost of each lever over the first ``months`` of one run (NOK)."""
    return dict(_estimate(params.model_dump_json(), int(seed), int(months)))


@lru_cache(maxsize=64)
def _estimate(params_json: str, seed: int, months: int) -> tuple[tuple[str, float], ...]:
    params = Params.model_validate(json.loads(params_json))
    model = BygdeModel(params, rng=seed, collect=False)
    steps = 0
    while model.running and steps < months:
        model.step()
        steps += 1
    per_month = {k: v / max(steps, 1) for k, v in model.costs.total.items()}
    return tuple((lever, per_month.get(lever, 0.0)) for lever in LEVER_NAMES)


def running_costs(model: BygdeModel) -> dict[str, float]:
    """This month's running cost of each lever in the live run (NOK)."""
    return model.costs.monthly()


def fmt_nok(x: float) -> str:
    """``41250.0`` -> ``41 250 NOK``; small amounts rounded to the krone."""
    return f"{x:,.0f}".replace(",", " ") + " NOK"
