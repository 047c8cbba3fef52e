"""What every NicheRank API view shares: the schema class, pagination, filtering that fails loudly."""

from __future__ import annotations

import re

from rest_framework.exceptions import ValidationError

from targets.api.filters import FILTER_BACKENDS
from targets.api.pagination import ApiPagination
from targets.api.schema import NicheRankSchema
from targets.api.throttling import THROTTLE_CLASSES

_FIELD_PREFIX = re.compile(r"^([A-Za-z_][\w.\[\]]*): (.+)$", re.DOTALL)


class ApiViewMixin:
    """Mixed into every API view: error responses in the schema, `?page` / `?page_size` pagination,
    constant-time throttling."""

    schema = NicheRankSchema()
    pagination_class = ApiPagination
    filter_backends = FILTER_BACKENDS
    throttle_classes = THROTTLE_CLASSES

    def get_authenticate_header(self, request):
        """A request that sent a token and was refused gets 401 with `WWW-Authenticate: Token` (as the docs
        say); without credentials the answer stays 403 (sessions have no challenge to offer)."""
        if request.META.get("HTTP_AUTHORIZATION", "").split(" ", 1)[0].lower() == "token":
            return 'Token realm="api"'
        return super().get_authenticate_header(request)


def filtered(filterset_class, request, queryset):
    """Apply a shared FilterSet to a queryset; invalid filter values raise a 400 naming the parameter."""
    filterset = filterset_class(request.query_params, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs


def value_error(error: ValueError) -> ValidationError:
    """A service's ValueError ('weights.safety: must be >= 0') as a 400 naming the field it starts with."""
    message = str(error)
    match = _FIELD_PREFIX.match(message)
    if match:
        return ValidationError({match.group(1): [match.group(2)]})
    return ValidationError({"non_field_errors": [message]})
