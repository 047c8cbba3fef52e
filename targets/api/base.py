"""What every NicheRank API view shares: the schema class, pagination, filtering that fails loudly."""

from __future__ import annotations

from rest_framework.exceptions import ValidationError

from scoring.errors import FieldError
from targets.api.filters import FILTER_BACKENDS
from targets.api.pagination import ApiPagination
from targets.api.schema import NicheRankSchema
from targets.api.throttling import THROTTLE_CLASSES


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


def value_error(error: ValueError) -> ValidationError:
    """A service's error as a 400: a FieldError under the field it names, any other ValueError as a
    non-field error."""
    if isinstance(error, FieldError):
        return ValidationError({error.field: [error.message]})
    return ValidationError({"non_field_errors": [str(error)]})
