"""One error body for every API error: {"error": {"status", "code", "message", "fields"}}."""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from django.views.defaults import page_not_found
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler as drf_exception_handler


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        fields: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            fields.update(_flatten(value, name))
        return fields
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {prefix or "non_field_errors": [str(item) for item in detail]}
        fields = {}
        for index, item in enumerate(detail):
            fields.update(_flatten(item, f"{prefix}[{index}]" if prefix else f"[{index}]"))
        return fields
    return {prefix or "non_field_errors": [str(detail)]}


def _code(exc) -> str:
    if isinstance(exc, Http404):
        return "not_found"
    if isinstance(exc, DjangoPermissionDenied):
        return "permission_denied"
    return getattr(exc, "default_code", "error")


class PayloadTooLarge(APIException):
    """413: the request body is larger than NICHERANK_MAX_REQUEST_MB."""

    status_code = 413
    default_code = "payload_too_large"
    default_detail = "The request body is too large."


def exception_handler(exc, context):
    """Wrap DRF's response in the project's error body, keeping field names for validation errors."""
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge(
            f"The request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2**20} MB "
            "(NICHERANK_MAX_REQUEST_MB); send the ids in several requests."
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    code = _code(exc)
    if isinstance(detail, dict) and set(detail) == {"detail"}:
        message, fields = str(detail["detail"]), {}
    else:
        fields = _flatten(detail)
        message = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in fields.items())
    response.data = error_body(response.status_code, code, message, fields)
    return response


class NoWorkerError(APIException):
    """503: the instance has no Celery worker to run the request."""

    status_code = 503
    default_code = "no_worker"
    default_detail = "No worker is available."


class ConflictError(APIException):
    """409: the request clashes with the current state (a refresh already running, a protected profile)."""

    status_code = 409
    default_code = "conflict"
    default_detail = "The request conflicts with the current state."


class PreconditionFailed(APIException):
    """412: If-Match names a version the resource no longer has (someone else saved in between)."""

    status_code = 412
    default_code = "precondition_failed"
    default_detail = "The resource changed since you read it."


def error_body(status: int, code: str, message: str, fields: dict | None = None) -> dict:
    """The project's error body."""
    return {"error": {"status": status, "code": code, "message": message, "fields": fields or {}}}


def not_found(request, exception=None):
    """handler404: the API's paths answer with the JSON error body, the web pages with Django's page."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(404, "not_found", f"No such path: {request.path}"), status=404)
    return page_not_found(request, exception)
