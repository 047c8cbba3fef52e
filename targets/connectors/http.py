"""One configured ``requests`` session per source: timeouts, bounded retries with backoff, rate limit.

Every outbound call of the connectors goes through :class:`SourceClient`. Transient failures (connection
errors, timeouts, HTTP 429 and 5xx, bodies cut short) are retried with exponential backoff, honouring
``Retry-After``, at most ``max_tries`` times in all; then :class:`TransientSourceError` is raised. Other 4xx
answers raise :class:`PermanentSourceError` at once; a body that is not JSON raises
:class:`MalformedResponseError`.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from targets.connectors.errors import MalformedResponseError, PermanentSourceError, TransientSourceError

USER_AGENT = "NicheRank/0.1 (+https://github.com/nicherank/nicherank; mailto:nicherank@example.org)"


@dataclass(frozen=True, kw_only=True)
class SourceConfig:
    """How to reach one source. Tests point ``base_url`` at the replay server and set ``min_interval=0``."""

    name: str
    base_url: str
    connect_timeout: float = 5.0
    read_timeout: float = 60.0
    max_tries: int = 5
    backoff_base: float = 1.0
    backoff_cap: float = 60.0
    max_retry_after: float = 300.0
    min_interval: float = 0.2
    pool_size: int = 8
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        if not 1 <= self.max_tries <= 5:
            raise ValueError(f"max_tries must be between 1 and 5, not {self.max_tries}")
        if self.min_interval < 0 or self.backoff_base < 0:
            raise ValueError("min_interval and backoff_base must not be negative")


class RateLimiter:
    """Spaces requests at least ``min_interval`` seconds apart (thread-safe, shared by one client)."""

    def __init__(
        self,
        min_interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.min_interval = min_interval
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_slot = 0.0

    def wait(self) -> None:
        """Block until this caller's slot; slots are handed out in call order."""
        if self.min_interval <= 0:
            return
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_slot)
            self._next_slot = slot + self.min_interval
        if slot > now:
            self._sleep(slot - now)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date); None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


class SourceClient:
    """HTTP access to one source through one pooled session; returns decoded JSON."""

    def __init__(
        self,
        config: SourceConfig,
        *,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
    ):
        self.config = config
        self._sleep = sleep
        self.session = session or self._new_session(config)
        self.rate_limiter = RateLimiter(config.min_interval, sleep=sleep)
        self.requests_sent = 0
        self._count_lock = threading.Lock()

    @staticmethod
    def _new_session(config: SourceConfig) -> requests.Session:
        session = requests.Session()
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=config.pool_size, max_retries=0)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers.update({"User-Agent": config.user_agent, "Accept": "application/json"})
        return session

    def url(self, path: str) -> str:
        """Absolute URL of ``path``: relative paths join ``base_url``; a path starting with ``/`` or a
        full URL (as in ChEMBL's ``page_meta.next``) is resolved against the base URL's host."""
        if path.startswith(("http://", "https://")):
            return path
        base = self.config.base_url.rstrip("/")
        if path.startswith("/"):
            scheme, _, rest = base.partition("://")
            host = rest.split("/", 1)[0]
            return f"{scheme}://{host}{path}"
        return f"{base}/{path}" if path else base

    def get_json(self, path: str = "", *, params: Mapping[str, Any] | None = None) -> Any:
        """GET ``path`` and return its JSON body."""
        return self.request_json("GET", path, params=params)

    def post_json(self, path: str = "", *, payload: Any) -> Any:
        """POST a JSON ``payload`` to ``path`` and return the JSON body (GraphQL 400s return their body)."""
        return self.request_json("POST", path, json_body=payload)

    def close(self) -> None:
        """Close the pooled connections."""
        self.session.close()

    def request_json(
        self, method: str, path: str, *, params: Mapping[str, Any] | None = None, json_body: Any = None
    ) -> Any:
        """Send one request with retries; return the decoded JSON body of the final answer."""
        url = self.url(path)
        last_error: TransientSourceError | None = None
        for attempt in range(1, self.config.max_tries + 1):
            if attempt > 1:
                self._sleep(self._delay(attempt, last_error))
            try:
                response = self._send(method, url, params, json_body)
            except TransientSourceError as error:
                last_error = error
                continue
            return self._decode(response, url)
        assert last_error is not None
        raise TransientSourceError(
            self.config.name,
            f"gave up after {self.config.max_tries} tries: {last_error.detail}",
            status=last_error.status,
            retry_after=last_error.retry_after,
        )

    def _delay(self, attempt: int, error: TransientSourceError | None) -> float:
        backoff = min(self.config.backoff_cap, self.config.backoff_base * 2 ** (attempt - 2))
        if error is not None and error.retry_after is not None:
            return min(self.config.max_retry_after, max(backoff, error.retry_after))
        return backoff

    def _send(self, method: str, url: str, params: Mapping[str, Any] | None, json_body: Any) -> requests.Response:
        """One attempt; transient failures come back as TransientSourceError, the rest as a response."""
        name = self.config.name
        self.rate_limiter.wait()
        with self._count_lock:
            self.requests_sent += 1
        try:
            response = self.session.request(
                method,
                url,
                params=params,
                json=json_body,
                timeout=(self.config.connect_timeout, self.config.read_timeout),
            )
            response.content  # noqa: B018 - read the whole body inside the try: a cut body is transient
        except requests.Timeout as error:
            raise TransientSourceError(name, f"timeout on {method} {url}: {error}") from error
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as error:
            raise TransientSourceError(name, f"connection error on {method} {url}: {error}") from error
        status = response.status_code
        if status == 429 or status >= 500:
            raise TransientSourceError(
                name,
                f"HTTP {status} on {method} {url}",
                status=status,
                retry_after=parse_retry_after(response.headers.get("Retry-After")),
            )
        return response

    def _decode(self, response: requests.Response, url: str) -> Any:
        name = self.config.name
        status = response.status_code
        try:
            body = response.json()
        except (ValueError, json.JSONDecodeError):
            if status >= 400:
                raise PermanentSourceError(
                    name, f"HTTP {status} on {url}: {response.text[:300]}", status=status
                ) from None
            raise MalformedResponseError(name, "$", f"body of {url} is not valid JSON") from None
        if status >= 400 and not _is_graphql_error_body(body):
            raise PermanentSourceError(name, f"HTTP {status} on {url}: {str(body)[:300]}", status=status)
        return body


def _is_graphql_error_body(body: Any) -> bool:
    """GraphQL servers answer bad queries with 400 and an ``errors`` list; let the GraphQL layer read it."""
    return isinstance(body, dict) and isinstance(body.get("errors"), list)
