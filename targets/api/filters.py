"""Filter backends: django-filter FilterSets and an `ordering` parameter that refuses unknown fields."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter


class StrictOrderingFilter(OrderingFilter):
    """DRF's ordering, except that an unknown field is a 400 naming `ordering` instead of being ignored."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params:
            requested = [part.strip() for part in params.split(",") if part.strip()]
            allowed = {name for name, _label in self.get_valid_fields(queryset, view, {"request": request})}
            unknown = [part for part in requested if part.lstrip("-") not in allowed]
            if unknown:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f"cannot order by {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
                        ]
                    }
                )
        return super().get_ordering(request, queryset, view)


FILTER_BACKENDS = [DjangoFilterBackend, StrictOrderingFilter]
