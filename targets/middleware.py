"""Request-level guards and context shared by the web pages and the API.

- ``RequestIdMiddleware`` gives every request an id (the client's ``X-Request-ID`` when it is sane), puts it on
  the response and into the logs (and, through ``targets.logging``, into the Celery tasks the request queues);
  a write whose re-rank could not reach the broker answers with ``X-Rerank-Pending: 1``.
- ``InputGuardMiddleware`` answers 400 for NUL bytes in the path or a query parameter (PostgreSQL cannot store
  or compare them), and 409 for a unique-constraint race two simultaneous writes lost (rather than a 500).
- ``SecurityHeadersMiddleware`` adds the Content-Security-Policy.
"""

from __future__ import annotations

import logging
import re
import uuid

from django.conf import settings
from django.db import IntegrityError
from django.http import HttpResponse, JsonResponse

from targets.logging import request_id_var
from targets.outbox import pending_var

logger = logging.getLogger(__name__)
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def error_response(request, status: int, code: str, message: str, fields: dict | None = None) -> HttpResponse:
    """The API's JSON error body under /api/ (and for JSON helpers), a plain-text answer for web pages."""
    if request.path.startswith("/api/") or request.path.endswith(".json"):
        body = {"error": {"status": status, "code": code, "message": message, "fields": fields or {}}}
        return JsonResponse(body, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class RequestIdMiddleware:
    """Tag the request, its log lines and its response with one id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if _SANE_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request.request_id)
        pending = pending_var.set(False)
        try:
            response = self.get_response(request)
            if pending_var.get():  # the write is saved; its re-rank waits in the outbox for the broker
                response["X-Rerank-Pending"] = "1"
        finally:
            request_id_var.reset(token)
            pending_var.reset(pending)
        response["X-Request-ID"] = request.request_id
        return response


def nul_field(request) -> str | None:
    """The first part of the request line holding a NUL byte: 'path' or the query parameter's name."""
    if "\x00" in request.path:
        return "path"
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "?")
    return None


class InputGuardMiddleware:
    """400 for NUL bytes in the request line; 409 for a write that lost a unique-constraint race."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        field = nul_field(request)
        if field is not None:
            message = "NUL characters are not allowed."
            return error_response(request, 400, "invalid", f"{field}: {message}", {field: [message]})
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, IntegrityError):
            logger.warning("unique-constraint race answered 409: %s", exception)
            return error_response(
                request,
                409,
                "conflict",
                "The change clashes with one saved at the same moment (the same name or the same record); "
                "reload and try again.",
            )
        return None


class SecurityHeadersMiddleware:
    """Content-Security-Policy (NICHERANK_CSP; empty turns it off) on every response that has none; the API's
    interactive docs get NICHERANK_CSP_DOCS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        docs = request.path == "/api/docs/"  # Swagger UI: assets from the sidecar package, one inline script
        policy = settings.NICHERANK_CSP_DOCS if docs else settings.NICHERANK_CSP
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response
