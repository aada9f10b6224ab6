"""``bygdesim compare``: paired effects on common random numbers, costs, precision stopping."""

import json
import math

import numpy as np
import pytest

from analysis.experiments.compare import BASELINE, run_compare
from analysis.experiments.lever_files import load_lever, resolve_arms
from model.outcomes import outcome_keys
from model.scenario import load_scenario
from tests.experiments import call

LEVERS = "municipal_jobs,bridge_builders,early_nav"


def check_shape(result: dict, levers: list[str], replications: int) -> None:
    keys = outcome_keys()
    assert {"scenario", "replications", "baseline", "levers"} <= set(result)
    assert result["replications"] == replications
    assert list(result["baseline"]) == keys
    assert list(result["baseline_n"]) == keys
    assert result["baseline"]["cost_per_retained_adult_nok"] is None  # n/a for the baseline
    assert list(result["levers"]) == levers
    for name in levers:
        lv = result["levers"][name]
        assert set(lv) == {"outcomes", "n", "effect", "cost_per_retained_adult_nok"}
        assert list(lv["outcomes"]) == keys
        assert list(lv["n"]) == keys and all(n >= 0 for n in lv["n"].values())
        assert list(lv["effect"]) == keys
        for key in keys:
            eff = lv["effect"][key]
            assert set(eff) == {"mean", "ci95"} and len(eff["ci95"]) == 2, (name, key)
            lo, hi = eff["ci95"]
            if eff["mean"] is not None and lo is not None and hi is not None:
                assert lo <= eff["mean"] <= hi, (name, key, eff)
        cost = lv["cost_per_retained_adult_nok"]
        assert cost is None or isinstance(cost, float)


def test_compare_json_has_paired_effects_for_every_outcome(capsys):
    code, out, err = call(
        capsys, "compare", "vaga", "--set", "years=6", "--levers", LEVERS, "-r", "5", "--json"
    )
    assert code == 0, err
    result = json.loads(out)
    check_shape(result, LEVERS.split(","), 5)
    assert result["scenario"] == "vaga"
    levers = result["levers"]
    # the effect is the mean paired difference, so it equals the difference of the means
    for name, lv in levers.items():
        for key in ("retention_1y", "lever_cost_nok_per_year", "employment_rate_year_2"):
            d = lv["outcomes"][key] - result["baseline"][key]
            assert lv["effect"][key]["mean"] == pytest.approx(d, rel=1e-9, abs=1e-12), (name, key)
    # five municipal positions cost money every year; the baseline's own spending is subtracted
    mj = levers["municipal_jobs"]["effect"]["lever_cost_nok_per_year"]
    assert mj["mean"] > 100_000 and mj["ci95"][0] > 0
    # the cost per retained adult is extra cost / extra adults retained, paired
    cost = levers["municipal_jobs"]["cost_per_retained_adult_nok"]
    assert cost is None or cost > 0


@pytest.mark.slow
def test_done_when_sel_three_levers_twenty_replications(capsys):
    code, out, err = call(
        capsys, "compare", "sel", "--levers", LEVERS, "--replications", "20", "--json"
    )
    assert code == 0, err
    result = json.loads(out)
    check_shape(result, LEVERS.split(","), 20)
    for name, lv in result["levers"].items():
        # ten years: every headline outcome is measured, with a finite interval
        for key in ("retention_1y", "retention_2y", "retention_5y", "retention_7y"):
            lo, hi = lv["effect"][key]["ci95"]
            assert lo is not None and hi is not None and lo <= hi, (name, key)
        assert "cost_per_retained_adult_nok" in lv
        assert lv["effect"]["lever_cost_nok_per_year"]["mean"] > 0, name


def test_a_lever_that_changes_nothing_has_exactly_zero_effect(tmp_path):
    # different parameters (a cost of a lever that is off), identical behaviour: with common
    # random numbers every paired difference is exactly zero, not just close to it
    inert = tmp_path / "inert.toml"
    inert.write_text(
        'description = "test"\n[levers.municipal_jobs]\ncost_per_position_month = 99000.0\n'
    )
    sc = load_scenario("vaga", {"years": 6})
    res = run_compare(sc, [load_lever(str(inert))], seed=3, replications=4, workers=2)
    assert res.runs["inert"] != [] and len(res.runs["inert"]) == 4
    summary = res.summary()
    for key, eff in summary["levers"]["inert"]["effect"].items():
        if eff["mean"] is None or math.isnan(eff["mean"]):
            continue
        assert eff["mean"] == 0.0, key
        if not any(math.isnan(x) for x in eff["ci95"]):  # NaN: only one pair could be measured
            assert eff["ci95"] == [0.0, 0.0], key


def test_common_random_numbers_keep_unrelated_draws(tmp_path):
    # switching bridge-builders on does not reshuffle who arrives when
    sc = load_scenario("vaga", {"years": 6})
    arms = resolve_arms(["bridge_builders", "municipal_jobs"])
    res = run_compare(sc, arms, seed=5, replications=4, workers=2)
    base = res.runs[BASELINE]
    for name in ("bridge_builders", "municipal_jobs"):
        assert [r["adults_arrived"] for r in res.runs[name]] == [r["adults_arrived"] for r in base]
    # and the arms really differ: the lever is switched on
    assert any(
        a["lever_cost_total_nok"] != b["lever_cost_total_nok"]
        for a, b in zip(res.runs["bridge_builders"], base, strict=True)
    )


def test_precision_adds_replications_until_every_half_width_is_small():
    sc = load_scenario("vaga", {"years": 6})
    arms = resolve_arms(["bridge_builders", "early_nav"])
    target = 10.0  # percentage points
    res = run_compare(sc, arms, seed=2, replications=4, precision=target, cap=200, workers=2)
    prec = res.precision
    assert prec["reached"] is True
    assert res.replications > 4  # it had to add batches
    for name in ("bridge_builders", "early_nav"):
        diffs = np.array(
            [
                a["retention_5y"] - b["retention_5y"]
                for a, b in zip(res.runs[name], res.runs[BASELINE], strict=True)
            ]
        )
        half = 100 * 1.96 * diffs.std(ddof=1) / math.sqrt(len(diffs))
        assert prec["half_width_pp"][name] <= target
        assert half <= target * 1.1  # the t-quantile is a little wider than 1.96


def test_precision_cap_is_said_plainly(capsys):
    code, out, err = call(
        capsys,
        "compare", "vaga", "--set", "years=6", "--levers", "bridge_builders",
        "--precision", "0.01", "--replications", "3", "--max-replications", "5", "--json",
    )  # fmt: skip
    assert code == 0, err
    result = json.loads(out)
    assert result["replications"] == 5
    assert result["precision"]["reached"] is False
    assert "NOT reached" in result["precision"]["message"]
    assert "cap of 5 replications" in err
    # before the runs: how many the first batch has and how many the cap allows
    assert "--precision 0.01: 6 runs in the first batch, at most 10 (5 replications of 2" in err


def test_precision_needs_five_years(capsys):
    code, _, err = call(
        capsys, "compare", "vaga", "--set", "years=4", "--levers", "early_nav", "--precision", "5"
    )
    assert code == 2
    assert "retention_5y" in err and len(err.strip().splitlines()) == 1


def test_package_runs_as_one_arm_beside_single_levers(capsys, repo_root):
    pkg = repo_root / "scenarios" / "packages" / "jobs_first.toml"
    code, out, err = call(
        capsys, "compare", "vaga", "--set", "years=6", "--levers", "early_nav",
        "--package", pkg, "-r", "3", "--json",
    )  # fmt: skip
    assert code == 0, err
    result = json.loads(out)
    check_shape(result, ["early_nav", "jobs_first"], 3)
    # the package includes early Nav, an employer contact and positions: it costs more
    cost = {
        n: lv["effect"]["lever_cost_nok_per_year"]["mean"] for n, lv in result["levers"].items()
    }
    assert cost["jobs_first"] > cost["early_nav"] > 0
