"""Helpers shared by the comparison, sweep, Dask and report tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from analysis.cli import main

ROOT = Path(__file__).resolve().parent.parent

# Small and fast: Vågå for six years (about 0.15 s a run); 4 points x 6 replications.
SWEEP_TOML = """
[sweep]
scenario = "vaga"
replications = {reps}
seed = 11
design = "grid"

[parameters]
years = 6
"levers.bridge_builders.count" = [0, 2]
"levers.early_nav.entry_month" = [1, 20]
"""


def write_sweep(folder: Path, name: str = "sweep.toml", reps: int = 6) -> Path:
    path = folder / name
    path.write_text(SWEEP_TOML.format(reps=reps))
    return path


def call(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    """Run the command line in this process; return (exit status, stdout, stderr)."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "analysis.cli", *map(str, args)]


def start_cli(*args: str) -> subprocess.Popen:
    """The command line in its own process group (so a test can kill it with its workers)."""
    return subprocess.Popen(
        cli_command(*args),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        cli_command(*args), cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def part_files(out: Path) -> list[Path]:
    parts = out / "parts"
    return sorted(parts.glob("run-*.parquet")) if parts.is_dir() else []


def wait_for_parts(out: Path, n: int, proc: subprocess.Popen, timeout: float = 120) -> int:
    """Wait until at least ``n`` runs are stored; fail if the process ends first."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        k = len(part_files(out))
        if k >= n:
            return k
        if proc.poll() is not None:
            raise AssertionError(f"sweep ended before {n} runs were stored: {proc.stderr.read()}")
        time.sleep(0.02)
    raise AssertionError(f"no {n} stored runs after {timeout} s")


def kill_group(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass
    proc.wait(timeout=60)


def assert_parts_readable(out: Path) -> None:
    """Every stored part is a complete Parquet file with one row (no torn writes)."""
    for p in part_files(out):
        assert pq.read_table(p).num_rows == 1, p


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and modification time."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): (
            p.read_bytes() if p.is_file() else b"<dir>",
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
    }
