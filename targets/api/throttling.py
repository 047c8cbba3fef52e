"""Per-user (and per-address for anonymous) throttling in constant time per request.

DRF's stock throttles keep every request's timestamp of the last period in the cache and rewrite that list
on each request: at the rates scripts reach (100,000/hour) that list grows to 100,000 entries and each
request slows down with it. These count requests per fixed window with one cache increment instead, reading
the same settings (`DEFAULT_THROTTLE_RATES` "user" and "anon"). When the cache is unreachable the request
is let through (and logged): an outage of Redis must not take the API down."""

import logging
import time

from rest_framework import throttling

logger = logging.getLogger(__name__)
_last_warning = [0.0]


def _warn_once_a_minute(error: Exception) -> None:
    """Log the cache outage once a minute per process, not once per request."""
    now = time.monotonic()
    if now - _last_warning[0] >= 60:
        _last_warning[0] = now
        logger.warning("throttle counters unavailable (requests are not counted): %s", error)


class FixedWindowRateThrottle(throttling.SimpleRateThrottle):
    """At most `num_requests` per window of `duration` seconds, counted with `cache.incr`."""

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_end = (window + 1) * self.duration
        key = f"{self.key}:{window}"
        try:
            count = self._count(key)
        except Exception as error:  # the cache (Redis) is down: serve the request rather than fail it
            _warn_once_a_minute(error)
            return True
        return count <= self.num_requests

    def _count(self, key: str) -> int:
        self.cache.add(key, 0, self.duration)
        try:
            return self.cache.incr(key)
        except ValueError:  # the window expired between add and incr
            self.cache.set(key, 1, self.duration)
            return 1

    def wait(self) -> float:
        return max(0.0, self.window_end - self.now)


class UserThrottle(FixedWindowRateThrottle, throttling.UserRateThrottle):
    """Signed-in users by id, anonymous ones by address: the "user" rate."""


class AnonThrottle(FixedWindowRateThrottle, throttling.AnonRateThrottle):
    """Anonymous users by address: the "anon" rate."""


THROTTLE_CLASSES = [UserThrottle, AnonThrottle]
