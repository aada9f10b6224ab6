"""Calibration as inference (``calibrate --method abc``): the schema marks the uncertain
parameters, a tiny ABC-SMC run writes its posterior and the best particle, the validation page
shows priors against posteriors and the epsilon schedule."""

from __future__ import annotations

import json
import math
import shutil

import pyarrow.parquet as pq
import pytest

from analysis.experiments.calibration import CALIBRATION_SPACE, PER_PRESET_SPACE
from model.params import bounds, field_info, leaf_paths
from model.scenario import load_scenario
from tests.experiments import call

# the ranges the point calibration searched before they moved into the schema
EXPECTED = {
    "moving.base_hazard": (0.004, 0.06),
    "moving.employed": (0.005, 0.05),
    "moving.idle_per_month": (0.0, 0.3),
    "moving.ties_beta": (0.0, 0.3),
    "moving.co_ethnic_pull": (0.0, 3.0),
    "moving.job_elsewhere": (0.0, 4.0),
    "labour.refugee_consideration": (0.03, 0.9),
    "labour.hire_open": (0.05, 1.0),
    "labour.hire_trainee": (0.3, 3.0),
    "labour.hire_nav": (0.02, 1.0),
    "labour.local_applicants_per_opening": (1.0, 10.0),
    "language.class_gain": (0.08, 0.3),
    "services.education_entry_rate": (0.005, 0.08),
    "labour.separation_per_month": (0.005, 0.04),
}


def test_the_schema_marks_exactly_the_calibrated_parameters():
    marked = {p: field_info(p)[1]["prior"] for p in leaf_paths() if "prior" in field_info(p)[1]}
    assert marked == EXPECTED
    assert CALIBRATION_SPACE == EXPECTED  # derived from the marks: one source of truth
    for path, (lo, hi) in marked.items():
        low, high = bounds(field_info(path)[0])
        assert low <= lo < hi <= high, path  # a prior inside the field's bounds
    assert not set(PER_PRESET_SPACE) & set(marked)  # the residual keeps its own range


def copied_home(tmp_path, monkeypatch, repo_root):
    """The presets copied into ``tmp_path`` and the posterior folder there: an ABC run writes
    nothing into the repository."""
    shutil.copytree(repo_root / "scenarios", tmp_path / "scenarios")
    monkeypatch.setenv("BYGDESIM_SCENARIOS", str(tmp_path / "scenarios"))
    monkeypatch.setenv("BYGDESIM_POSTERIOR", str(tmp_path / "posterior"))


def test_a_tiny_abc_run_writes_the_posterior_and_the_best_particle(
    tmp_path, monkeypatch, capsys, repo_root
):
    copied_home(tmp_path, monkeypatch, repo_root)
    before = (repo_root / "scenarios" / "vaga.toml").read_text()
    code, out, err = call(
        capsys, "calibrate", "--method", "abc", "--preset", "vaga", "--population", "6",
        "--generations", "2", "--replications", "1", "--years", "3", "--workers", "2",
        "--seed", "5", "--json", "--even-if-outside",
    )  # fmt: skip
    assert code == 0, err
    assert "generation 0: epsilon" in err and "generation 1: epsilon" in err
    assert "left as they are" not in err
    result = json.loads(out)
    assert result["method"] == "abc" and result["written"] is True
    assert [g["t"] for g in result["generations"]] == [0, 1]

    table = pq.read_table(tmp_path / "posterior" / "posterior.parquet").to_pydict()
    priors = dict(CALIBRATION_SPACE) | {"vaga:moving.regional_pull": PER_PRESET_SPACE[
        "moving.regional_pull"]}  # fmt: skip
    assert {"particle", "weight", "distance", "best", *priors} <= set(table)
    assert any(c.startswith("mean|vaga|") for c in table)
    assert len(table["weight"]) == 6
    assert math.isclose(sum(table["weight"]), 1.0) and min(table["weight"]) >= 0
    for name, (lo, hi) in priors.items():
        assert all(lo <= v <= hi for v in table[name]), name
    assert sum(table["best"]) == 1

    manifest = json.loads((tmp_path / "posterior" / "manifest.json").read_text())
    for key in ("created", "provenance", "seed", "settings", "priors", "epsilon_schedule", "runs"):
        assert key in manifest, key
    assert manifest["seed"] == 5 and manifest["runs"] > 0
    assert 1.0 <= manifest["effective_sample_size"] <= 6.0
    settings = manifest["settings"]
    assert settings["screen_replications"] == 3 and settings["final_replications"] == 20
    # the local sampler counts the particles it stopped early (0 or more, never unknown)
    assert settings["cases_stopped_early"] >= 0
    # the runs counted: the sampling's (at most a full run per particle) and the final check's
    final_runs = 6 * 3 + 6 * 20  # the time left allows all six finalists
    assert settings["finalists"] == 6
    assert "6 closest with 20" in (tmp_path / "scenarios" / "vaga.toml").read_text()
    assert final_runs < manifest["runs"] <= settings["particles_simulated"] + final_runs
    assert manifest["provenance"]["packages"]["pyabc"]
    assert [g["t"] for g in manifest["epsilon_schedule"]] == [0, 1]
    assert manifest["priors"]["moving.base_hazard"] == [0.004, 0.06]

    # the best particle went into the (copied) preset, the repository's preset is untouched
    best = table["best"].index(True)
    params = load_scenario("vaga").params
    assert params.moving.base_hazard == pytest.approx(table["moving.base_hazard"][best], rel=1e-4)
    assert params.moving.regional_pull == pytest.approx(
        table["vaga:moving.regional_pull"][best], rel=1e-4
    )
    assert "ABC-SMC" in (tmp_path / "scenarios" / "vaga.toml").read_text()
    assert (repo_root / "scenarios" / "vaga.toml").read_text() == before

    # the validation page's section: priors against posteriors, and the epsilon schedule
    from analysis.reports.posterior import posterior_section

    section = "\n".join(posterior_section())
    assert section.count("data:image/png;base64,") == 2
    assert "epsilon" in section.lower()
    assert posterior_section(tmp_path / "nowhere") == []


def test_a_best_particle_outside_a_band_leaves_the_presets_alone(
    tmp_path, monkeypatch, capsys, repo_root
):
    """Three years cannot meet the ten-year targets: without --even-if-outside the presets stay
    as they were and the user is told why; the posterior is written all the same."""
    copied_home(tmp_path, monkeypatch, repo_root)
    before = (tmp_path / "scenarios" / "vaga.toml").read_text()
    code, out, err = call(
        capsys, "calibrate", "--method", "abc", "--preset", "vaga", "--population", "3",
        "--generations", "1", "--replications", "1", "--years", "3", "--workers", "1",
        "--seed", "5", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["written"] is False
    assert "left as they are" in err and "--even-if-outside" in err
    assert (tmp_path / "scenarios" / "vaga.toml").read_text() == before
    assert (tmp_path / "posterior" / "posterior.parquet").exists()


def test_the_write_decision():
    from analysis.cli.abc_command import write_decision

    assert write_decision(True, 0.4, True, False) == (True, "")
    assert write_decision(False, 2.9, True, True) == (True, "")
    assert write_decision(True, 0.4, False, True) == (False, "")  # --dry-run wins
    written, why = write_decision(False, 2.94, True, False)
    assert not written and "2.94" in why


def test_a_bad_method_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BYGDESIM_POSTERIOR", str(tmp_path / "posterior"))
    code, out, err = call(capsys, "calibrate", "--method", "mcmc", "--dry-run")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "--method mcmc" in err
    assert not (tmp_path / "posterior").exists()


def test_sampling_stops_before_the_next_generation_would_overrun_the_budget():
    from analysis.experiments.abc_smc import Generation, last_would_overrun

    g0 = Generation(0, math.inf, 1.0, 40, 100.0, 100.0)
    assert not last_would_overrun([g0], 301.0)  # the next one: about twice generation 0
    assert last_would_overrun([g0], 299.0)
    g1 = Generation(1, 10.0, 0.5, 80, 200.0, 300.0)
    g2 = Generation(2, 5.0, 0.25, 160, 400.0, 700.0)  # acceptance halved: twice the time
    assert not last_would_overrun([g0, g1, g2], 1501.0)
    assert last_would_overrun([g0, g1, g2], 1499.0)
    # the final check's runs are reserved too: 160 runs at 400 s / (160 particles x 4 runs)
    assert last_would_overrun([g0, g1, g2], 1501.0, particle_runs=4, final_runs=160)
    assert not last_would_overrun([g0, g1, g2], 1601.0, particle_runs=4, final_runs=160)


def test_a_generation_may_simulate_only_what_the_time_left_allows():
    from analysis.experiments.abc_smc import Generation, affordable_particles

    done = [Generation(0, math.inf, 1.0, 40, 100.0, 100.0)]  # 2.5 s a particle, 4 runs each
    assert affordable_particles(done, 600.0, 100.0, 4, 0) == pytest.approx(200.0)
    # the final check's 160 runs (100 s at 0.625 s a run) are kept aside
    assert affordable_particles(done, 600.0, 100.0, 4, 160) == pytest.approx(160.0)
    assert affordable_particles(done, 600.0, 700.0, 4, 0) == 0.0


def test_a_late_generation_that_stops_particles_early_keeps_the_run_time_of_generation_0():
    """With particles stopped early a late generation's seconds per particle fall, but a run of
    the final check takes what a full run took: generation 0's 0.625 s, not 0.1 s."""
    from analysis.experiments.abc_smc import Generation, last_would_overrun, seconds_per_run

    g0 = Generation(0, math.inf, 1.0, 40, 100.0, 100.0)  # 160 runs in 100 s
    g1 = Generation(1, 3.0, 0.5, 400, 160.0, 260.0)  # most stopped after one case
    assert seconds_per_run([g0, g1], 4) == pytest.approx(0.625)
    assert seconds_per_run([g0, g1], 0) == 0.0
    # acceptance halved: the next generation about 2 x 160 s after 260 s, then 160 final runs
    # at 0.625 s (100 s): 680 s
    assert last_would_overrun([g0, g1], 679.0, particle_runs=4, final_runs=160)
    assert not last_would_overrun([g0, g1], 681.0, particle_runs=4, final_runs=160)


def test_the_distance_of_the_cases_run_so_far_never_exceeds_the_full_distance():
    from analysis.experiments.calibration import distance, distance_at_least, load_targets

    targets = load_targets()
    means = {(t.case, t.outcome): t.high + 0.03 for t in targets}  # every one outside
    full, inside = distance(means, targets)
    assert not inside and distance_at_least(means, targets) == pytest.approx(full)
    seen = {k: v for k, v in means.items() if k[0] == "sel"}
    part = distance_at_least(seen, targets)
    assert 0 < part < full
    # the Nordre Land-below-Vågå penalty counts once both are known
    means[("vaga", "retention_5y")] = 0.70
    means[("nordre_land", "retention_5y")] = 0.60
    only = {k: means[k] for k in [("vaga", "retention_5y"), ("nordre_land", "retention_5y")]}
    assert distance_at_least(only, targets) >= (0.10 / 0.05) ** 2
    assert distance_at_least({("sel", "employment_rate_year_2"): math.nan}, targets) == math.inf
    assert distance_at_least({}, targets) == 0.0


def test_one_case_alone_gives_the_means_the_full_evaluation_gives():
    from analysis.experiments.calibration import (
        evaluate,
        evaluate_case,
        incumbent,
        load_targets,
        wanted_outcomes,
    )
    from analysis.experiments.executors import SequentialExecutor

    targets = [t for t in load_targets() if t.preset == "vaga"]
    point = incumbent(["vaga"]) | {"years": 3}
    (full,) = evaluate([point], ["vaga"], targets, 2, 11, SequentialExecutor())
    alone = evaluate_case(
        point, "vaga", None, wanted_outcomes(targets), 2, 11, SequentialExecutor()
    )
    same_case = {k: v for k, v in full.means.items() if k[0] == "vaga"}
    assert alone.keys() == same_case.keys()
    for k, v in alone.items():  # equal, or both not measured in three years
        assert v == same_case[k] or (math.isnan(v) and math.isnan(same_case[k])), k
    assert not math.isnan(alone[("vaga", "employment_rate_year_2")])


def test_a_particle_stops_at_the_first_case_that_puts_it_beyond_epsilon():
    """Early rejection (abc_model.ParticleModel): at epsilon 0 a particle runs one case and is
    rejected; at an infinite epsilon it runs every case and reports the same means and distance
    as the full evaluation on its seeds."""
    import functools
    import multiprocessing as mp

    from analysis.experiments.abc_model import ParticleModel, case_order
    from analysis.experiments.abc_smc import particle_seed
    from analysis.experiments.abc_statistics import stat_name
    from analysis.experiments.calibration import distance, evaluate, incumbent, load_targets
    from analysis.experiments.executors import SequentialExecutor

    presets = ["sel", "vaga"]
    targets = [t for t in load_targets() if t.preset in presets]
    order = case_order(targets, presets)
    # most targets first: Vågå 6, Sel 5 (its retention target is the 2012 case), then 1
    assert [c for c, _ in order] == ["vaga", "sel", "sel:sel_retention_5y"]
    model = ParticleModel(presets, targets, 1, functools.partial(particle_seed, 3), {"years": 6})
    model.counters = (mp.Value("q", 0), mp.Value("q", 0))
    point = incumbent(presets)

    rejected = model.integrated_simulate(point, 0.0)
    assert not rejected.accepted
    assert model.counters[0].value == 1 and model.counters[1].value == 1  # one case, one stop

    full = model.integrated_simulate(point, math.inf)
    assert model.counters[0].value == 1 + len(order) and model.counters[1].value == 1
    seed = particle_seed(3, point)
    (ev,) = evaluate([point | {"years": 6}], presets, targets, 1, seed, SequentialExecutor())
    expected = {stat_name(*k): v for k, v in ev.means.items()}
    assert full.sum_stat.keys() == expected.keys()
    for k, v in full.sum_stat.items():  # equal, or both not measured in six years
        assert v == expected[k] or (math.isnan(v) and math.isnan(expected[k])), k
    d, _ = distance(ev.means, targets)
    assert full.accepted and full.distance == pytest.approx(d if math.isfinite(d) else 1e9)


def test_the_proposal_kernel_never_collapses_when_one_particle_holds_the_weight():
    """pyabc's normal kernel with the weights on one particle has a singular covariance and
    density 0 off its subspace (weights then divide by 0: "total weight nan"). The floored
    kernel equals it where the floor is 0 and keeps a positive density everywhere."""
    import numpy as np
    import pandas as pd
    from pyabc.transition import MultivariateNormalTransition

    from analysis.experiments.abc_model import FlooredNormalTransition

    rng = np.random.default_rng(4)
    X = pd.DataFrame({"a": rng.uniform(0, 1, 12), "b": rng.uniform(0, 5, 12)})
    w = np.full(12, 1 / 12)
    plain, floored = MultivariateNormalTransition(), FlooredNormalTransition({"a": 0.0, "b": 0.0})
    plain.fit(X, w)
    floored.fit(X, w)
    point = pd.Series({"a": 0.4, "b": 2.0})
    assert floored.pdf(point) == pytest.approx(plain.pdf(point), rel=1e-9)

    # the particles agree on b: the kernel has no spread in b
    X2 = pd.DataFrame({"a": [0.2, 0.3, 0.25], "b": [1.0, 1.0, 1.0]})
    w2 = np.full(3, 1 / 3)
    plain.fit(X2, w2)
    floored = FlooredNormalTransition({"a": 0.01, "b": 0.05})
    floored.fit(X2, w2)
    off = pd.Series({"a": 0.21, "b": 1.02})
    assert plain.pdf(off) == 0.0  # the collapse
    dens = floored.pdf(off)
    assert 0 < dens < math.inf
    assert floored.cov[1, 1] == pytest.approx(0.05**2)
    assert floored.cov[0, 0] == pytest.approx(plain.cov[0, 0] + 0.01**2)


def test_the_final_check_runs_as_many_finalists_as_the_time_left_allows():
    from analysis.experiments.abc_smc import finalists

    assert finalists(600.0, 40.0, 60) == 15  # 15 particles of 40 s in 10 minutes
    assert finalists(100.0, 40.0, 60) == 5  # never fewer than FINAL_TOP
    assert finalists(-30.0, 40.0, 60) == 5  # over time already: still FINAL_TOP
    assert finalists(10_000.0, 40.0, 60) == 60  # never more than the particles
    assert finalists(10_000.0, 40.0, 3) == 3


def _write_posterior(folder, weights):
    import pyarrow as pa

    folder.mkdir(parents=True)
    n = len(weights)
    table = {
        "particle": list(range(n)),
        "weight": weights,
        "distance": [1.0] * n,
        "best": [i == 0 for i in range(n)],
        "moving.base_hazard": [0.01 + 0.001 * i for i in range(n)],
    }
    pq.write_table(pa.table(table), folder / "posterior.parquet")
    manifest = {
        "parameters": ["moving.base_hazard"],
        "priors": {"moving.base_hazard": [0.004, 0.06]},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_the_validation_page_warns_when_the_weights_rest_on_few_particles(tmp_path):
    from analysis.experiments.posterior import effective_sample_size, read_posterior
    from analysis.reports.posterior import posterior_section

    assert effective_sample_size([0.25] * 4) == pytest.approx(4.0)
    assert effective_sample_size([1.0, 0.0, 0.0]) == pytest.approx(1.0)
    assert effective_sample_size([2.0, 2.0]) == pytest.approx(2.0)  # normalised first

    even, peaked = tmp_path / "even", tmp_path / "peaked"
    _write_posterior(even, [0.05] * 20)
    _write_posterior(peaked, [0.905] + [0.005] * 19)
    assert read_posterior(even).effective_sample_size == pytest.approx(20.0)
    assert read_posterior(peaked).effective_sample_size < 2.0
    calm, warned = "\n".join(posterior_section(even)), "\n".join(posterior_section(peaked))
    assert "effective sample size 20.0" in calm and "rest on few particles" not in calm
    assert "rest on few particles" in warned
