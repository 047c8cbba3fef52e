"""Brute-force protection: after NICHERANK_LOGIN_MAX_FAILURES failed sign-ins for one username or from one
address within NICHERANK_LOGIN_LOCKOUT_SECONDS, further attempts answer 429 without checking the password
(hashing is what saturates the CPU). Counters live in the cache; when the cache is down, sign-in still works."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def _keys(request, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "")
    name = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    return [f"login-fail:user:{name}", f"login-fail:addr:{address}"]


def locked_out(request, username: str) -> bool:
    """True when this username or this address has used up its failed attempts."""
    try:
        counts = cache.get_many(_keys(request, username))
    except Exception:  # the cache is down: do not lock everyone out
        logger.warning("sign-in lockout unavailable: cache error", exc_info=True)
        return False
    return any(count >= settings.NICHERANK_LOGIN_MAX_FAILURES for count in counts.values())


def record_failure(request, username: str) -> None:
    """Count one failed sign-in against the username and the address."""
    try:
        for key in _keys(request, username):
            cache.add(key, 0, settings.NICHERANK_LOGIN_LOCKOUT_SECONDS)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, settings.NICHERANK_LOGIN_LOCKOUT_SECONDS)
    except Exception:
        logger.warning("sign-in failure not counted: cache error", exc_info=True)


def record_success(request, username: str) -> None:
    """A successful sign-in clears the username's counter (the address's keeps counting other names)."""
    try:
        cache.delete(_keys(request, username)[0])
    except Exception:
        logger.warning("sign-in counter not cleared: cache error", exc_info=True)


def lockout_message() -> str:
    minutes = max(1, settings.NICHERANK_LOGIN_LOCKOUT_SECONDS // 60)
    return f"Too many failed sign-ins; try again in {minutes} minutes."
