"""``bygdesim robustness``: futures files, Latin-hypercube futures, regret, PRIM scenario
discovery in words, and the command end to end on tiny settings."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.cli.main import main
from analysis.experiments.futures import (
    apply_factor,
    apply_future,
    default_futures_file,
    load_futures,
    sample_futures,
)
from analysis.experiments.robustness import distribution, missed, regret_table
from analysis.experiments.scenario_discovery import Limit, condition, describe, discover
from model.params import Params
from model.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [ROOT / "scenarios/packages/jobs_first.toml", ROOT / "scenarios/packages/belonging.toml"]


def futures_file(tmp_path: Path, body: str, name: str = "f.toml") -> Path:
    path = tmp_path / name
    path.write_text('[futures]\nname = "t"\n' + body)
    return path


# ---- futures files ------------------------------------------------------------------------
def test_default_futures_file_names_the_five_factors():
    spec = load_futures(None, load_scenario("sel").params)
    assert spec.path == default_futures_file()
    assert spec.names == ["arrivals", "families", "openings", "nav_budget", "volunteers"]
    assert all(f.label and f.unit for f in spec.factors)


def test_factors_move_their_parameters():
    base = load_scenario("sel").params.model_dump(mode="json")
    spec = load_futures(None)
    row = {"arrivals": 30, "families": 0.4, "openings": 0.5, "nav_budget": 2.0, "volunteers": 0.5}
    p = Params.model_validate(apply_future(base, spec, row))
    assert p.arrivals.persons_per_year == [30] * len(base["arrivals"]["persons_per_year"])
    assert p.arrivals.share_family + p.arrivals.share_single_parent == pytest.approx(0.4)
    assert p.labour.turnover_by_sector["tourism"] == pytest.approx(
        0.5 * base["labour"]["turnover_by_sector"]["tourism"]
    )
    assert p.labour.nav_budget_nok_per_resident == pytest.approx(
        2 * base["labour"]["nav_budget_nok_per_resident"]
    )
    assert p.volunteer_groups[0].members == round(0.5 * base["volunteer_groups"][0]["members"])
    assert base["arrivals"]["share_family"] != p.arrivals.share_family  # input not changed


BAD_FUTURES = {
    "unknown path": (
        '[factors.x]\npaths = ["labour.no_such_field"]\nrange = [0, 1]\n',
        "labour.no_such_field: unknown parameter path",
    ),
    "outside bounds": (
        '[factors.x]\npaths = ["labour.nav_measure_place_months_per_1000"]\nrange = [0, 300]\n',
        "outside the allowed range",
    ),
    "share outside 0-1": (
        '[factors.x]\nmode = "share"\npaths = ["arrivals.share_family"]\n'
        'balance = ["arrivals.share_couple"]\nrange = [0.1, 1.5]\n',
        "outside the allowed range",
    ),
    "scaled end rejected": (
        '[factors.x]\nmode = "scale"\npaths = ["labour.nav_budget_nok_per_resident"]\n'
        "range = [0.5, 40]\n",
        "factors.x at 40",
    ),
    "low not below high": ('[factors.x]\npaths = ["years"]\nrange = [5, 5]\n', "low < high"),
    "unknown key": ('[factors.x]\npaths = ["years"]\nrange = [5, 6]\nfoo = 1\n', "foo"),
    "no factors": ("", "at least one"),
    "bad toml": ("[factors.x\n", "f.toml"),
}


@pytest.mark.parametrize("case", list(BAD_FUTURES))
def test_bad_futures_file_is_one_line_naming_the_problem(tmp_path, case):
    body, words = BAD_FUTURES[case]
    with pytest.raises(Exception) as err:
        load_futures(futures_file(tmp_path, body), load_scenario("sel").params)
    message = str(err.value)
    assert words in message and "\n" not in message
    with pytest.raises(Exception, match="no such futures file"):
        load_futures(tmp_path / "missing.toml")


def test_latin_hypercube_within_bounds_stratified_and_repeatable():
    spec = load_futures(None)
    x = sample_futures(spec, 20, seed=7)
    assert list(x.columns) == spec.names and len(x) == 20
    for f in spec.factors:
        assert x[f.name].between(f.low, f.high).all()
        if not f.integer:  # one draw in each twentieth of the range
            cells = np.floor((x[f.name] - f.low) / (f.high - f.low) * 20)
            assert sorted(cells.astype(int)) == list(range(20))
    assert x["arrivals"].dtype.kind == "i"
    pd.testing.assert_frame_equal(x, sample_futures(spec, 20, seed=7))
    assert not x.equals(sample_futures(spec, 20, seed=8))


def test_share_factor_keeps_shares_summing_to_one():
    spec = load_futures(None)
    families = next(f for f in spec.factors if f.name == "families")
    base = Params().model_dump(mode="json")
    a = apply_factor(base, families, 0.45)["arrivals"]
    keys = ["share_single_man", "share_single_woman", "share_couple", "share_family"]
    assert sum(a[k] for k in [*keys, "share_single_parent"]) == pytest.approx(1.0)
    assert a["share_single_man"] / a["share_couple"] == pytest.approx(0.52 / 0.05)


# ---- regret, misses, distribution ---------------------------------------------------------
def test_regret_is_best_minus_own_per_future():
    wide = pd.DataFrame({"base": [0.5, 0.7, 0.2], "a": [0.6, 0.6, np.nan], "b": [0.4, 0.9, 0.3]})
    regret = regret_table(wide)
    expected = pd.DataFrame({"base": [0.1, 0.2, 0.1], "a": [0.0, 0.3, np.nan], "b": [0.2, 0, 0]})
    pd.testing.assert_frame_equal(regret, expected, check_exact=False)
    assert np.nanmin(regret.to_numpy()) >= 0
    lower = regret_table(wide, higher_is_better=False)  # e.g. a cost: the lowest is best
    assert lower["base"].tolist() == pytest.approx([0.1, 0.1, 0.0])
    miss = missed(wide, 0.55)
    assert miss["a"].tolist() == [False, False, False]  # NaN never counts as a miss
    assert miss["base"].tolist() == [True, False, True]
    d = distribution([1.0, 2.0, 3.0, np.nan])
    assert d["mean"] == 2.0 and d["p50"] == 2.0 and d["p5"] == pytest.approx(1.1)


# ---- PRIM ---------------------------------------------------------------------------------
WORDS = {
    "x1": {"label": "openings", "unit": "× today", "plural": True},
    "x2": {"label": "arrivals", "unit": "persons a year", "plural": True},
}


def test_prim_finds_a_planted_box_and_says_it_in_words():
    rng = np.random.default_rng(3)
    x = pd.DataFrame(rng.random((200, 3)), columns=["x1", "x2", "x3"])
    misses = ((x.x1 < 0.3) & (x.x2 > 0.6)).to_numpy()
    found = discover(x, misses)
    assert found.status == "boxes" and found.misses == misses.sum()
    box = found.boxes[0]
    limits = {lim.factor: lim for lim in box.limits}
    assert set(limits) == {"x1", "x2"}
    assert limits["x1"].low is None and limits["x1"].high == pytest.approx(0.3, abs=0.05)
    assert limits["x2"].high is None and limits["x2"].low == pytest.approx(0.6, abs=0.05)
    assert box.coverage >= 0.9 and box.density >= 0.8
    (sentence, *_) = describe(found, "jobs_first", "60 % retention_5y", WORDS)
    assert sentence.startswith("jobs_first misses 60 % retention_5y in ")
    assert re.search(r"openings are below 0\.[23]\d* × today", sentence)
    assert re.search(r"arrivals are above 0\.[56]\d* persons a year", sentence)
    assert f"coverage {100 * box.coverage:.0f} %" in sentence
    assert f"density {100 * box.density:.0f} %" in sentence


def test_conditions_in_words():
    share = condition(Limit("f", 0.2, 0.35), "families", "share of households", plural=True)
    assert share == "families are between 20 % and 35 % of households"
    whole = condition(Limit("a", 9.5, None), "arrivals", "persons a year", True, integer=True)
    assert whole == "arrivals are at least 10 persons a year"
    assert condition(Limit("n", None, 0.8), "Nav's budget", "× today") == (
        "Nav's budget is below 0.8 × today"
    )


def test_prim_edge_cases_are_said_plainly():
    x = pd.DataFrame({"x1": np.linspace(0, 1, 10)})
    never = discover(x, np.zeros(10, bool))
    always = discover(x, np.ones(10, bool))
    assert (never.status, never.boxes, always.status) == ("never", [], "always")
    assert describe(never, "p", "the goal") == ["p never misses the goal in the 10 futures."]
    assert "every one of the 10 futures" in describe(always, "p", "the goal")[0]


# ---- the command --------------------------------------------------------------------------
def cli(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return stop.value.code, out, err


def package_args() -> list:
    return [a for p in PACKAGES for a in ("--package", p)]


def test_robustness_end_to_end_json_and_out(tmp_path, capsys):
    out = tmp_path / "out"
    code, stdout, _ = cli(
        capsys, "robustness", "sel", *package_args(), "--n-futures", 5, "--replications", 1,
        "--years", 3, "--outcome", "retention_2y", "--goal", 0.9, "--seed", 4, "--json",
        "--out", out,
    )  # fmt: skip
    assert code == 0
    summary = json.loads(stdout)
    assert summary["outcome"] == "retention_2y" and summary["goal"] == 0.9
    assert [a["name"] for a in summary["arms"]] == ["baseline", "jobs_first", "belonging"]
    assert summary["n_futures"] == 5 and len(summary["factors"]) == 5
    for arm in summary["arms"]:
        d = arm["distribution"]
        assert d["p5"] <= d["p50"] <= d["p95"] and not math.isnan(d["mean"])
        assert 0 <= arm["regret"]["mean"] <= arm["regret"]["max"]
        assert 0 <= arm["miss_share"] <= 1
        status = arm["discovery"]["status"]
        if status == "boxes":
            assert arm["discovery"]["boxes"] and "coverage" in arm["statements"][0]
        else:
            assert arm["statements"]  # a plain statement instead of a box
    assert min(a["regret"]["mean"] for a in summary["arms"]) >= 0
    assert {p.name for p in out.iterdir()} >= {
        "robustness.json",
        "futures.parquet",
        "robustness.png",
    }
    table = pd.read_parquet(out / "futures.parquet")
    assert len(table) == 15 and {"arm", "future", "regret", "misses_goal"} <= set(table.columns)


@pytest.mark.parametrize(
    "args, words",
    [
        (["--package", "no_such.toml"], "no such package file"),
        (["--futures", "BAD"], "unknown parameter path"),
        (["--outcome", "happiness"], "unknown outcome"),
        (["--futures", "WIDE"], "outside the allowed range"),
        (["--futures", "GARBAGE"], "not a text file"),
        (["--futures", "FOLDER"], "is a folder"),
        (["--outcome", "retention_5y", "--years", "3"], "at least 5 simulated years"),
        (["--goal", "1.5"], "from 0 to 1"),
        ([], "at least one --package"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(tmp_path, capsys, args, words):
    bad = futures_file(tmp_path, '[factors.x]\npaths = ["labour.nope"]\nrange = [0, 1]\n', "b.toml")
    wide = futures_file(tmp_path, '[factors.x]\npaths = ["years"]\nrange = [1, 99]\n', "w.toml")
    garbage = tmp_path / "g.toml"
    garbage.write_bytes(b"\xff\xfe\x00garbage")
    named = {"BAD": bad, "WIDE": wide, "GARBAGE": garbage, "FOLDER": tmp_path}
    args = [named.get(a, a) for a in args]
    pkgs = package_args() if words != "at least one --package" else []
    out = tmp_path / "out"
    code, stdout, err = cli(capsys, "robustness", "sel", *pkgs, "--years", 3,
                            "--outcome", "retention_2y", "--out", out, *args)  # fmt: skip
    assert code == 2 and stdout == ""
    assert words in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
