"""Token authentication with an expiry (NICHERANK_TOKEN_TTL_HOURS); tokens also die with a password change
(`targets.signals`). An unknown or expired token is a 401 with `WWW-Authenticate: Token`."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed


def token_expired(token) -> bool:
    """Whether the token is older than NICHERANK_TOKEN_TTL_HOURS (0: tokens never expire)."""
    hours = settings.NICHERANK_TOKEN_TTL_HOURS
    return bool(hours) and token.created < timezone.now() - timedelta(hours=hours)


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, refused once the token has expired."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            raise AuthenticationFailed("Token has expired; ask /api/auth/token/ for a new one.")
        return user, token
