"""Refresh: curators queue a refresh of the public sources (202); anyone who reads follows its progress."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from scoring.errors import FieldError
from targets.api.base import ApiViewMixin, value_error
from targets.api.errors import ConflictError, NoWorkerError
from targets.api.refresh_serializers import RefreshRequestSerializer, RefreshSourceSerializer, RefreshStatusSerializer
from targets.api.schema import ErrorSerializer
from targets.api.services import refresh_start, refresh_status
from targets.filtersets import RefreshRunFilterSet
from targets.ranking.symbols import resolve_symbols
from targets.refresh.requests import RefreshAlreadyRunning, RefreshUnavailable
from targets.selectors import refresh_request_runs, refresh_runs


def _status_body(runs) -> dict:
    return {"id": runs[0].pk, "status": refresh_status(runs), "sources": runs}


@extend_schema_view(
    list=extend_schema(responses=RefreshSourceSerializer(many=True)),
    retrieve=extend_schema(responses=RefreshStatusSerializer),
    create=extend_schema(
        request=RefreshRequestSerializer,
        responses={202: RefreshStatusSerializer, 409: ErrorSerializer, 503: ErrorSerializer},
    ),
)
class RefreshViewSet(ApiViewMixin, mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """POST queues a refresh (curators; 202 with the run id); GET {id}/ gives its status per source."""

    queryset = refresh_runs()
    serializer_class = RefreshSourceSerializer
    filterset_class = RefreshRunFilterSet
    ordering_fields = ["created_at", "id"]

    def create(self, request, *args, **kwargs):
        params = RefreshRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        symbols = params.validated_data.get("symbols") or None
        if symbols:
            _, unknown = resolve_symbols(symbols)
            if unknown:
                raise value_error(FieldError("symbols", f"unknown identifiers: {', '.join(unknown)}"))
        try:
            runs = refresh_start(
                sources=params.validated_data.get("sources") or None,
                symbols=symbols,
                username=request.user.get_username(),
            )
        except RefreshAlreadyRunning as error:
            raise ConflictError(f"{error}; follow it at /api/refresh/{error.run_id}/") from None
        except RefreshUnavailable as error:
            raise NoWorkerError(str(error)) from None
        except ValueError as error:
            raise value_error(error) from None
        body = RefreshStatusSerializer(_status_body(runs)).data
        headers = {"Location": f"/api/refresh/{runs[0].pk}/"}
        return Response(body, status=status.HTTP_202_ACCEPTED, headers=headers)

    def retrieve(self, request, *args, **kwargs):
        """The request's overall status and each source's progress, counts and errors."""
        run = self.get_object()
        return Response(RefreshStatusSerializer(_status_body(refresh_request_runs(run))).data)
