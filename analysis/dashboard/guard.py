"""The dashboard treats the browser as untrusted: an ASGI middleware in front of Solara's app.

- **Host**: every HTTP request and websocket upgrade must name an allowed host in its ``Host``
  header (``127.0.0.1``, ``localhost``, ``[::1]``, each bare or with the server's port, and
  the names added with ``--allow-host``); anything else gets 403. A web page on another site
  whose name is made to resolve to this machine (DNS rebinding) sends its own name and is refused.
- **Origin**: a request that carries an ``Origin`` header (every browser websocket does, and
  every cross-site request) must come from an allowed host, or it gets 403: another site's page
  cannot open the dashboard's websocket. A client that sends no ``Origin`` is not a browser
  page acting for another site and is let through (as Jupyter does).
- **Token**: when the server listens on anything but loopback, every request must carry the
  token made at start, as ``?token=...`` or as the cookie set on the first request that had it
  (HttpOnly, SameSite=Strict); without it, 403. On loopback no token is needed.

Refusals are a fixed plain-text 403 that echoes nothing of the request.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
LOOPBACK_ADDRESSES = {"127.0.0.1", "localhost", "::1", "[::1]"}
REFUSED = b"403 Forbidden: this dashboard answers only requests addressed to its own host\n"
NO_TOKEN = b"403 Forbidden: open the URL with ?token=... that the dashboard printed at start\n"


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the server to this machine."""
    return host.strip("[]") in LOOPBACK_ADDRESSES or host.startswith("127.")


def host_name(name: str) -> str:
    """A host as it appears in a ``Host`` header: lower case, an IPv6 address in brackets."""
    name = name.strip().lower()
    if name.count(":") >= 2 and not name.startswith("["):
        return f"[{name}]"
    return name


def cookie_name(port: int) -> str:
    # cookies are shared by every port of a host: one name per port
    return f"bygdesim-token-{port}"


class HostGuard:
    """ASGI middleware: Host and Origin checks, and the token when one is set."""

    def __init__(
        self,
        app: ASGIApp,
        port: int,
        allow_hosts: Iterable[str] = (),
        token: str | None = None,
    ) -> None:
        self.app = app
        self.port = port
        names = {host_name(n) for n in (*LOOPBACK_NAMES, *allow_hosts) if n.strip()}
        self.allowed = names | {f"{n}:{port}" for n in names}
        self.token = token
        self.cookie = cookie_name(port)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        if not self._host_ok(headers.get("host")) or not self._origin_ok(headers.get("origin")):
            await _refuse(kind, send, REFUSED)
            return
        if self.token is None:
            await self.app(scope, receive, send)
            return
        from_query = self._query_token(scope)
        if not (from_query or self._cookie_token(headers.get("cookie"))):
            await _refuse(kind, send, NO_TOKEN)
            return
        if from_query and kind == "http":
            send = self._setting_cookie(send)
        await self.app(scope, receive, send)

    # ---- checks ------------------------------------------------------------------------
    def _host_ok(self, host: str | None) -> bool:
        return host is not None and host.strip().lower() in self.allowed

    def _origin_ok(self, origin: str | None) -> bool:
        if origin is None:
            return True
        parts = urlsplit(origin.strip().lower())
        return parts.scheme in ("http", "https") and parts.netloc in self.allowed

    def _query_token(self, scope: Scope) -> bool:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        return any(self._matches(value) for value in query.get("token", []))

    def _cookie_token(self, header: str | None) -> bool:
        if not header:
            return False
        cookies = SimpleCookie()
        try:
            cookies.load(header)
        except Exception:  # a malformed cookie header is simply no token
            return False
        morsel = cookies.get(self.cookie)
        return morsel is not None and self._matches(morsel.value)

    def _matches(self, value: str) -> bool:
        assert self.token is not None
        return secrets.compare_digest(value.encode(), self.token.encode())

    def _setting_cookie(self, send: Send) -> Send:
        cookie = f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict".encode()

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie)]
            await send(message)

        return wrapped


def _headers(scope: Scope) -> dict[str, str]:
    """The request's headers, lower-case names; a repeated Host or Origin counts as absent."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    for raw_name, raw_value in scope.get("headers", []):
        name = raw_name.decode("latin-1").lower()
        value = raw_value.decode("latin-1")
        if name in seen and name in ("host", "origin"):
            out[name] = "\x00repeated"  # never an allowed value
            continue
        seen.add(name)
        out[name] = f"{out[name]}; {value}" if name == "cookie" and name in out else value
    return out


async def _refuse(kind: str, send: Send, body: bytes) -> None:
    if kind == "websocket":
        # closing before accepting: the server answers the upgrade with 403
        await send({"type": "websocket.close", "code": 1008})
        return
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
