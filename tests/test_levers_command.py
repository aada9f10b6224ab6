"""``bygdesim levers`` lists the registry's levers with their lever files and yearly costs, and
``bygdesim target`` climbs each lever from exactly its lever file's setting."""

import json
import subprocess
import sys

import pytest

from analysis.experiments.lever_packages import package_overrides, rung_settings
from model.levers import LEVER_NAMES, REGISTRY
from model.scenario import load_scenario
from tests.builders import lever_file_table

BYGDESIM = [sys.executable, "-m", "analysis.cli"]


@pytest.mark.slow
def test_levers_json_lists_every_lever_with_its_file_and_cost():
    r = subprocess.run(
        [*BYGDESIM, "levers", "--json", "-r", "1", "--workers", "2", "--scenario", "vaga"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["scenario"] == load_scenario("vaga").name
    assert list(data["levers"]) == list(LEVER_NAMES)
    for name, entry in data["levers"].items():
        assert entry["purpose"] == REGISTRY[name].purpose
        assert entry["settings"] == lever_file_table(name)
        assert entry["ladder"]["rungs"][0] == entry["settings"][entry["ladder"]["setting"]]
        assert entry["yearly_cost_nok"] >= 0
    mj = data["levers"]["municipal_jobs"]
    # five positions at 0.8 FTE cost at most 5 * 0.8 * 42 000 NOK a month when all are filled
    assert 0 < mj["yearly_cost_nok"] <= 5 * 0.8 * 42000 * 12 + 1e-6
    leader = data["levers"]["integration_leader"]
    assert leader["yearly_cost_nok"] == pytest.approx(70000 * 12)  # a fixed monthly cost


def test_levers_rejects_a_bad_scenario_with_one_line():
    r = subprocess.run(
        [*BYGDESIM, "levers", "--scenario", "atlantis"], capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1
    assert "atlantis" in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("name", LEVER_NAMES)
def test_target_runs_the_first_rung_exactly_as_the_lever_file_says(name):
    first = rung_settings(name, 0)
    table = lever_file_table(name)
    assert first == {f"levers.{name}.{k}": v for k, v in table.items()}
    ladder = REGISTRY[name].ladder
    for rung in range(1, len(ladder.rungs)):
        higher = rung_settings(name, rung)
        assert higher[ladder.path(name)] == ladder.rungs[rung]
        # only the ladder's setting climbs; the rest stays as the lever file says
        others = {k: v for k, v in higher.items() if k != ladder.path(name)}
        assert others == {k: v for k, v in first.items() if k != ladder.path(name)}


def test_a_package_combines_its_levers_lever_files():
    flat = package_overrides({"municipal_jobs": 1, "early_nav": 0})
    assert flat["levers.municipal_jobs.positions"] == 10
    assert flat["levers.municipal_jobs.duration_months"] == 18  # from the lever file
    assert flat["levers.municipal_jobs.matched_to_goals"] is True
    assert flat["levers.early_nav.entry_month"] == 1
