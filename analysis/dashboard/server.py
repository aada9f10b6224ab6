"""Start the dashboard's Solara server, with every front-end asset served locally.

Solara loads its JavaScript, style sheets and fonts from a CDN unless told otherwise. Here:

- ``SOLARA_ASSETS_PROXY=true``: the page asks the server itself (``/_solara/cdn/...``), and the
  server answers from the copy the ``solara-assets`` package installs under
  ``<venv>/share/solara/cdn`` (the same version as solara);
- ``SOLARA_ASSETS_CDN`` points at a closed local port, so an asset missing from that copy fails
  at once (and shows up as a failed request in the browser tests) instead of being fetched
  from the internet;
- telemetry (mixpanel) and the version check against PyPI are off.

The page itself uses no Markdown component (it would load KaTeX, which solara-assets lacks)
and no Altair/Vega charts: charts are matplotlib images and the network is inline SVG.
"""

from __future__ import annotations

import os
import socket
import sys

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


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Run the dashboard until interrupted (in this process)."""
    check_port(host, port)
    os.environ.update(OFFLINE_ENV)
    # solara reads its settings from the environment when first imported
    from solara.__main__ import cli

    print(f"bygdesim dashboard: http://{host}:{port}/", file=sys.stderr, flush=True)
    cli.main(args=solara_args(host, port), prog_name="bygdesim dashboard", standalone_mode=True)
