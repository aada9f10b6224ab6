"""Calibration, validation, sensitivity and goal-seeking: procedures and their outputs."""

import json
import math
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest

from analysis.experiments.calibration import (
    CALIBRATION_SPACE,
    PER_PRESET_SPACE,
    Evaluation,
    best_residuals,
    calibrate,
    distance,
    incumbent,
    lhs,
    search_space,
    values_for,
)
from analysis.experiments.targets import Target, load_targets
from analysis.experiments.validation import qualitative_checks
from analysis.reports.calibration import calibrated_block, write_calibrated
from model.outcomes import is_share
from model.scenario import load_scenario

BYGDESIM = [sys.executable, "-m", "analysis.cli"]
REPO = Path(__file__).resolve().parent.parent
ALL_PRESETS = ["sel", "vaga", "nordre_land"]  # what preset = "all" means in targets.toml


def _bands_from_toml() -> dict[tuple[str, str], tuple[float, float]]:
    """(target id, preset) -> (low, high) of every numeric target, read straight from
    calibration/targets.toml (not through the code under test); "all" is the three presets."""
    data = tomllib.loads((REPO / "calibration" / "targets.toml").read_text())
    bands = {}
    for t in data["target"]:
        if isinstance(t["value"], str):  # rules and arrival mixes: text, checked elsewhere
            continue
        presets = t["preset"]
        presets = (
            ALL_PRESETS if presets == "all" else [presets] if isinstance(presets, str) else presets
        )
        for preset in presets:
            assert (t["id"], preset) not in bands, t["id"]
            bands[(t["id"], preset)] = (float(t["low"]), float(t["high"]))
    return bands


def test_targets_are_the_numeric_published_figures():
    targets = load_targets()
    ids = {(t.id, t.preset) for t in targets}
    assert ("sel_retention_5y", "sel") in ids
    assert ("peripheral_retention_5y", "vaga") in ids
    # every numeric target of the file, once per preset it names (targets may be added)
    assert sorted((t.id, t.preset) for t in targets) == sorted(_bands_from_toml())
    for t in targets:
        assert t.low <= t.value <= t.high and t.source


def test_distance_is_zero_at_the_published_values_and_checks_the_order():
    targets = load_targets()
    means = {(t.case, t.outcome): t.value for t in targets}
    d, inside = distance(means, targets)
    assert d == 0.0 and inside
    means[("vaga", "retention_5y")] = 0.74  # inside its band, but above Nordre Land
    d, inside = distance(means, targets)
    assert not inside and d > 1.0
    means[("vaga", "retention_5y")] = 0.65
    # Sel's 44 % is for the 2012 cohort: its case is Sel without the project's measures
    (sel,) = [t for t in targets if t.id == "sel_retention_5y"]
    assert sel.case == "sel:sel_retention_5y"
    assert dict(sel.conditions)["levers.third_programme_year.participants_per_year"] == 0
    assert (
        sel.params(load_scenario("sel").params).levers.third_programme_year.participants_per_year
        == 0
    )
    means[(sel.case, "retention_5y")] = 0.56  # two half-bands above 0.44, one beyond the band
    d, inside = distance(means, targets)
    # 2^2 for the deviation, plus the step and four times the squared excess for leaving it
    assert not inside and d == pytest.approx((4.0 + 1.0 + 4.0 * 1.0**2) / len(targets))
    means[(sel.case, "retention_5y")] = 0.50  # at the band's edge: deviation only
    d, inside = distance(means, targets)
    assert inside and d == pytest.approx(1.0 / len(targets))


def test_the_residual_stage_scores_combinations_with_the_full_distance():
    targets = [t for t in load_targets() if t.preset in ("vaga", "nordre_land")]
    perfect = {(t.case, t.outcome): t.value for t in targets}
    point = {"vaga:moving.regional_pull": 1.0, "nordre_land:moving.regional_pull": 1.0}

    def ev(vaga_ret, nl_ret, pull):
        means = dict(perfect)
        means[("vaga", "retention_5y")] = vaga_ret
        means[("nordre_land", "retention_5y")] = nl_ret
        p = {k: pull for k in point}
        d, ok = distance(means, targets)
        return Evaluation(p, means, d, ok, 4)

    chosen = ev(0.66, 0.64, 1.0)  # each preset close to 0.65, but Nordre Land below Vågå
    grid = [ev(0.62, 0.60, 1.2), ev(0.70, 0.68, 0.8)]
    best = best_residuals(chosen, grid, ["vaga", "nordre_land"], targets)
    # taking each preset's own best (0.66 / 0.64) keeps the order wrong; the full distance
    # keeps Vågå's chosen value and takes Nordre Land from the low-pull run
    assert not chosen.inside and best.inside
    assert best.point == {"vaga:moving.regional_pull": 1.0, "nordre_land:moving.regional_pull": 0.8}
    assert best.means[("vaga", "retention_5y")] == 0.66
    assert best.means[("nordre_land", "retention_5y")] == 0.68
    assert best.distance < chosen.distance


def test_latin_hypercube_stays_in_the_box_and_is_repeatable():
    space = search_space(["sel", "vaga"])
    a, b = lhs(20, space, 3), lhs(20, space, 3)
    assert a == b
    for point in a:
        for k, (lo, hi) in space.items():
            assert lo <= point[k] <= hi
    assert "sel:moving.regional_pull" in space and "vaga:moving.regional_pull" in space
    v = values_for("vaga", a[0])
    assert set(v) == set(CALIBRATION_SPACE) | set(PER_PRESET_SPACE)


def test_the_search_starts_from_the_presets_current_values(tmp_path, monkeypatch, repo_root):
    shutil.copytree(repo_root / "scenarios", tmp_path / "scenarios")
    monkeypatch.setenv("BYGDESIM_SCENARIOS", str(tmp_path / "scenarios"))
    path = tmp_path / "scenarios" / "vaga.toml"
    text = path.read_text()
    block = text[text.index("[calibrated]") :]
    edited = block.replace(
        block[block.index('"moving.regional_pull"') :].splitlines()[0],
        '"moving.regional_pull" = 0.91',
    )
    path.write_text(text.replace(block, edited))
    point = incumbent(["vaga"])
    params = load_scenario("vaga").params
    assert point["vaga:moving.regional_pull"] == pytest.approx(0.91)
    assert point["moving.base_hazard"] == pytest.approx(params.moving.base_hazard)
    assert set(point) == set(search_space(["vaga"]))
    for key, (lo, hi) in search_space(["vaga"]).items():
        assert lo <= point[key] <= hi
    # the calibration runs it first, so its result is never worse than the incumbent's
    result = calibrate(["vaga"], budget=45, replications=1, workers=1, seed=1)
    assert result.evaluations[0].point == point


def test_a_small_calibration_runs_within_its_budget_and_writes_the_preset(
    tmp_path, monkeypatch, repo_root
):
    shutil.copytree(repo_root / "scenarios", tmp_path / "scenarios")
    monkeypatch.setenv("BYGDESIM_SCENARIOS", str(tmp_path / "scenarios"))
    result = calibrate(["vaga"], budget=45, replications=1, workers=2, seed=1)
    assert result.runs <= 45 + 15
    assert result.chosen.distance == min(
        e.distance for e in result.evaluations if e.replications == result.chosen.replications
    )
    block = calibrated_block(result, "vaga", 45, 1)
    write_calibrated("vaga", block)
    write_calibrated("vaga", block)  # replacing, not appending twice
    text = (tmp_path / "scenarios" / "vaga.toml").read_text()
    assert text.count("calibrated: begin") == 1
    assert "Calibrated on" in text and "peripheral_retention_5y" in text
    params = load_scenario("vaga").params
    chosen = values_for("vaga", result.chosen.point)
    assert params.moving.base_hazard == pytest.approx(chosen["moving.base_hazard"], rel=1e-4)
    assert params.moving.regional_pull == pytest.approx(chosen["moving.regional_pull"], rel=1e-4)


def _rows(weights, n=4000, seed=0):
    """Synthetic people: staying depends on the four factors with the given log-odds."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 2, size=(n, 4))
    z = -1.0 + x @ np.asarray(weights)
    kept = rng.random(n) < 1 / (1 + np.exp(-z))
    return np.column_stack([kept, x]).astype(int).tolist()


def test_qualitative_checks_read_pooled_person_data():
    detail = {
        "employed_year_3": [80, 100, 40, 100],
        "family_not_single": [70, 100, 50, 100],
        "ties_year_2": [60, 100, 50, 100],
        "car_or_centre": [55, 100, 50, 100],
        "during": [2, 1000],
        "after": [30, 1000],
        "after_month": [0] * 24,
        "rows": _rows([2.0, 1.0, 0.5, 0.3]),
    }
    outcome = {
        "retention_5y.single_men": 0.5,
        "retention_5y.single_women": 0.6,
        "retention_5y.family_with_children": 0.8,
    }
    checks = {c["name"]: c for c in qualitative_checks([detail], [outcome])}
    assert checks["employment_is_the_strongest_retention_factor"]["pass"]
    assert checks["employment_is_the_strongest_retention_factor"]["log_odds"][
        "employed_year_3"
    ] == pytest.approx(2.0, abs=0.25)
    assert checks["singles_leave_more_than_families"]["pass"]
    assert checks["moves_rare_in_programme_rise_after"]["pass"]
    detail["rows"] = _rows([0.5, 2.0, 0.5, 0.3])  # now the family matters most
    detail["during"] = [20, 1000]  # and moves in the programme are as common as after
    checks = {c["name"]: c for c in qualitative_checks([detail], [outcome])}
    assert not checks["employment_is_the_strongest_retention_factor"]["pass"]
    assert not checks["moves_rare_in_programme_rise_after"]["pass"]


def test_a_target_passes_exactly_when_the_mean_is_inside_its_band():
    t = Target("t", "sel", "retention_5y", 0.44, 0.38, 0.50, "hand-made")
    assert t.passes(0.44) and t.passes(0.38) and t.passes(0.50)  # the band's ends count
    assert not t.passes(0.3799) and not t.passes(0.5001)
    assert not t.passes(0.0) and not t.passes(1.0)
    assert not t.passes(math.nan)  # nobody measured: not a pass


def test_validate_json_and_page(tmp_path):
    r = subprocess.run(
        [*BYGDESIM, "validate", "-r", "2", "--json", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=900,
        env=os.environ | {"BYGDESIM_POSTERIOR": str(tmp_path / "none")},  # no posterior section
    )
    assert r.stdout.strip(), r.stderr
    data = json.loads(r.stdout)
    # every numeric target of targets.toml, once, with the band the file gives it
    bands = _bands_from_toml()
    assert sorted((t["id"], t["preset"]) for t in data["targets"]) == sorted(bands)
    for t in data["targets"]:
        assert set(t) == {
            "id",
            "preset",
            "conditions",
            "outcome",
            "model",
            "ci95",
            "low",
            "high",
            "pass",
        }
        low, high = bands[(t["id"], t["preset"])]
        assert (t["low"], t["high"]) == (low, high), t
        model = t["model"]
        assert model is not None and math.isfinite(model), t
        assert not is_share(t["outcome"]) or 0.0 <= model <= 1.0, t
        lo, hi = t["ci95"]
        assert lo <= model <= hi, t
        assert t["pass"] is (low <= model <= high), t
    assert [c["name"] for c in data["checks"]] == [
        "employment_is_the_strongest_retention_factor",
        "singles_leave_more_than_families",
        "moves_rare_in_programme_rise_after",
    ]
    assert all(isinstance(c["pass"], bool) for c in data["checks"])
    # the model is being recalibrated: whether it passes is not asserted, only that the exit
    # status says so (0 when every target and check passes, 1 otherwise)
    everything = all(t["pass"] for t in data["targets"]) and all(c["pass"] for c in data["checks"])
    assert r.returncode == (0 if everything else 1), r.stderr
    html = (tmp_path / "validation.html").read_text()
    assert html.count("data:image/png;base64,") == 4
    assert "http://" not in html and "https://" not in html


CERTAIN = """
[[target]]
id = "certain"
preset = "vaga"
outcome = "retention_1y"
value = 0.5
low = 0.0
high = 1.0
source = "hand-made: a share is always in [0, 1]"
"""
IMPOSSIBLE = """
[[target]]
id = "impossible"
preset = "vaga"
outcome = "retention_5y"
value = 1.5
low = 1.2
high = 2.0
source = "hand-made: no share reaches 1.2"
"""


def test_validate_exit_status_on_targets_whose_answer_is_known(tmp_path, monkeypatch, capsys):
    """validate on hand-made targets for Vågå alone, with the qualitative checks held at pass,
    so the targets alone decide: a band every share lies in passes and exits 0; adding a band
    no share can reach fails that target and exits 1."""
    from analysis.experiments import validation
    from tests.experiments import call

    monkeypatch.setattr(validation, "PRESETS", ("vaga",))
    passing = [{"name": "held_at_pass", "pass": True, "detail": "held at pass by the test"}]
    monkeypatch.setattr(validation, "qualitative_checks", lambda details, outcomes: passing)
    path = tmp_path / "targets.toml"
    monkeypatch.setattr(validation, "load_targets", lambda: load_targets(path))
    args = ("validate", "-r", "2", "--json", "--out", "", "--workers", "2")

    path.write_text(CERTAIN)
    code, out, err = call(capsys, *args)
    data = json.loads(out)
    assert [(t["id"], t["preset"], t["pass"]) for t in data["targets"]] == [
        ("certain", "vaga", True)
    ]
    assert code == 0, err

    path.write_text(CERTAIN + IMPOSSIBLE)
    code, out, err = call(capsys, *args)
    data = json.loads(out)
    got = {t["id"]: t for t in data["targets"]}
    assert set(got) == {"certain", "impossible"}
    assert got["certain"]["pass"] is True
    assert got["impossible"]["pass"] is False and got["impossible"]["model"] <= 1.0
    assert code == 1


@pytest.mark.slow
def test_calibrated_presets_pass_every_target_and_the_qualitative_checks():
    r = subprocess.run(
        [*BYGDESIM, "validate", "-r", "20", "--json", "--out", ""],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    data = json.loads(r.stdout)
    failing = [
        (t["id"], t["preset"], round(t["model"], 3)) for t in data["targets"] if not t["pass"]
    ]
    assert not failing
    assert all(c["pass"] for c in data["checks"]), data["checks"]
    assert r.returncode == 0


def test_sensitivity_ranks_every_parameter(tmp_path):
    from analysis.experiments.sensitivity import problem, run_sensitivity

    res = run_sensitivity("vaga", "morris", samples=2, replications=1, years=6, workers=2)
    names = set(problem(True)["names"])
    for key in ("retention_5y", "work_or_education_1y_after_programme"):
        rows = res["indices"][key]
        assert {r["parameter"] for r in rows} == names
        stars = [r["mu_star"] for r in rows]
        assert stars == sorted(stars, reverse=True) and all(s >= 0 for s in stars)
    assert res["runs"] == 2 * (len(names) + 1)


@pytest.mark.parametrize(
    "args,expected",
    [
        (["sensitivity", "--method", "fast"], "--method fast"),
        (["sensitivity", "--method", "sobol", "--samples", "6"], "power of two"),
        (["target", "sel", "--outcome", "nope"], "--outcome nope"),
        (["target", "sel", "--at-least", "1.5"], "--at-least 1.5"),
        (["calibrate", "--preset", "oslo"], "--preset oslo"),
    ],
)
def test_bad_flags_of_the_research_commands(args, expected):
    r = subprocess.run([*BYGDESIM, *args], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], r.stderr


def test_goal_seeking_reaches_an_easy_goal_and_says_when_it_cannot():
    from analysis.experiments.goal_seek import answer, describe, seek

    sc = load_scenario("vaga", {"years": 6})
    levers = ["mentor_scheme", "integration_leader"]  # 8 packages; a budget of 3: NSGA-II
    easy = seek(sc, "retention_5y", 0.0, None, 3, 3, workers=2, budget=3, levers=levers)
    front = easy.frontier.front
    assert easy.frontier.method == "nsga2" and easy.frontier.evaluated == 3
    assert easy.reached and easy.best is front[0] and easy.best.package == {}  # costs nothing
    searched = [e for e in front + easy.frontier.dropped if e.package]
    assert easy.runs == (3 + 1) * 3 + (1 + len(searched)) * 3
    hard = answer(easy.frontier, 0.99)  # the same front, asked a goal out of reach
    assert not hard.reached and hard.reason  # says plainly why, and how far
    assert hard.best in front and hard.best.low == max(e.low for e in front)
    assert hard.shortfall == pytest.approx(0.99 - hard.best.low) and hard.shortfall > 0
    assert f"{hard.shortfall:.3f} short" in hard.reason
    out = describe(hard)
    assert out["reached"] is False and out["package"]["extra_cost_nok_per_year"] >= 0
    assert not math.isnan(out["package"]["mean"])
    assert out["frontier"]["front"][0]["levers"] == {}
