"""Comparisons across the posterior (``compare --posterior K``): per arm the chance of a
positive effect and of a stated size, intervals that carry parameter and stochastic
uncertainty, and a one-line exit 2 when there is no posterior."""

from __future__ import annotations

import json
import math

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from scipy import stats

from analysis.experiments.calibration import CALIBRATION_SPACE
from analysis.experiments.posterior_compare import mixture_above, mixture_quantiles
from model.scenario import load_scenario
from tests.experiments import call

KEY = "employment_rate_year_2"  # measured within three simulated years
ARGS = ("compare", "vaga", "--levers", "municipal_jobs,early_nav", "--years", "3",
        "--outcome", KEY, "--workers", "2", "--seed", "4", "--json")  # fmt: skip


def write_synthetic_posterior(folder, n=4, weights=(0.1, 0.2, 0.3, 0.4)):
    """A hand-made posterior: the presets' values, with the chance an opening considers a
    refugee and the hire weights spread wide (so the draws differ), weights unequal."""
    folder.mkdir(parents=True)
    params = load_scenario("vaga").params
    names = [*CALIBRATION_SPACE, "vaga:moving.regional_pull"]
    rows = []
    for i in range(n):
        row = {
            "particle": i,
            "weight": weights[i],
            "distance": 1.0 + i,
            "best": i == 3,
        }
        for name in names:
            section, field = name.split(":")[-1].split(".")
            row[name] = float(getattr(getattr(params, section), field))
        row["labour.refugee_consideration"] = [0.05, 0.3, 0.6, 0.9][i]
        row["labour.hire_open"] = [0.05, 0.3, 0.6, 1.0][i]
        rows.append(row)
    pq.write_table(pa.Table.from_pylist(rows), folder / "posterior.parquet")
    priors = dict(CALIBRATION_SPACE) | {"vaga:moving.regional_pull": (0.8, 1.25)}
    manifest = {"created": "2026-11-30T00:00:00+00:00", "parameters": names, "seed": 1,
                "priors": {k: list(v) for k, v in priors.items()}, "runs": 0}  # fmt: skip
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_the_mixture_is_a_normal_when_it_has_one_component():
    m, s = np.array([0.1]), np.array([0.05])
    lo, hi = mixture_quantiles(m, s, (0.025, 0.975))
    assert lo == pytest.approx(stats.norm.ppf(0.025, 0.1, 0.05), abs=1e-6)
    assert hi == pytest.approx(stats.norm.ppf(0.975, 0.1, 0.05), abs=1e-6)
    assert mixture_above(m, s, 0.0) == pytest.approx(stats.norm.sf(0, 0.1, 0.05))
    # two far-apart draws: the interval spans both, each holds half the mass
    lo, hi = mixture_quantiles(np.array([-1.0, 1.0]), np.array([0.01, 0.01]), (0.025, 0.975))
    assert lo < -0.99 and hi > 0.99
    assert mixture_above(np.array([-1.0, 1.0]), np.array([0.01, 0.01]), 0.0) == pytest.approx(0.5)
    # no spread at all: point masses
    assert mixture_above(np.array([0.0, 0.2]), np.array([0.0, 0.0]), 0.0) == 0.5
    assert mixture_above(np.array([0.0, 0.2]), np.array([0.0, 0.0]), 0.2, inclusive=True) == 0.5


def test_compare_across_the_posterior_gives_chances_and_wider_intervals(
    tmp_path, monkeypatch, capsys
):
    write_synthetic_posterior(tmp_path / "posterior")
    monkeypatch.setenv("BYGDESIM_POSTERIOR", str(tmp_path / "posterior"))
    code, out, err = call(
        capsys, *ARGS, "--posterior", "3", "--replications", "4", "--at-least", "0.05",
        "--out", str(tmp_path / "out"),
    )  # fmt: skip
    assert code == 0, err
    across = json.loads(out)
    assert across["posterior"]["draws"] == 3 and across["posterior"]["at_least"] == 0.05
    assert across["replications"] == 12  # 3 draws x 4 paired replications
    # the point-calibrated comparison on as many replications
    code, out, err = call(capsys, *ARGS, "--replications", "12")
    assert code == 0, err
    point = json.loads(out)
    for name in ("municipal_jobs", "early_nav"):
        block = across["levers"][name]["posterior"]
        assert set(block) == {"p_positive", "p_at_least", "effect", "cost_per_retained_adult_nok"}
        assert 0.0 <= block["p_positive"] <= 1.0
        assert 0.0 <= block["p_at_least"] <= block["p_positive"] + 1e-12
        eff = block["effect"]
        assert eff["low"] <= eff["mean"] <= eff["high"]
        lo, hi = point["levers"][name]["effect"][KEY]["ci95"]
        assert eff["high"] - eff["low"] >= hi - lo, name
        assert set(block["cost_per_retained_adult_nok"]) == {"mean", "low", "high"}
    html = (tmp_path / "out" / "report.html").read_text()
    assert "Across the posterior" in html and "P(effect &gt; 0)" in html
    stored = json.loads((tmp_path / "out" / "compare.json").read_text())
    assert stored["levers"]["early_nav"]["posterior"]["p_positive"] == pytest.approx(
        across["levers"]["early_nav"]["posterior"]["p_positive"]
    )
    assert not math.isnan(across["levers"]["early_nav"]["posterior"]["p_positive"])
    meta = across["posterior"]
    ess = 1 / sum(w * w for w in (0.1, 0.2, 0.3, 0.4))
    assert meta["effective_sample_size"] == pytest.approx(ess, abs=0.01)
    assert 1 <= meta["distinct_draws"] <= 3


def test_draws_that_repeat_one_parameter_set_say_so(tmp_path, monkeypatch, capsys):
    """A posterior whose weight sits on one particle: the draws repeat it, and the report and
    the table say that the intervals carry little of the parameter uncertainty."""
    from analysis.reports.compare import few_draws_note

    write_synthetic_posterior(tmp_path / "posterior", weights=(0.0, 0.0, 0.0, 1.0))
    monkeypatch.setenv("BYGDESIM_POSTERIOR", str(tmp_path / "posterior"))
    args = [a for a in ARGS if a != "--json"]
    code, out, err = call(
        capsys, *args, "--posterior", "4", "--replications", "2", "--out", str(tmp_path / "o")
    )
    assert code == 0, err
    assert "only 1 distinct parameter sets" in " ".join(out.split())
    html = (tmp_path / "o" / "report.html").read_text()
    assert "only 1 distinct parameter sets" in html and "effective sample size is 1.0" in html
    assert few_draws_note({"draws": 20, "distinct_draws": 11}) == ""  # more than half distinct
    assert few_draws_note({"draws": 20, "distinct_draws": 10, "effective_sample_size": 3.2})


def test_no_posterior_is_one_line_and_exit_2_with_nothing_written(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BYGDESIM_POSTERIOR", str(tmp_path / "none"))
    code, out, err = call(capsys, *ARGS, "--posterior", "3", "--out", str(tmp_path / "out"))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "no posterior sample" in err
    assert not (tmp_path / "out").exists()
    code, out, err = call(capsys, *ARGS, "--at-least", "0.05")
    assert code == 2 and "--at-least" in err and "needs --posterior" in err


def test_the_dashboard_table_shows_the_chances_only_when_present():
    from analysis.dashboard.compare_view import posterior_rows
    from analysis.dashboard.live_compare import Snapshot

    snap = Snapshot(labels=["a", "b"], replications=2, headline="retention_5y")
    assert posterior_rows(snap, "en") == []
    snap.posterior = {"a": {"p_positive": 0.7, "p_at_least": 0.2}, "b": {"p_positive": 0.4}}
    (row,) = posterior_rows(snap, "en")
    assert "70 %" in row and "40 %" in row
    snap.posterior_size = 0.05
    rows = posterior_rows(snap, "en")
    assert len(rows) == 2 and "20 %" in rows[1]
