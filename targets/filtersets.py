"""django-filter FilterSets shared by the REST API and the web pages: a filter means the same in both."""

import django_filters
from django.db.models import Q

from targets.choices import Compartment, Role, Stage
from targets.models import RankingRow, Target


def _text_search(queryset, prefix: str, value: str):
    """Match symbol, name, axis or mechanism (case-insensitive)."""
    if not value:
        return queryset
    query = Q()
    for field in ("symbol", "name", "axis__name", "mechanism"):
        query |= Q(**{f"{prefix}{field}__icontains": value})
    return queryset.filter(query)


class TargetFilterSet(django_filters.FilterSet):
    """Filter targets by axis, role, compartment, modality, stage and free text."""

    axis = django_filters.CharFilter(field_name="axis__name", lookup_expr="icontains")
    role = django_filters.ChoiceFilter(choices=Role.choices)
    compartment = django_filters.ChoiceFilter(choices=Compartment.choices)
    modality = django_filters.CharFilter(method="filter_modality", label="modality (e.g. antibody)")
    stage_aml = django_filters.MultipleChoiceFilter(choices=Stage.choices)
    stage_any = django_filters.MultipleChoiceFilter(choices=Stage.choices)
    q = django_filters.CharFilter(method="filter_text", label="text")

    class Meta:
        model = Target
        fields = ["axis", "role", "compartment", "modality", "stage_aml", "stage_any", "q"]

    def filter_modality(self, queryset, name, value):
        return queryset.filter(modalities__icontains=f'"{value}"') if value else queryset

    def filter_text(self, queryset, name, value):
        return _text_search(queryset, "", value)


class RankingRowFilterSet(django_filters.FilterSet):
    """Filter the rows of a ranking by the same target attributes."""

    axis = django_filters.CharFilter(field_name="target__axis__name", lookup_expr="icontains")
    role = django_filters.ChoiceFilter(field_name="target__role", choices=Role.choices)
    compartment = django_filters.ChoiceFilter(field_name="target__compartment", choices=Compartment.choices)
    modality = django_filters.CharFilter(method="filter_modality", label="modality (e.g. antibody)")
    stage_aml = django_filters.MultipleChoiceFilter(field_name="target__stage_aml", choices=Stage.choices)
    stage_any = django_filters.MultipleChoiceFilter(field_name="target__stage_any", choices=Stage.choices)
    q = django_filters.CharFilter(method="filter_text", label="text")
    eligible = django_filters.BooleanFilter()

    class Meta:
        model = RankingRow
        fields = ["axis", "role", "compartment", "modality", "stage_aml", "stage_any", "q", "eligible"]

    def filter_modality(self, queryset, name, value):
        return queryset.filter(target__modalities__icontains=f'"{value}"') if value else queryset

    def filter_text(self, queryset, name, value):
        return _text_search(queryset, "target__", value)
