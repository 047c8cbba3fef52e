"""Renderers for the export formats: the body is built by `targets.exports`; errors stay JSON."""

from __future__ import annotations

from rest_framework.renderers import BaseRenderer, JSONRenderer

from targets.exports.table import XLSX_TYPE


class _PassthroughRenderer(BaseRenderer):
    """Sends a body the view already built; anything else (an error body) as JSON."""

    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes | str):
            return data
        return JSONRenderer().render(data)


class CSVRenderer(_PassthroughRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"


class XLSXRenderer(_PassthroughRenderer):
    media_type = XLSX_TYPE
    format = "xlsx"


class JsonErrorsMixin:
    """For views that answer files: errors keep the one JSON error body, whatever file format was asked for."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400 and getattr(response, "accepted_renderer", None) is not None:
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = "application/json"
            response.renderer_context = self.get_renderer_context()
        return response
