"""Start the dashboard's Solara server, with every front-end asset served locally.

Solara loads its JavaScript, style sheets and fonts from a CDN unless told otherwise. Here:

- ``SOLARA_ASSETS_PROXY=true``: the page asks the server itself (``/_solara/cdn/...``), and the
  server answers from the copy the ``solara-assets`` package installs under
  ``<venv>/share/solara/cdn`` (the same version as solara);
- ``SOLARA_ASSETS_CDN`` points at a closed local port, so an asset missing from that copy fails
  at once (and shows up as a failed request in the browser tests) instead of being fetched
  from the internet;
- telemetry (mixpanel) and the version check against PyPI are off.

The server treats the browser as untrusted (see :mod:`analysis.dashboard.guard`): Host and
Origin are checked, and listening on anything but loopback needs the token printed at start.

The page itself uses no Markdown component (it would load KaTeX, which solara-assets lacks)
and no Altair/Vega charts: charts are matplotlib images and the network is inline SVG.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
from collections.abc import Sequence

from analysis.dashboard.guard import LOOPBACK_NAMES, HostGuard, host_name, is_loopback

APP = "analysis.dashboard.app"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765

OFFLINE_ENV = {
    "SOLARA_ASSETS_PROXY": "true",
    "SOLARA_ASSETS_CDN": "http://127.0.0.1:9/npm/",
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false",
    "MPLBACKEND": "Agg",
    "SOLARA_KERNEL_CULL_TIMEOUT": "30m",  # a closed tab frees its run after half an hour
}


class ServerProblem(ValueError):
    """The server cannot start (for example the port is taken); the message is one line."""


def check_port(host: str, port: int) -> None:
    """Fail early, in one line, when the address cannot be bound."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ServerProblem(f"--host {host}: cannot resolve ({exc.strerror})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            raise ServerProblem(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def solara_args(host: str, port: int) -> list[str]:
    return [
        "run",
        APP,
        "--host",
        host,
        "--port",
        str(port),
        "--production",
        "--no-open",
        "--no-check-version",
        "--theme-loader",
        "plain",
        "--log-level",
        "warning",
    ]


WILDCARD_HOSTS = {"0.0.0.0", "::", "[::]", ""}


def network_names(host: str, allow_hosts: Sequence[str]) -> list[str]:
    """The names a browser may use besides the loopback ones: ``--allow-host`` names, the
    address bound (when it is one address) or this machine's name (when it is every address)."""
    names = [h.strip() for h in allow_hosts if h.strip()]
    if not is_loopback(host):
        names.append(socket.gethostname() if host in WILDCARD_HOSTS else host)
    return names


def install_guard(port: int, allow_hosts: Sequence[str], token: str | None) -> None:
    """Put :class:`HostGuard` in front of Solara's app.

    ``solara run`` hands uvicorn the application by name, ``solara.server.starlette:app``, in
    this process (no auto-restart in production), so the guard is added to that Starlette
    object with Starlette's public ``add_middleware`` before the server starts (it refuses once
    the app has run). No private Solara internals are touched; running uvicorn ourselves
    would mean redoing what ``solara run`` sets up. Solara registers the page named by
    ``SOLARA_APP`` when that module is imported, so the variable is set first (``solara run``
    sets the same value again).
    """
    os.environ["SOLARA_APP"] = APP
    from solara.server.starlette import app

    app.add_middleware(HostGuard, port=port, allow_hosts=allow_hosts, token=token)


def serve(
    host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, allow_hosts: Sequence[str] = ()
) -> None:
    """Run the dashboard until interrupted (in this process)."""
    check_port(host, port)
    names = network_names(host, allow_hosts)
    token = None if is_loopback(host) else secrets.token_urlsafe(32)
    os.environ.update(OFFLINE_ENV)
    # solara reads its settings from the environment when first imported
    install_guard(port, names, token)
    from solara.__main__ import cli

    if token is None:
        print(f"bygdesim dashboard: http://{host_name(host)}:{port}/", file=sys.stderr)
    else:
        shown = host_name(names[0])
        print(f"bygdesim dashboard: http://{shown}:{port}/?token={token}", file=sys.stderr)
        allowed = ", ".join(host_name(n) for n in (*LOOPBACK_NAMES, *names))
        print(
            f"bygdesim dashboard: warning: listening on {host}, the dashboard is reachable from"
            f" the network; only with the token above, under the names {allowed}"
            " (--allow-host adds more)",
            file=sys.stderr,
        )
    sys.stderr.flush()
    cli.main(args=solara_args(host, port), prog_name="bygdesim dashboard", standalone_mode=True)
