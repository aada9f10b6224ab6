"""A sweep's --out folder: locked while a sweep runs (a second sweep into it is refused), a
resume of rows that other model code or package versions made is refused unless
--allow-code-change (recorded in the manifest), and a sweep resumes from any point after it
created the folder, including one killed just after creating ``parts/``."""

import json
import signal

import pytest

from analysis.experiments.out_folder import FolderLock
from analysis.experiments.sweep import new_manifest, run_sweep
from analysis.experiments.sweep_spec import load_sweep
from analysis.provenance import TMP_PREFIX, atomic_write_json, environment
from tests.experiments import (
    call,
    kill_group,
    part_files,
    snapshot,
    start_cli,
    wait_for_parts,
    write_sweep,
)

N_RUNS = 8  # 4 points x 2 replications, Vågå for six years


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The sweep run once, uninterrupted: (sweep file, results.parquet bytes)."""
    folder = tmp_path_factory.mktemp("reference")
    path = write_sweep(folder, reps=2)
    out = folder / "out"
    summary = run_sweep(load_sweep(path), out, workers=1, log=lambda _m: None)
    assert summary["computed"] == N_RUNS
    return path, (out / "results.parquet").read_bytes()


def _one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, repr(err)
    return err


class StopAfter:
    """A progress callback that interrupts the sweep after ``n`` stored runs, as Ctrl-C does."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __call__(self, done: int, total: int) -> None:
        if done >= self.n:
            raise KeyboardInterrupt


def _partial(path, out, n: int = 3) -> None:
    """``out`` holding an unfinished sweep with ``n`` runs stored."""
    with pytest.raises(KeyboardInterrupt):
        run_sweep(load_sweep(path), out, workers=1, progress=StopAfter(n), log=lambda _m: None)
    assert len(part_files(out)) == n
    assert json.loads((out / "manifest.json").read_text())["status"] == "running"


def _edit_manifest(out, **changes) -> dict:
    m = json.loads((out / "manifest.json").read_text())
    for key, value in changes.items():
        if key == "packages":
            m["packages"] = {**m["packages"], **value}
        else:
            m[key] = value
    (out / "manifest.json").write_text(json.dumps(m, indent=2))
    return m


# ---- the lock ---------------------------------------------------------------------------------
def test_a_second_sweep_into_a_locked_folder_is_refused(reference, tmp_path, capsys):
    path, _ = reference
    out = tmp_path / "out"
    _partial(path, out)
    with FolderLock(out):  # as a running sweep holds it
        before = snapshot(out)
        code, stdout, err = call(capsys, "sweep", path, "--out", out, "--workers", "1")
        assert snapshot(out) == before  # nothing written, the running sweep's runs untouched
    assert code == 2
    line = _one_line(err)
    assert str(out) in line and "another sweep is running in this folder" in line
    assert stdout == ""


def test_two_sweeps_into_one_folder_one_runs_the_other_is_refused(reference, tmp_path, capsys):
    path, ref_bytes = reference
    out = tmp_path / "out"
    first = start_cli("sweep", path, "--out", out, "--workers", "1")
    try:
        wait_for_parts(out, 1, first)
        first.send_signal(signal.SIGSTOP)  # hold it mid-sweep, lock held, for a certain answer
        try:
            code, _, err = call(capsys, "sweep", path, "--out", out, "--workers", "1")
        finally:
            first.send_signal(signal.SIGCONT)
        assert code == 2
        line = _one_line(err)
        assert "another sweep is running" in line and f"(process {first.pid})" in line
        _, first_err = first.communicate(timeout=240)
    finally:
        if first.poll() is None:
            kill_group(first)
    assert first.returncode == 0, first_err
    assert (out / "results.parquet").read_bytes() == ref_bytes


def test_a_killed_sweep_leaves_no_lock_behind(reference, tmp_path, capsys):
    path, ref_bytes = reference
    out = tmp_path / "out"
    proc = start_cli("sweep", path, "--out", out, "--workers", "1")
    wait_for_parts(out, 1, proc)
    kill_group(proc, signal.SIGKILL)
    assert (out / ".lock").exists()  # the file stays; the kernel dropped the lock
    code, _, err = call(capsys, "sweep", path, "--out", out, "--workers", "1")
    assert code == 0, err
    assert (out / "results.parquet").read_bytes() == ref_bytes


# ---- code and package versions -----------------------------------------------------------------
def test_resume_after_a_model_code_change_is_refused_naming_both_versions(
    reference, tmp_path, capsys
):
    path, _ = reference
    out = tmp_path / "out"
    _partial(path, out)
    _edit_manifest(out, code_version="0.0.9+git.0ld0ld0", model_code_sha256="ab" * 32)
    before = snapshot(out)
    code, stdout, err = call(capsys, "sweep", path, "--out", out, "--workers", "1")
    assert code == 2
    line = _one_line(err)
    now = environment()
    assert "the code changed since this sweep began" in line
    assert "0.0.9+git.0ld0ld0" in line and "abababababab" in line  # the manifest's version
    assert now["code_version"] in line and now["model_code_sha256"][:12] in line  # and ours
    assert "--allow-code-change" in line
    assert stdout == "" and snapshot(out) == before


def test_resume_after_a_package_upgrade_is_refused(reference, tmp_path, capsys):
    path, _ = reference
    out = tmp_path / "out"
    _partial(path, out)
    _edit_manifest(out, packages={"numpy": "1.0.0"})
    before = snapshot(out)
    code, _, err = call(capsys, "sweep", path, "--out", out, "--workers", "1")
    assert code == 2
    assert f"numpy 1.0.0 -> {environment()['packages']['numpy']}" in _one_line(err)
    assert snapshot(out) == before


def test_allow_code_change_resumes_and_records_it(reference, tmp_path, capsys):
    path, ref_bytes = reference
    out = tmp_path / "out"
    _partial(path, out, n=3)
    _edit_manifest(out, code_version="0.0.9+git.0ld0ld0", model_code_sha256="ab" * 32)
    code, stdout, err = call(
        capsys, "sweep", path, "--out", out, "--workers", "1", "--allow-code-change", "--json"
    )
    assert code == 0, err
    summary = json.loads(stdout)
    assert summary["resumed"] == 3 and summary["computed"] == N_RUNS - 3
    m = json.loads((out / "manifest.json").read_text())
    now = environment()
    [change] = m["code_changes"]
    assert change["runs_stored_before"] == 3
    assert change["from"]["code_version"] == "0.0.9+git.0ld0ld0"
    assert change["from"]["model_code_sha256"] == "ab" * 32
    assert change["to"]["model_code_sha256"] == now["model_code_sha256"]
    assert "0.0.9+git.0ld0ld0" in m["sessions"][-1]["allowed_code_change"]
    # later resumes are checked against the code that made the latest rows
    assert m["model_code_sha256"] == now["model_code_sha256"]
    # the rows are the reference's: the "change" was only written into the manifest
    assert (out / "results.parquet").read_bytes() == ref_bytes


def test_unchanged_code_resumes_without_the_flag(reference, tmp_path, capsys):
    path, ref_bytes = reference
    out = tmp_path / "out"
    _partial(path, out)
    code, _, err = call(capsys, "sweep", path, "--out", out, "--workers", "1")
    assert code == 0, err
    m = json.loads((out / "manifest.json").read_text())
    assert "code_changes" not in m and "allowed_code_change" not in m["sessions"][-1]
    assert (out / "results.parquet").read_bytes() == ref_bytes


# ---- resuming from any point after the folder was created ----------------------------------------
def _lock_only(out, sweep):
    (out / ".lock").write_text("12345\n")


def _parts_no_manifest(out, sweep):  # killed just after creating parts/ (before the manifest)
    _lock_only(out, sweep)
    (out / "parts").mkdir()


def _torn_part_no_manifest(out, sweep):
    _parts_no_manifest(out, sweep)
    (out / "parts" / f"{TMP_PREFIX}abc.parquet").write_bytes(b"PAR1 torn")


def _torn_manifest(out, sweep):  # killed while writing the manifest
    _lock_only(out, sweep)
    (out / f"{TMP_PREFIX}xyz.json").write_text('{"tool": "bygdesim sw')


def _manifest_only(out, sweep):
    _lock_only(out, sweep)
    atomic_write_json(out / "manifest.json", new_manifest(sweep))


def _manifest_and_empty_parts(out, sweep):
    _manifest_only(out, sweep)
    (out / "parts").mkdir()


STATES = {
    "empty folder": lambda out, sweep: None,
    "lock file only": _lock_only,
    "parts/ made, no manifest": _parts_no_manifest,
    "a torn part, no manifest": _torn_part_no_manifest,
    "a torn manifest": _torn_manifest,
    "manifest, no parts/": _manifest_only,
    "manifest and an empty parts/": _manifest_and_empty_parts,
}


@pytest.mark.parametrize("state", list(STATES))
def test_resume_from_any_point_after_the_folder_was_created(state, reference, tmp_path, capsys):
    path, ref_bytes = reference
    out = tmp_path / "out"
    out.mkdir()
    STATES[state](out, load_sweep(path))
    code, stdout, err = call(capsys, "sweep", path, "--out", out, "--workers", "1", "--json")
    assert code == 0, err
    assert json.loads(stdout)["computed"] == N_RUNS
    assert (out / "results.parquet").read_bytes() == ref_bytes
    assert not list(out.rglob(f"{TMP_PREFIX}*"))
    assert json.loads((out / "manifest.json").read_text())["status"] == "complete"


def test_a_folder_with_stored_runs_but_no_manifest_is_refused(reference, tmp_path, capsys):
    path, _ = reference
    out = tmp_path / "out"
    (out / "parts").mkdir(parents=True)
    (out / "parts" / "run-000000000.parquet").write_bytes(b"PAR1 whose?")
    before = snapshot(out)
    code, _, err = call(capsys, "sweep", path, "--out", out, "--workers", "1")
    assert code == 2 and "holds no sweep" in _one_line(err)
    assert snapshot(out) == before
