"""The dashboard treats the browser as untrusted (issue 10 item 4).

The Host/Origin/token middleware is called as plain ASGI (no server); the scenario-file field's
rule is checked on paths; ``--host 0.0.0.0`` is started for real and its first lines read.
The checks against a running server and in the browser are in test_dashboard_browser.py.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from analysis.dashboard.guard import HostGuard, cookie_name
from model.scenario import ScenarioError, scenarios_dir

PORT = 8765
TOKEN = "s3cret-token"


def call(guard: HostGuard, kind: str = "http", headers=(), query: bytes = b""):
    """One request through the guard: (status, headers of the answer, whether the app ran)."""
    reached: list[bool] = []
    sent: list[dict] = []

    async def app(scope, receive, send):
        reached.append(True)
        if scope["type"] == "websocket":
            await send({"type": "websocket.accept"})
            return
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    guard.app = app
    scope = {
        "type": kind,
        "path": "/",
        "query_string": query,
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers],
    }

    async def receive():
        return {"type": "websocket.connect"} if kind == "websocket" else {"type": "http.request"}

    async def send(message):
        sent.append(message)

    asyncio.run(guard(scope, receive, send))
    first = sent[0]
    if first["type"] == "websocket.close":
        return 403, [], bool(reached)
    if first["type"] == "websocket.accept":
        return 101, [], bool(reached)
    return first["status"], first.get("headers", []), bool(reached)


def guard(**kwargs) -> HostGuard:
    return HostGuard(None, port=PORT, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example", "127.0.0.1:9999", ""]
)
def test_a_foreign_host_is_refused(host):
    status, _, reached = call(guard(), headers=[("Host", host)])
    assert (status, reached) == (403, False)


def test_a_request_without_host_is_refused():
    assert call(guard(), headers=[])[0] == 403


def test_two_host_headers_are_refused():
    headers = [("Host", "127.0.0.1:8765"), ("Host", "evil.example")]
    assert call(guard(), headers=headers)[0] == 403


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "LOCALHOST:8765", "127.0.0.1"]
)
def test_loopback_hosts_are_accepted(host):
    status, _, reached = call(guard(), headers=[("Host", host)])
    assert (status, reached) == (200, True)


def test_allow_host_adds_names():
    g = guard(allow_hosts=["plan.kommune.no", "192.168.1.5"])
    assert call(g, headers=[("Host", "plan.kommune.no:8765")])[0] == 200
    assert call(g, headers=[("Host", "192.168.1.5:8765")])[0] == 200
    assert call(g, headers=[("Host", "other.kommune.no:8765")])[0] == 403
    assert call(guard(), headers=[("Host", "plan.kommune.no:8765")])[0] == 403


@pytest.mark.parametrize("kind", ["http", "websocket"])
@pytest.mark.parametrize(
    "origin", ["http://evil.example", "http://evil.example:8765", "null", "file://", "x"]
)
def test_a_foreign_origin_is_refused(kind, origin):
    headers = [("Host", "127.0.0.1:8765"), ("Origin", origin)]
    status, _, reached = call(guard(), kind, headers)
    assert (status, reached) == (403, False)


def test_a_websocket_from_the_dashboard_itself_is_accepted():
    for origin in ("http://127.0.0.1:8765", "http://localhost:8765"):
        headers = [("Host", "127.0.0.1:8765"), ("Origin", origin)]
        assert call(guard(), "websocket", headers)[0] == 101
    headers = [("Host", "plan.kommune.no:8765"), ("Origin", "http://plan.kommune.no:8765")]
    assert call(guard(allow_hosts=["plan.kommune.no"]), "websocket", headers)[0] == 101


def test_a_websocket_to_a_foreign_host_is_refused():
    headers = [("Host", "evil.example:8765"), ("Origin", "http://evil.example:8765")]
    assert call(guard(), "websocket", headers)[0] == 403


def test_off_loopback_the_token_is_required():
    g = guard(allow_hosts=["192.168.1.5"], token=TOKEN)
    host = [("Host", "192.168.1.5:8765")]
    status, _, reached = call(g, headers=host)
    assert (status, reached) == (403, False)
    assert call(g, headers=host, query=b"token=wrong")[0] == 403
    assert call(g, "websocket", host)[0] == 403
    # loopback names too: the token is about the server, not about who asks
    assert call(g, headers=[("Host", "127.0.0.1:8765")])[0] == 403


def test_the_token_in_the_query_is_accepted_and_sets_a_cookie():
    g = guard(allow_hosts=["192.168.1.5"], token=TOKEN)
    status, headers, reached = call(
        g, headers=[("Host", "192.168.1.5:8765")], query=f"token={TOKEN}".encode()
    )
    assert (status, reached) == (200, True)
    cookies = [v.decode() for k, v in headers if k == b"set-cookie"]
    assert len(cookies) == 1
    assert cookies[0].startswith(f"{cookie_name(PORT)}={TOKEN};")
    assert "HttpOnly" in cookies[0] and "SameSite=Strict" in cookies[0]


def test_the_cookie_is_accepted_for_pages_and_websockets():
    g = guard(allow_hosts=["192.168.1.5"], token=TOKEN)
    headers = [
        ("Host", "192.168.1.5:8765"),
        ("Origin", "http://192.168.1.5:8765"),
        ("Cookie", f"other=1; {cookie_name(PORT)}={TOKEN}"),
    ]
    assert call(g, headers=headers)[0] == 200
    assert call(g, "websocket", headers)[0] == 101
    wrong = [*headers[:2], ("Cookie", f"{cookie_name(PORT)}=nope")]
    assert call(g, headers=wrong)[0] == 403
    other_port = [*headers[:2], ("Cookie", f"{cookie_name(PORT + 1)}={TOKEN}")]
    assert call(g, headers=other_port)[0] == 403


def test_a_refusal_echoes_nothing_of_the_request():
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {"type": "http", "headers": [(b"host", b"evil.example")], "query_string": b""}
    asyncio.run(guard()(scope, receive, send))
    assert b"evil" not in sent[1]["body"]


# ---- the scenario-file field ---------------------------------------------------------------
def test_scenario_files_only_from_the_start_and_scenario_folders(tmp_path, monkeypatch):
    from analysis.dashboard import scenario_files as sf

    monkeypatch.setattr(sf, "START_DIR", tmp_path.resolve())
    (tmp_path / "mine.toml").write_text('base = "sel"\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deeper.toml").write_text('base = "sel"\n')
    (tmp_path / "link.toml").symlink_to("/etc/passwd")
    (tmp_path / "notes.txt").write_text("x")
    assert sf.allowed_path("mine.toml") == (tmp_path / "mine.toml").resolve()
    assert sf.allowed_path(str(tmp_path / "absent.toml")).name == "absent.toml"
    preset = scenarios_dir() / "sel.toml"
    assert sf.allowed_path(str(preset)) == preset.resolve()
    for outside in (
        "/etc/passwd",
        "/etc/no-such-file.toml",
        "/nonexistent/dir/x.toml",
        "../x.toml",
        "sub/deeper.toml",
        "link.toml",
        "notes.txt",
        str(scenarios_dir() / ".." / "pyproject.toml"),
        "/dev/zero",
        "",
        "a\x00b.toml",
    ):
        with pytest.raises(ScenarioError) as err:
            sf.allowed_path(outside)
        assert str(err.value) == sf.REFUSED, outside


def test_a_fifo_in_the_start_folder_does_not_block(tmp_path, monkeypatch):
    from analysis.dashboard import scenario_files as sf

    monkeypatch.setattr(sf, "START_DIR", tmp_path.resolve())
    os.mkfifo(tmp_path / "pipe.toml")
    with pytest.raises(ScenarioError, match="not a regular file"):
        sf.load_scenario_file("pipe.toml")


# ---- --host 0.0.0.0 ------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_lines(args: list[str], count: int, cwd: Path) -> list[str]:
    """Start ``bygdesim dashboard ARGS``, read its first ``count`` lines of output, stop it."""
    exe = Path(sys.executable).parent / "bygdesim"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOLARA_")}
    proc = subprocess.Popen(
        [str(exe), "dashboard", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, stopped as a whole
    )
    lines: list[str] = []
    enough = threading.Event()

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line.rstrip("\n"))
            if len(lines) >= count:
                enough.set()
        enough.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        enough.wait(120)  # a generous bound against a hang, not a timing assertion
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    return lines[:count]


@pytest.mark.slow
def test_host_0000_prints_the_token_url_and_a_warning(tmp_path):
    port = free_port()
    lines = first_lines(["--host", "0.0.0.0", "--port", str(port)], 2, tmp_path)
    assert len(lines) == 2, lines
    url, warning = lines
    assert url.startswith("bygdesim dashboard: http://"), url
    assert f":{port}/?token=" in url
    token = url.split("?token=", 1)[1]
    assert len(token) >= 32
    assert "warning" in warning and "reachable from the network" in warning, warning
    assert "0.0.0.0" in warning


@pytest.mark.slow
def test_loopback_prints_no_token(tmp_path):
    port = free_port()
    lines = first_lines(["--port", str(port)], 1, tmp_path)
    assert lines == [f"bygdesim dashboard: http://127.0.0.1:{port}/"]


@pytest.mark.slow
def test_off_loopback_a_running_dashboard_wants_the_token(tmp_path):
    """--host 0.0.0.0 for real: without the token 403, with it the page and a cookie that
    then suffices."""
    import urllib.error
    import urllib.request

    port = free_port()
    exe = Path(sys.executable).parent / "bygdesim"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOLARA_")}
    proc = subprocess.Popen(
        [str(exe), "dashboard", "--host", "0.0.0.0", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"

    def get(url: str, cookie: str | None = None) -> tuple[int, list[str]]:
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        try:
            with urllib.request.urlopen(request, timeout=30) as resp:
                return resp.status, resp.headers.get_all("set-cookie") or []
        except urllib.error.HTTPError as exc:
            return exc.code, []

    try:
        token = proc.stdout.readline().split("?token=", 1)[1].strip()  # type: ignore[union-attr]
        threading.Thread(target=proc.stdout.read, daemon=True).start()  # type: ignore[union-attr]
        for _ in range(240):  # until it answers (a bound against a hang, not a timing check)
            try:
                status, set_cookies = get(f"{base}?token={token}")
                break
            except OSError:
                threading.Event().wait(0.5)
        else:
            pytest.fail("the dashboard did not answer")
        assert status == 200
        cookie = f"{cookie_name(port)}={token}"
        assert [c for c in set_cookies if c.startswith(f"{cookie};")], set_cookies
        assert get(base)[0] == 403
        assert get(f"{base}?token=wrong")[0] == 403
        assert get(base, cookie)[0] == 200
        assert get(base, f"{cookie_name(port)}=wrong")[0] == 403
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
