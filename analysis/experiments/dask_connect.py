"""Connecting to a Dask scheduler given as ``--scheduler``: every address form checked, every
step under a timeout, every failure one line (:class:`SchedulerUnavailable`).

The forms: ``tcp://HOST:PORT``, ``tls://HOST:PORT`` (certificates from the Dask configuration),
``ws://`` and ``wss://``, or the path of a scheduler file (the JSON ``dask scheduler
--scheduler-file`` writes). Before the client is made, a plain socket connection checks that
something listens (so a closed port or an unknown host fails in a moment), then a Dask handshake
under a deadline checks that it is a scheduler: the Dask client itself waits for the
scheduler's handshake without a timeout, so a port that accepts and never answers would hang it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import socket
import stat
from pathlib import Path
from typing import Any

SCHEMES = ("tcp", "tls", "ws", "wss")
SECURE = ("tls", "wss")
MAX_FILE_BYTES = 1 << 20
CONNECT_TIMEOUT = 10.0  # seconds for each step: socket, handshake, client
ADDRESS_RE = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*)://(?P<loc>.*)")
LOCATION_RE = re.compile(r"(?:\[(?P<ip6>[^\]]+)\]|(?P<host>[^:/\[\]]+)):(?P<port>\d{1,5})/?")


class SchedulerUnavailable(RuntimeError):
    """The Dask scheduler could not be reached. The message is one line."""


def _fail(address: str, reason: str) -> SchedulerUnavailable:
    reason = " ".join(reason.split())
    return SchedulerUnavailable(f"--scheduler {address}: {reason[:200]}")


def _from_file(given: str, path: Path) -> str:
    """The address in a scheduler file; only a small regular file of JSON is read."""
    try:
        info = path.stat()
    except OSError as exc:
        raise _fail(given, f"cannot read the scheduler file ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise _fail(given, "not a regular file; expected tcp://HOST:PORT or a scheduler file")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _fail(given, f"cannot read the scheduler file ({exc.strerror})") from None
    try:
        if len(data) > MAX_FILE_BYTES:
            raise ValueError
        content = json.loads(data.decode("utf-8"))
        address = content["address"]
        if not isinstance(address, str) or ADDRESS_RE.fullmatch(address) is None:
            raise ValueError
    except (ValueError, UnicodeDecodeError, KeyError, TypeError):
        raise _fail(
            given,
            'not a Dask scheduler file (expected the JSON with an "address" that '
            "dask scheduler --scheduler-file writes)",
        ) from None
    return address


def resolve_address(given: str) -> tuple[str, str, int]:
    """``(address, host, port)`` of ``given``, an address or a scheduler file; raise
    :class:`SchedulerUnavailable` for anything else."""
    m = ADDRESS_RE.fullmatch(given)
    if m is None:
        path = Path(given)
        if not path.exists():
            raise _fail(given, "no such file; expected tcp://HOST:PORT or a scheduler file")
        address = _from_file(given, path)
        m = ADDRESS_RE.fullmatch(address)
        assert m is not None
    else:
        address = given
    scheme = m.group("scheme")
    if scheme not in SCHEMES:
        raise _fail(
            given, f"unsupported protocol {scheme}://; use {', '.join(s + '://' for s in SCHEMES)}"
        )
    loc = LOCATION_RE.fullmatch(m.group("loc"))
    if loc is None or not 0 < int(loc.group("port")) < 65536:
        raise _fail(given, f"expected {scheme}://HOST:PORT, got {address}")
    return address, loc.group("ip6") or loc.group("host"), int(loc.group("port"))


def _security(given: str, scheme: str) -> Any:
    """The Dask security settings (from its configuration); for tls:// and wss:// they must
    hold the client's certificates."""
    from distributed.security import Security

    try:
        security = Security()
        ssl_context = security.get_connection_args("client")["ssl_context"]
    except (OSError, ValueError) as exc:
        raise _fail(given, f"TLS configuration unusable ({exc})") from None
    if scheme in SECURE and ssl_context is None:
        raise _fail(
            given,
            f"{scheme}:// needs TLS certificates in the Dask configuration "
            "(distributed.comm.tls.ca-file, .client.cert and .client.key, or the "
            "DASK_DISTRIBUTED__COMM__TLS__* variables)",
        )
    return security


async def _handshake(address: str, connection_args: dict[str, Any], timeout: float) -> None:
    from distributed.comm import connect

    comm = await asyncio.wait_for(connect(address, timeout=timeout, **connection_args), timeout)
    await comm.close()


def _check_scheduler(given: str, address: str, security: Any, timeout: float) -> None:
    """Exchange Dask's handshake with ``address`` within ``timeout`` seconds (in a thread of
    its own, so a caller's running event loop is no obstacle)."""
    args = security.get_connection_args("client")
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        future = pool.submit(asyncio.run, _handshake(address, args, timeout))
        try:
            future.result()
        except TimeoutError:
            raise _fail(
                given,
                f"no answer from a Dask scheduler within {timeout:g} s (something listens "
                "there but does not speak Dask's protocol)",
            ) from None
        except OSError as exc:  # refused, reset, closed, TLS failures
            reason = str(exc) or type(exc).__name__
            raise _fail(given, f"cannot reach a Dask scheduler ({reason})") from None
        except Exception:  # it answered, but not a Dask handshake (garbage, another protocol)
            raise _fail(
                given, "not a Dask scheduler (it does not answer in Dask's protocol)"
            ) from None


def connect_client(given: str, timeout: float | None = None):
    """A ``distributed.Client`` for ``given`` (an address or a scheduler file)."""
    timeout = CONNECT_TIMEOUT if timeout is None else timeout
    address, host, port = resolve_address(given)
    try:
        socket.create_connection((host, port), timeout=min(timeout, 3.0)).close()
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise _fail(given, f"cannot reach a Dask scheduler ({reason})") from None
    scheme = address.split("://", 1)[0]
    security = _security(given, scheme)
    _check_scheduler(given, address, security, timeout)
    from distributed import Client

    try:
        return Client(address, timeout=f"{timeout}s", security=security)
    except Exception as exc:  # noqa: BLE001 - any failure to connect is the one-line answer
        reason = str(exc) or type(exc).__name__
        raise _fail(given, f"cannot connect to the Dask scheduler ({reason})") from None
