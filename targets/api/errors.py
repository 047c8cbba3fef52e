"""One error body for every API error: {"error": {"status", "code", "message", "fields"}}."""

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


def exception_handler(exc, context):
    """Wrap DRF's response in the project's error body, keeping field names for validation errors."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    code = getattr(exc, "default_code", "error")
    if isinstance(detail, dict) and set(detail) == {"detail"}:
        message, fields = str(detail["detail"]), {}
    else:
        fields = _flatten(detail)
        message = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in fields.items())
    response.data = {
        "error": {"status": response.status_code, "code": code, "message": message, "fields": fields}
    }
    return response
