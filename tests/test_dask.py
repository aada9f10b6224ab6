"""The same sweep and comparison on a real Dask cluster on loopback: a ``dask scheduler`` and
two ``dask worker`` processes started here. Results must be identical to local runs, and a
worker killed mid-sweep must be survived."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from analysis.experiments.sweep import run_sweep
from analysis.experiments.sweep_spec import load_sweep
from tests.experiments import (
    ROOT,
    assert_parts_readable,
    call,
    kill_group,
    run_cli,
    start_cli,
    wait_for_parts,
    write_sweep,
)

pytestmark = pytest.mark.slow
DASK = str(Path(sys.executable).parent / "dask")
QUIET = {"DASK_LOGGING__DISTRIBUTED": "error"}


def _spawn(*args: str, log: Path) -> subprocess.Popen:
    with open(log, "wb") as fh:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [DASK, *args],
            cwd=ROOT,
            stdout=fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **QUIET},
        )


def _wait_for_workers(scheduler_file: Path, n: int) -> None:
    code = (
        "from distributed import Client\n"
        f"c = Client(scheduler_file={str(scheduler_file)!r}, timeout='60s')\n"
        f"c.wait_for_workers({n}, timeout=120)\n"
        "c.close()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=180, cwd=ROOT)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two single-threaded workers on 127.0.0.1, torn down afterwards."""
    folder = tmp_path_factory.mktemp("dask")
    sched_file = folder / "scheduler.json"
    procs = {
        "scheduler": _spawn(
            "scheduler",
            "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
            "--scheduler-file", str(sched_file),
            log=folder / "scheduler.log",
        )
    }  # fmt: skip
    end = time.monotonic() + 60
    while not sched_file.exists():
        assert procs["scheduler"].poll() is None, (folder / "scheduler.log").read_text()
        assert time.monotonic() < end, "the scheduler did not start"
        time.sleep(0.1)
    for i in (1, 2):
        procs[f"worker{i}"] = _spawn(
            "worker",
            "--scheduler-file", str(sched_file),
            "--nthreads", "1", "--no-nanny", "--no-dashboard", "--host", "127.0.0.1",
            "--name", f"w{i}", "--local-directory", str(folder / f"w{i}"),
            log=folder / f"worker{i}.log",
        )  # fmt: skip
    try:
        _wait_for_workers(sched_file, 2)
        address = json.loads(sched_file.read_text())["address"]
        yield {"address": address, "file": sched_file, "procs": procs, "folder": folder}
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """A 32-run sweep computed locally: the results the cluster must reproduce."""
    folder = tmp_path_factory.mktemp("local")
    path = write_sweep(folder, reps=8)
    run_sweep(load_sweep(path), folder / "out", workers=2, log=lambda _m: None)
    return path, pq.read_table(folder / "out" / "results.parquet")


def test_sweep_on_the_cluster_is_identical_to_local(cluster, local, tmp_path):
    path, table = local
    out = tmp_path / "out"
    res = run_cli("sweep", path, "--out", out, "--scheduler", cluster["address"], "--json")
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["backend"] == "dask" and summary["workers"] == 2
    assert pq.read_table(out / "results.parquet").equals(table)
    m = json.loads((out / "manifest.json").read_text())
    assert m["sessions"][-1]["backend"] == "dask"


def test_compare_on_the_cluster_is_identical_to_local(cluster, capsys):
    args = ["compare", "vaga", "--set", "years=6", "--levers", "early_nav", "-r", "4", "--json"]
    remote = run_cli(*args, "--scheduler", str(cluster["file"]))  # a scheduler file works too
    assert remote.returncode == 0, remote.stderr
    code, here, err = call(capsys, *args, "--workers", "2")
    assert code == 0, err
    assert json.loads(remote.stdout) == json.loads(here)


def test_unreachable_scheduler_is_one_line_and_exit_2(tmp_path, capsys):
    path = write_sweep(tmp_path)
    out = tmp_path / "out"
    code, _, err = call(capsys, "sweep", path, "--out", out, "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2
    assert err.count("\n") == 1 and "--scheduler tcp://127.0.0.1:9" in err
    assert not out.exists()


def test_a_worker_killed_mid_sweep_is_survived(cluster, local, tmp_path):
    # runs last in this module: it leaves the cluster with one worker
    path, table = local
    out = tmp_path / "out"
    proc = start_cli("sweep", path, "--out", out, "--scheduler", cluster["address"], "--json")
    wait_for_parts(out, 4, proc)
    victim = cluster["procs"]["worker1"]
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    try:
        stdout, stderr = proc.communicate(timeout=240)
    finally:
        if proc.poll() is None:
            kill_group(proc)
    assert proc.returncode == 0, stderr
    summary = json.loads(stdout)
    assert summary["computed"] == 32
    assert_parts_readable(out)
    assert pq.read_table(out / "results.parquet").equals(table)


# ---- every form of a bad --scheduler: one line, exit 2, nothing written, no hang ---------------
@pytest.fixture
def silent_port():
    """A port that accepts connections (the kernel's backlog) and never answers."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]


@pytest.fixture
def chatty_port():
    """A port that answers every connection with something that is not Dask (an HTTP error)."""
    import socket
    import threading

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    conns = []

    def serve():
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            conns.append(conn)
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    threading.Thread(target=serve, daemon=True).start()
    yield sock.getsockname()[1]
    sock.close()
    for conn in conns:
        conn.close()


def _file(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _fifo(tmp_path):
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return str(path)


SCHEDULERS = {
    # name: (address made from (tmp_path, silent port, chatty port), words the line must hold)
    "port that accepts but never answers": (
        lambda t, s, c: f"tcp://127.0.0.1:{s}",
        ["no answer from a Dask scheduler within 2 s"],
    ),
    "port that answers something else": (
        lambda t, s, c: f"tcp://127.0.0.1:{c}",
        ["not a Dask scheduler"],
    ),
    "tls:// without certificates": (
        lambda t, s, c: f"tls://127.0.0.1:{s}",
        ["tls:// needs TLS certificates", "distributed.comm.tls"],
    ),
    "closed port": (lambda t, s, c: "tcp://127.0.0.1:9", ["cannot reach", "refused"]),
    "closed tls port": (lambda t, s, c: "tls://127.0.0.1:9", ["cannot reach", "refused"]),
    "unknown host": (
        lambda t, s, c: "tcp://no-such-host.invalid:8786",
        ["cannot reach a Dask scheduler"],
    ),
    "no port": (lambda t, s, c: "tcp://127.0.0.1", ["expected tcp://HOST:PORT"]),
    "port out of range": (lambda t, s, c: "tcp://127.0.0.1:70000", ["expected tcp://HOST:PORT"]),
    "unsupported protocol": (
        lambda t, s, c: "ucx://127.0.0.1:8786",
        ["unsupported protocol ucx://", "tcp://"],
    ),
    "JSON that is not a scheduler file": (
        lambda t, s, c: _file(t, "not.json", b'{"addr": "tcp://127.0.0.1:8786"}'),
        ["not a Dask scheduler file"],
    ),
    "binary file": (
        lambda t, s, c: _file(t, "garbage.json", b"\xff\xfe\x00\x81binary"),
        ["not a Dask scheduler file"],
    ),
    "a folder": (lambda t, s, c: str(t), ["not a regular file"]),
    "a FIFO": (lambda t, s, c: _fifo(t), ["not a regular file"]),
    "a device": (lambda t, s, c: "/dev/zero", ["not a regular file"]),
    "missing file": (lambda t, s, c: str(t / "nope.json"), ["no such file"]),
    "scheduler file naming a closed port": (
        lambda t, s, c: _file(t, "old.json", b'{"address": "tcp://127.0.0.1:9"}'),
        ["cannot reach", "refused"],
    ),
}


@pytest.mark.parametrize("command", ["sweep", "compare"])
@pytest.mark.parametrize("case", list(SCHEDULERS))
def test_bad_scheduler_is_one_line_and_exit_2(
    case, command, tmp_path, capsys, monkeypatch, silent_port, chatty_port
):
    import analysis.experiments.dask_connect as dask_connect

    monkeypatch.setattr(dask_connect, "CONNECT_TIMEOUT", 2.0)
    make, words = SCHEDULERS[case]
    folder = tmp_path / "in"
    folder.mkdir()
    address = make(folder, silent_port, chatty_port)
    out = tmp_path / "out"
    if command == "sweep":
        args = ["sweep", write_sweep(tmp_path, reps=1), "--out", out]
    else:
        args = ["compare", "vaga", "--years", "2", "-r", "2", "--levers", "early_nav"]
        args += ["--out", out]
    code, stdout, err = call(capsys, *args, "--scheduler", address)
    assert code == 2, err
    assert err.count("\n") == 1, err
    assert err.startswith(f"bygdesim: error: --scheduler {address}: "), err
    for word in words:
        assert word in err, (word, err)
    assert stdout == "" and not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["calibrate", "--dry-run", "--budget", "30"],
        ["sensitivity", "--preset", "vaga", "--samples", "2", "--years", "6"],
        ["target", "vaga", "--replications", "3", "--confirm", "3"],
        ["validate", "--replications", "2"],
    ],
    ids=lambda a: a[0],
)
def test_bad_scheduler_on_the_research_commands(args, tmp_path, capsys):
    extra = ["--out", str(tmp_path / "out")] if args[0] in ("sensitivity", "validate") else []
    code, stdout, err = call(capsys, *args, *extra, "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2, err
    assert err.count("\n") == 1 and "--scheduler tcp://127.0.0.1:9: cannot reach" in err, err
    assert stdout == "" and not (tmp_path / "out").exists()
