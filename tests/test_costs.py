"""Lever costs: charged only when a lever is on, growing with its use."""

import pytest

from model.model import BygdeModel
from model.params import Params
from model.scenario import with_overrides


def cost(**flat):
    params = with_overrides(Params(), {"years": 4, **flat})
    model = BygdeModel(params, rng=1, collect=False)
    out = model.run()
    return out["lever_cost_nok_per_year"], model.costs.total


def test_no_levers_no_cost_beyond_nav_time():
    per_year, totals = cost()
    assert per_year == pytest.approx(totals["early_nav"] / 4)


def test_fixed_costs_are_charged_every_month():
    _, totals = cost(**{"levers.integration_leader.enabled": True})
    assert totals["integration_leader"] == pytest.approx(48 * 70000.0)


def test_bridge_builders_cost_per_filled_position():
    _, totals = cost(**{"levers.bridge_builders.count": 2})
    assert totals["bridge_builders"] == pytest.approx(2 * 48 * 0.5 * 48000.0)


def test_more_municipal_positions_cost_more():
    _, two = cost(**{"levers.municipal_jobs.positions": 2})
    _, six = cost(**{"levers.municipal_jobs.positions": 6})
    assert six["municipal_jobs"] > two["municipal_jobs"] > 0
    per_position_month = 0.8 * 42000.0
    assert two["municipal_jobs"] <= 2 * 48 * per_position_month
    assert two["municipal_jobs"] % per_position_month == pytest.approx(0.0, abs=1e-6)
