"""A threaded loopback HTTP server that replays recorded or assembled responses, with injectable faults.

Used by the connector tests, the connector benchmark and (later) the refresh integration test::

    routes = [
        Route("POST", "/graphql", Reply.json(answer), body=graphql_operation("TargetProfiles"),
              faults={1: Fault.status_code(429, retry_after="2")}),
        Route("GET", "/studies", Reply.file(path), query={"pageToken": None}),
    ]
    with ReplayServer(routes) as server:          # or: server = ReplayServer(routes); server.start()
        client_base_url = server.base_url + "/graphql"
        ...
        server.requests_seen                      # every request received, in order, with its route/attempt

A route matches on method, path, a subset of query parameters (``None`` means "must be absent") and an
optional body matcher (a dict subset of the JSON body, or a callable). The first matching route wins. The
n-th request a route receives is its attempt n; ``faults={n: Fault...}`` changes that attempt's answer:
an HTTP status (429 with Retry-After, 500...), a read timeout (the server sleeps past the client's timeout),
a truncated body, or extra latency. ``latency`` delays every answer of a route (or of the whole server).
Unmatched requests get a 404 with a JSON body naming the request. Standard library only.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, body bytes and headers."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def json(cls, data: Any, *, status: int = 200, headers: Mapping[str, str] | None = None) -> Reply:
        """A JSON answer."""
        body = json.dumps(data).encode("utf-8")
        return cls(status, body, (("Content-Type", "application/json"), *(headers or {}).items()))

    @classmethod
    def file(cls, path: str | Path, *, status: int = 200) -> Reply:
        """A JSON file's bytes, served as they are."""
        return cls(status, Path(path).read_bytes(), (("Content-Type", "application/json"),))

    @classmethod
    def text(cls, text: str, *, status: int = 200, headers: Mapping[str, str] | None = None) -> Reply:
        """A plain-text answer (ClinicalTrials.gov answers bad requests this way)."""
        return cls(status, text.encode("utf-8"), (("Content-Type", "text/plain"), *(headers or {}).items()))


@dataclass(frozen=True)
class Fault:
    """What goes wrong on one attempt. Build with the class methods."""

    kind: str
    status: int = 0
    headers: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0
    keep: float = 0.5
    honest_length: bool = False
    text: str = ""

    @classmethod
    def status_code(cls, status: int, *, retry_after: str | None = None, body: str = "") -> Fault:
        """Answer with ``status`` (e.g. 429, 500) and a text ``body``, optionally with ``Retry-After``."""
        headers = (("Retry-After", retry_after),) if retry_after is not None else ()
        return cls("status", status=status, headers=headers, text=body)

    @classmethod
    def timeout(cls, seconds: float) -> Fault:
        """Say nothing for ``seconds`` (longer than the client's read timeout), then drop the connection."""
        return cls("timeout", seconds=seconds)

    @classmethod
    def truncated(cls, keep: float = 0.5, *, honest_length: bool = False) -> Fault:
        """Send only the first ``keep`` fraction of the body.

        By default the headers announce the full length and the connection is closed early (the client sees
        a broken transfer); with ``honest_length`` the cut body is a complete HTTP message of invalid JSON.
        """
        return cls("truncated", keep=keep, honest_length=honest_length)

    @classmethod
    def delay(cls, seconds: float) -> Fault:
        """Answer normally after ``seconds``."""
        return cls("delay", seconds=seconds)


@dataclass(frozen=True)
class SeenRequest:
    """One request the server received."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: bytes
    headers: dict[str, str]
    route: int | None
    attempt: int
    client_port: int = 0

    def json(self) -> Any:
        """The body decoded as JSON (None if empty)."""
        return json.loads(self.body) if self.body else None

    def param(self, name: str) -> str | None:
        """The first value of query parameter ``name``."""
        values = self.query.get(name)
        return values[0] if values else None


BodyMatcher = Mapping[str, Any] | Callable[[Any], bool]
Responder = Reply | Callable[[SeenRequest], Reply]


@dataclass
class Route:
    """Answer requests with ``method`` on ``path`` whose query and body match."""

    method: str
    path: str
    reply: Responder
    query: Mapping[str, str | None] = field(default_factory=dict)
    body: BodyMatcher | None = None
    faults: Mapping[int, Fault] = field(default_factory=dict)
    latency: float = 0.0

    def matches(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> bool:
        """True if this route answers the request."""
        if method != self.method or path != self.path:
            return False
        for name, expected in self.query.items():
            values = query.get(name)
            if expected is None and values:
                return False
            if expected is not None and (not values or values[0] != expected):
                return False
        if self.body is None:
            return True
        try:
            decoded = json.loads(body) if body else None
        except ValueError:
            return False
        if callable(self.body):
            return bool(self.body(decoded))
        return isinstance(decoded, dict) and all(decoded.get(key) == value for key, value in self.body.items())


def graphql_operation(name: str) -> Callable[[Any], bool]:
    """Body matcher for a GraphQL POST whose query declares operation ``name``."""
    marker = f"query {name}("

    def matcher(body: Any) -> bool:
        return isinstance(body, dict) and marker in str(body.get("query", ""))

    return matcher


class ReplayServer:
    """Serve routes on 127.0.0.1 at an ephemeral port, one thread per connection."""

    def __init__(self, routes: Iterable[Route] = (), *, latency: float = 0.0):
        self.routes: list[Route] = list(routes)
        self.latency = latency
        self.requests_seen: list[SeenRequest] = []
        self._attempts: dict[int, int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` of the running server."""
        if self._server is None:
            raise RuntimeError("the replay server is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, route: Route) -> Route:
        """Add a route (also while running) and return it."""
        with self._lock:
            self.routes.append(route)
        return route

    def attempts(self, route: Route) -> int:
        """How many requests ``route`` has answered or failed so far."""
        with self._lock:
            return self._attempts.get(self._index(route), 0)

    def start(self) -> str:
        """Start serving in a background thread; return the base URL."""
        handler = type("ReplayHandler", (_Handler,), {"replay": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="replay-server", daemon=True
        )
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        """Stop serving and release the port; sleeping timeout faults are woken up."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> ReplayServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _index(self, route: Route) -> int:
        for index, candidate in enumerate(self.routes):
            if candidate is route:
                return index
        raise ValueError("route not registered")

    def _dispatch(self, method: str, target: str, body: bytes, headers: dict[str, str], client_port: int):
        parts = urlsplit(target)
        query = parse_qs(parts.query, keep_blank_values=True)
        with self._lock:
            index = next(
                (i for i, route in enumerate(self.routes) if route.matches(method, parts.path, query, body)),
                None,
            )
            attempt = 0
            if index is not None:
                attempt = self._attempts.get(index, 0) + 1
                self._attempts[index] = attempt
            seen = SeenRequest(method, parts.path, query, body, headers, index, attempt, client_port)
            self.requests_seen.append(seen)
            route = self.routes[index] if index is not None else None
        return seen, route


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes; do not stall on delayed ACKs
    replay: ReplayServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
        return

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._handle()

    def do_POST(self) -> None:  # noqa: N802
        self._handle()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        seen, route = self.replay._dispatch(
            self.command, self.path, body, dict(self.headers.items()), self.client_address[1]
        )
        if route is None:
            self._send(Reply.json({"error": "no replay route", "method": seen.method, "path": self.path}, status=404))
            return
        fault = route.faults.get(seen.attempt)
        wait = self.replay.latency + route.latency + (fault.seconds if fault and fault.kind == "delay" else 0.0)
        if wait and self.replay._stopping.wait(wait):
            return
        if fault is not None and fault.kind == "timeout":
            self.replay._stopping.wait(fault.seconds)
            self.close_connection = True
            return
        if fault is not None and fault.kind == "status":
            self._send(Reply.text(fault.text, status=fault.status, headers=dict(fault.headers)))
            return
        reply = route.reply(seen) if callable(route.reply) else route.reply
        if fault is not None and fault.kind == "truncated":
            self._send_truncated(reply, fault)
            return
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        try:
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _send_truncated(self, reply: Reply, fault: Fault) -> None:
        cut = reply.body[: int(len(reply.body) * fault.keep)]
        try:
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(cut) if fault.honest_length else len(reply.body)))
            self.end_headers()
            self.wfile.write(cut)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = not fault.honest_length
