"""``bygdesim sweep``: designs, seeds, Parquet rows, resume after SIGKILL and SIGINT, workers."""

import json
import math
import signal

import pyarrow.parquet as pq
import pytest

from analysis.experiments.runner import replication_seed
from analysis.experiments.sweep import run_sweep
from analysis.experiments.sweep_spec import load_sweep
from model.outcomes import all_outcome_keys
from model.streams import derive_seed
from tests.experiments import (
    assert_parts_readable,
    call,
    kill_group,
    part_files,
    start_cli,
    wait_for_parts,
    write_sweep,
)

PARAMS = ["years", "levers.bridge_builders.count", "levers.early_nav.entry_month"]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The sweep run once, uninterrupted, with one worker: (sweep file, results table)."""
    folder = tmp_path_factory.mktemp("reference")
    path = write_sweep(folder)
    out = folder / "out"
    summary = run_sweep(load_sweep(path), out, workers=1, log=lambda _m: None)
    assert summary["computed"] == 24
    return path, pq.read_table(out / "results.parquet"), out


def test_rows_columns_and_seeds(reference):
    path, table, out = reference
    assert table.num_rows == 24
    assert table.column_names == ["run_id", "point_id", "replication", "seed", *PARAMS] + list(
        all_outcome_keys()
    )
    rows = table.to_pylist()
    assert [r["run_id"] for r in rows] == list(range(24))
    # grid in the order written: bridge-builders outer, Nav entry inner; 6 replications each
    points = [(r["levers.bridge_builders.count"], r["levers.early_nav.entry_month"]) for r in rows]
    assert points[::6] == [(0, 1), (0, 20), (2, 1), (2, 20)]
    for r in rows:
        assert r["point_id"] == r["run_id"] // 6 and r["replication"] == r["run_id"] % 6
        # common seeds: replication r runs on the seed compare and run use
        assert r["seed"] == replication_seed(11, r["replication"])
        assert r["years"] == 6
        assert 0.0 <= r["retention_1y"] <= 1.0
        assert r["retention_7y"] is None  # six years: nobody observed for seven (null, not NaN)
    # bridge-builders cost money; without them there is no bridge-builder cost
    assert all(r["lever_cost_total_nok"] > 0 for r in rows if r["levers.bridge_builders.count"])


def test_manifest_records_provenance(reference):
    path, _, out = reference
    m = json.loads((out / "manifest.json").read_text())
    assert m["status"] == "complete" and m["rows"] == 24
    assert m["sweep_file"] == str(path)
    assert m["sweep_file_text"] == path.read_text()
    import hashlib

    assert m["sweep_file_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert m["master_seed"] == 11 and m["common_seeds"] is True
    assert m["replication_seeds"] == [replication_seed(11, r) for r in range(6)]
    for pkg in ("mesa", "numpy", "networkx", "pydantic", "pyarrow"):
        assert m["packages"][pkg][0].isdigit(), pkg
    assert m["code_version"] and m["python"].startswith("3.")
    assert not (out / "parts").exists()  # consolidated: parts removed


def test_two_workers_give_identical_rows(reference, tmp_path):
    path, table, ref_out = reference
    out = tmp_path / "out2"
    run_sweep(load_sweep(path), out, workers=2, log=lambda _m: None)
    assert pq.read_table(out / "results.parquet").equals(table)
    # the consolidated file is byte-identical, however it was produced
    assert (out / "results.parquet").read_bytes() == (ref_out / "results.parquet").read_bytes()


def test_rerun_of_a_finished_sweep_computes_nothing(reference, tmp_path, capsys):
    path, table, ref_out = reference
    out = tmp_path / "again"
    run_sweep(load_sweep(path), out, workers=2, log=lambda _m: None)
    code, stdout, err = call(capsys, "sweep", path, "--out", out, "--json")
    assert code == 0, err
    summary = json.loads(stdout)
    assert summary["computed"] == 0 and summary["resumed"] == 24
    assert pq.read_table(out / "results.parquet").equals(table)
    # the command (not the computation) writes the summary page, with its figures
    html = (out / "report.html").read_text()
    assert html.count("data:image/png;base64,") >= 1


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_interrupted_sweep_resumes_to_identical_rows(reference, tmp_path, capsys, sig):
    path, table, ref_out = reference
    out = tmp_path / "out"
    proc = start_cli("sweep", path, "--out", out, "--workers", "2")
    stored = wait_for_parts(out, 3, proc)
    if sig == signal.SIGKILL:
        kill_group(proc, signal.SIGKILL)  # the sweep and its workers, at once
        assert proc.returncode == -signal.SIGKILL
    else:
        proc.send_signal(signal.SIGINT)  # Ctrl-C: the sweep only, as a terminal would deliver
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        assert "interrupted" in err and "run the same command again to resume" in err
    assert not (out / "results.parquet").exists()
    assert_parts_readable(out)
    saved = len(part_files(out))
    assert stored <= saved < 24
    m = json.loads((out / "manifest.json").read_text())
    assert m["status"] == "running"

    code, stdout, err = call(capsys, "sweep", path, "--out", out, "--workers", "2", "--json")
    assert code == 0, err
    summary = json.loads(stdout)
    assert summary["resumed"] == saved and summary["computed"] == 24 - saved
    assert pq.read_table(out / "results.parquet").equals(table)
    assert (out / "results.parquet").read_bytes() == (ref_out / "results.parquet").read_bytes()
    assert not list(out.rglob(".tmp-*"))


def test_lhs_design_integers_and_bounds(tmp_path):
    path = tmp_path / "lhs.toml"
    path.write_text(
        '[sweep]\nscenario = "vaga"\nreplications = 2\nseed = 4\ndesign = "lhs"\nsamples = 20\n'
        "[parameters]\nyears = 3\n"
        '"levers.bridge_builders.count" = [0, 3]\n'
        '"labour.hire_open" = [0.05, 0.2]\n'
    )
    sw = load_sweep(path)
    assert len(sw.points) == 20 and sw.n_runs == 40
    counts = [p["levers.bridge_builders.count"] for p in sw.points]
    assert all(isinstance(c, int) and 0 <= c <= 3 for c in counts)
    # floor of the integer cell: every integer in [0, 3] equally often (Latin hypercube: 5 each)
    assert sorted(counts) == [0] * 5 + [1] * 5 + [2] * 5 + [3] * 5
    hires = [p["labour.hire_open"] for p in sw.points]
    assert all(0.05 <= h <= 0.2 for h in hires)
    # a Latin hypercube: one point in each of the 20 strata
    assert sorted(math.floor((h - 0.05) / 0.15 * 20) for h in hires) == list(range(20))
    assert load_sweep(path).points == sw.points  # reproducible from the master seed


def test_sobol_design_size_and_independent_seeds(tmp_path):
    path = tmp_path / "sobol.toml"
    path.write_text(
        '[sweep]\nscenario = "vaga"\nreplications = 2\nseed = 4\ndesign = "sobol"\n'
        "samples = 8\ncommon_seeds = false\n[parameters]\nyears = 2\n"
        '"levers.mentor_scheme.mentors_per_year" = [0, 20]\n'
        '"social.tie_chance" = [0.1, 0.5]\n'
    )
    sw = load_sweep(path)
    assert len(sw.points) == 8 * (2 + 2)  # Saltelli, first-order and total indices
    assert sw.run(5).seed == derive_seed(4, "sweep-run", 2, 1)
    assert sw.run(5).seed != sw.run(7).seed


def test_sweep_report_with_sobol_indices(tmp_path, capsys):
    path = tmp_path / "sobol.toml"
    path.write_text(
        '[sweep]\nscenario = "vaga"\nreplications = 1\nseed = 4\ndesign = "sobol"\n'
        "samples = 4\n[parameters]\nyears = 6\n"
        '"labour.hire_open" = [0.0, 0.3]\n'
        '"moving.base_hazard" = [0.0, 0.1]\n'
    )
    out = tmp_path / "out"
    code, _, err = call(capsys, "sweep", path, "--out", out, "--workers", "2")
    assert code == 0, err
    html = (out / "report.html").read_text()
    assert "<h2>Sobol' indices of retention_5y</h2>" in html
    assert 'alt="sobol indices"' in html and 'alt="main effects"' in html


def test_example_sweep_files_validate(repo_root):
    files = sorted((repo_root / "scenarios" / "sweeps").glob("*.toml"))
    assert len(files) >= 3
    designs = {load_sweep(f).design for f in files}
    assert designs == {"grid", "lhs", "sobol"}
