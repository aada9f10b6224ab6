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


def test_a_tiny_abc_run_writes_the_posterior_and_the_best_particle(
    tmp_path, monkeypatch, capsys, repo_root
):
    shutil.copytree(repo_root / "scenarios", tmp_path / "scenarios")
    monkeypatch.setenv("BYGDESIM_SCENARIOS", str(tmp_path / "scenarios"))
    monkeypatch.setenv("BYGDESIM_POSTERIOR", str(tmp_path / "posterior"))
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
    shutil.copytree(repo_root / "scenarios", tmp_path / "scenarios")
    monkeypatch.setenv("BYGDESIM_SCENARIOS", str(tmp_path / "scenarios"))
    monkeypatch.setenv("BYGDESIM_POSTERIOR", str(tmp_path / "posterior"))
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
