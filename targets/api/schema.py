"""OpenAPI schema generation: every operation documents the project's error body for its error statuses."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="the HTTP status, repeated")
    code = serializers.CharField(help_text="machine-readable kind, e.g. invalid, not_found, permission_denied")
    message = serializers.CharField(help_text="one line for humans, naming the fields at fault")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="field name (dotted for nested fields) -> its errors; empty when no field is at fault",
    )


class ErrorSerializer(serializers.Serializer):
    """The one error body of the API."""

    error = ErrorDetailSerializer()


ERROR_DESCRIPTIONS = {
    "400": "Invalid input; `error.fields` names each field at fault.",
    "401": "Authentication credentials were invalid.",
    "403": "Not signed in (when anonymous reading is off) or lacking the role this needs.",
    "404": "No such object (or page).",
    "406": "The requested format is not available here.",
    "415": "Unsupported request content type.",
    "429": "Too many requests for this user; retry after the time in the Retry-After header.",
}
BODY_METHODS = {"POST", "PUT", "PATCH"}


class NicheRankSchema(AutoSchema):
    """drf-spectacular's AutoSchema plus the error responses every NicheRank operation can give."""

    def get_filter_backends(self):
        """Also document the filters of views' custom actions that filter (`view.filtered_actions`)."""
        if getattr(self.view, "action", None) in getattr(self.view, "filtered_actions", ()):
            return list(getattr(self.view, "filter_backends", []))
        return super().get_filter_backends()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        error_ref = self.resolve_serializer(ErrorSerializer, direction).ref
        for code, description in ERROR_DESCRIPTIONS.items():
            if code == "415" and self.method not in BODY_METHODS:
                continue
            responses.setdefault(
                code, {"content": {"application/json": {"schema": error_ref}}, "description": description}
            )
        return responses
