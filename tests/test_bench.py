"""``bygdesim bench``: the keys of ``--json`` and what they are computed from, bad input, and
progress on stderr. Sizes are monkeypatched down so each test takes seconds; no test asserts a
timing (the figures are measured, never enforced)."""

from __future__ import annotations

import json
import math
import statistics
import zlib

import numpy as np
import pytest

from analysis.bench import crn, suite
from analysis.bench import sweep as bench_sweep
from analysis.experiments.runner import Results, replication_seeds
from tests.experiments import call


@pytest.fixture
def tiny(monkeypatch):
    """The sweep group at test size: 4 points x 1 replication, 2 years; CRN on Vågå, 6 years,
    3 replications."""
    monkeypatch.setattr(bench_sweep, "SWEEP_REPLICATIONS", 1)
    monkeypatch.setattr(bench_sweep, "BATCH_RUN_REPLICATIONS", 1)
    monkeypatch.setattr(bench_sweep, "YEARS", 2)
    monkeypatch.setattr(crn, "SCENARIO", "vaga")
    monkeypatch.setattr(crn, "YEARS", 6)
    monkeypatch.setattr(crn, "REPLICATIONS", 3)


# ---- bad input: one line, exit status 2, nothing measured or written --------------------------
@pytest.mark.parametrize("only", ["nope", "model,nope", ","])
def test_unknown_group_is_refused_before_anything_runs(capsys, monkeypatch, only):
    ran = []
    monkeypatch.setitem(suite.GROUPS, "model", lambda repeats: ran.append(repeats) or {"x": 1})
    code, out, err = call(capsys, "bench", "--only", only, "--json")
    assert code == 2
    assert out == ""
    assert ran == []
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bygdesim: error: --only: unknown benchmark")
    assert "have model, sweep, dashboard" in lines[0]


@pytest.mark.parametrize("repeats", ["0", "-1", "51", "many"])
def test_repeats_out_of_range_is_refused(capsys, monkeypatch, repeats):
    ran = []
    monkeypatch.setitem(suite.GROUPS, "model", lambda r: ran.append(r) or {"x": 1})
    code, out, err = call(capsys, "bench", "--only", "model", "--repeats", repeats, "--json")
    assert code == 2
    assert out == "" and ran == []
    assert len(err.strip().splitlines()) == 1 and "--repeats" in err


def test_run_benchmarks_refuses_zero_repeats_itself():
    from analysis.cli.options import BadInput

    with pytest.raises(BadInput, match="--repeats"):
        suite.run_benchmarks(repeats=0, groups=["model"])


# ---- the sweep group end to end, at test size -------------------------------------------------
def test_bench_sweep_json_keys_types_and_values(capsys, monkeypatch, tiny):
    from analysis.experiments import sweep as engine

    summaries = []
    real_run_sweep = engine.run_sweep

    def spy(sweep, out, workers=None, **kw):
        summary = real_run_sweep(sweep, out, workers=workers, **kw)
        summaries.append(summary)
        return summary

    monkeypatch.setattr(engine, "run_sweep", spy)
    samples = []
    real_sample = crn.crn_sample

    def keep(*a, **kw):
        samples.append(real_sample(*a, **kw))
        return samples[-1]

    monkeypatch.setattr(crn, "crn_sample", keep)

    code, out, err = call(capsys, "bench", "--only", "sweep", "--json")
    assert code == 0, err
    data = json.loads(out)
    expected = {
        "sweep_runs": int,
        "sweep_runs_per_second_1_worker": float,
        "sweep_runs_per_second_2_workers": float,
        "sweep_speedup_2_workers": float,
        "sweep_cpu_seconds_per_run_1_worker": float,
        "sweep_cpu_seconds_per_run_2_workers": float,
        "load_average_before": float,
        "cpus": int,
        "mesa_batch_run_runs": int,
        "mesa_batch_run_runs_per_second": float,
        "speedup_vs_batch_run": float,
        "crn_scenario": str,
        "crn_replications": int,
        "crn_variance_ratio": float,
    }
    for lever in crn.LEVERS:
        expected[f"crn_variance_ratio.{lever}"] = (float, type(None))  # null: infinite
        expected[f"crn_variance_ratio_ci95.{lever}"] = list
        expected[f"crn_effect_mean.{lever}"] = float
    assert set(data) == set(expected)
    for key, kind in expected.items():
        assert isinstance(data[key], kind), (key, data[key])

    # the sweep ran through the sweep engine, exactly 4 points x 1 replication, once per worker
    assert [s["workers"] for s in summaries] == [1, 2]
    assert [s["computed"] for s in summaries] == [4, 4]
    assert [s["runs"] for s in summaries] == [4, 4]
    assert data["sweep_runs"] == 4
    assert data["mesa_batch_run_runs"] == 4
    r1, r2 = data["sweep_runs_per_second_1_worker"], data["sweep_runs_per_second_2_workers"]
    assert r1 > 0 and r2 > 0
    assert data["sweep_speedup_2_workers"] == pytest.approx(r2 / r1, rel=5e-3, abs=2e-3)

    # the CRN figures are the sample's: var(unpaired) / var(paired), median over the levers
    (sample,) = samples
    assert data["crn_scenario"] == "vaga" and data["crn_replications"] == 3
    ratios = {}
    for lever in crn.LEVERS:
        paired = sample.common[lever] - sample.baseline
        unpaired = sample.independent[lever] - sample.baseline
        if np.var(paired) == 0:  # a lever that changed nothing in these few short runs
            ratios[lever] = math.inf
            assert data[f"crn_variance_ratio.{lever}"] is None
            continue
        ratios[lever] = np.var(unpaired, ddof=1) / np.var(paired, ddof=1)
        assert data[f"crn_variance_ratio.{lever}"] == pytest.approx(ratios[lever], abs=1e-3)
        lo, hi = data[f"crn_variance_ratio_ci95.{lever}"]
        assert lo is not None and (hi is None or lo <= hi)  # None: infinite
    median = statistics.median(ratios.values())
    if math.isinf(median):
        assert data["crn_variance_ratio"] is None
    else:
        assert data["crn_variance_ratio"] == pytest.approx(median, abs=1e-3)

    # progress on stderr, nothing but the JSON on stdout
    assert "sweep of 4 runs (vaga, 2 years) with 1 worker" in err
    assert "with 2 workers" in err
    assert "common random numbers: 21 runs" in err
    assert out.count("\n") == 1


def test_text_output_prints_one_line_per_key(capsys, monkeypatch):
    monkeypatch.setitem(suite.GROUPS, "model", lambda r: {"a_key": 1.5, "crn_variance_ratio.x": 2})
    code, out, _ = call(capsys, "bench", "--only", "model")
    assert code == 0
    assert out.splitlines() == [f"{'a_key':40s} 1.5", f"{'crn_variance_ratio.x':40s} 2"]


# ---- throughput keys from known timings --------------------------------------------------------
def test_throughput_rates_and_speedup_from_the_measured_runs(monkeypatch):
    fake = {1: {"runs": 160, "seconds": 80.0, "cpu_seconds": 78.0}}
    fake[2] = {"runs": 160, "seconds": 50.0, "cpu_seconds": 90.0}
    monkeypatch.setattr(bench_sweep, "sweep_rate", lambda folder, w: fake[w])
    monkeypatch.setattr(bench_sweep, "batch_run_rate", lambda folder: {"runs": 40, "seconds": 40})
    monkeypatch.setattr(bench_sweep, "simulate", lambda task: {})
    out = bench_sweep.throughput()
    assert out["sweep_runs"] == 160
    assert out["sweep_runs_per_second_1_worker"] == 2.0
    assert out["sweep_runs_per_second_2_workers"] == 3.2
    assert out["sweep_speedup_2_workers"] == 1.6
    assert out["sweep_cpu_seconds_per_run_1_worker"] == round(78 / 160, 4)
    assert out["sweep_cpu_seconds_per_run_2_workers"] == round(90 / 160, 4)
    assert out["mesa_batch_run_runs_per_second"] == 1.0
    assert out["speedup_vs_batch_run"] == 2.0


def test_throughput_refuses_sweeps_of_different_sizes(monkeypatch):
    fake = {1: {"runs": 160, "seconds": 1.0, "cpu_seconds": 1.0}}
    fake[2] = {"runs": 159, "seconds": 1.0, "cpu_seconds": 1.0}
    monkeypatch.setattr(bench_sweep, "sweep_rate", lambda folder, w: fake[w])
    monkeypatch.setattr(bench_sweep, "batch_run_rate", lambda folder: {"runs": 4, "seconds": 1})
    monkeypatch.setattr(bench_sweep, "simulate", lambda task: {})
    with pytest.raises(RuntimeError, match="different numbers of runs"):
        bench_sweep.throughput()


def test_the_throughput_grid_is_160_runs(tmp_path):
    from analysis.experiments.sweep_spec import load_sweep

    path = tmp_path / "bench.toml"
    path.write_text(bench_sweep.grid_toml(bench_sweep.SWEEP_REPLICATIONS))
    sweep = load_sweep(path)
    assert sweep.n_runs == 160 and len(sweep.points) * sweep.replications == 160
    assert sweep.point_params(0)["years"] == 10


# ---- the CRN ratio on a design whose answer is known -------------------------------------------
def fake_runs(design, workers=None, progress=None):
    """retention_5y = a large part fixed by the seed + the lever's effect + a small part fixed by
    (lever, seed): runs on a shared seed differ by little, runs on other seeds by much."""
    design = list(design)

    def noise(*key) -> float:
        return float(np.random.default_rng(zlib.crc32(repr(key).encode())).normal())

    outcomes = []
    for e in design:
        lever = "baseline" if e.label == "baseline" else e.label[0]
        effect = 0.0 if lever == "baseline" else 0.05 * (1 + crn.LEVERS.index(lever))
        small = 0.0 if lever == "baseline" else 0.01 * noise(lever, e.seed)
        outcomes.append({"retention_5y": 0.6 + 0.1 * noise("seed", e.seed) + effect + small})
    if progress:
        progress(len(design), len(design))
    return Results(design, outcomes)


def test_crn_ratio_is_unpaired_over_paired_variance_on_shared_baseline(monkeypatch):
    designs = []

    def fake(design, **kw):
        designs.append(list(design))
        return fake_runs(designs[-1], **kw)

    monkeypatch.setattr(crn, "perform_experiments", fake)
    n = 12
    sample = crn.crn_sample("vaga", n, workers=1)
    (design,) = designs
    seeds = {}
    for e in design:
        seeds.setdefault(e.label, []).append(e.seed)
    common = replication_seeds(crn.MASTER_SEED, n)
    assert seeds["baseline"] == common
    assert len(design) == (1 + 2 * len(crn.LEVERS)) * n  # one baseline for all levers
    for lever in crn.LEVERS:
        assert seeds[(lever, "common")] == common
        assert not set(seeds[(lever, "independent")]) & set(common)

    rerun = fake_runs(design)
    outcome = {
        (e.label, e.seed): r["retention_5y"]
        for e, r in zip(rerun.experiments, rerun.outcomes, strict=True)
    }
    base = np.array([outcome["baseline", s] for s in common])
    figures = crn.crn_figures(sample, "vaga")
    for lever in crn.LEVERS:
        lever_common = np.array([outcome[(lever, "common"), s] for s in common])
        lever_ind = np.array(
            [outcome[(lever, "independent"), s] for s in seeds[(lever, "independent")]]
        )
        paired, unpaired = lever_common - base, lever_ind - base
        np.testing.assert_allclose(sample.paired(lever), paired)
        np.testing.assert_allclose(sample.unpaired(lever), unpaired)
        expected = np.var(unpaired, ddof=1) / np.var(paired, ddof=1)
        assert sample.ratio(lever) == pytest.approx(expected)
        assert expected > 10  # the seed's part cancels only when paired
        assert figures[f"crn_variance_ratio.{lever}"] == round(expected, 3)
        lo, hi = figures[f"crn_variance_ratio_ci95.{lever}"]
        assert lo <= figures[f"crn_variance_ratio.{lever}"] <= hi
        assert figures[f"crn_effect_mean.{lever}"] == round(float(paired.mean()), 4)
    assert figures["crn_replications"] == n


def test_variance_ratio_edge_cases():
    assert crn.variance_ratio(np.array([1.0, 1.0, 1.0]), np.array([0.0, 1.0, 2.0])) == math.inf
    assert crn.variance_ratio(np.array([0.0, 2.0]), np.array([0.0, 4.0])) == 4.0
