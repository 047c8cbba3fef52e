"""django-filter FilterSets shared by the REST API and the web pages: a filter means the same in both."""

from datetime import UTC

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import F, OuterRef, Q, Subquery
from django_filters.fields import IsoDateTimeField

from targets.choices import (
    EXTERNAL_SOURCES,
    Compartment,
    EvidenceDirection,
    EvidenceLevel,
    Modality,
    Role,
    Source,
    Stage,
)
from targets.models import (
    ClinicalTrial,
    Drug,
    Evidence,
    Interaction,
    RankingRow,
    RankingRun,
    RefreshRun,
    Target,
)


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


class RowOrderingFilter(django_filters.OrderingFilter):
    """Order ranked rows; missing values (unranked rows) always last, ties broken by symbol."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        expressions = []
        for param in value:
            field = self.get_ordering_value(param)
            if field.startswith("-"):
                expressions.append(F(field[1:]).desc(nulls_last=True))
            else:
                expressions.append(F(field).asc(nulls_last=True))
        return queryset.order_by(*expressions, "target__symbol")


class RankingRowFilterSet(django_filters.FilterSet):
    """Filter the rows of a ranking by the same target attributes, and order them."""

    axis = django_filters.CharFilter(field_name="target__axis__name", lookup_expr="icontains")
    role = django_filters.ChoiceFilter(field_name="target__role", choices=Role.choices)
    compartment = django_filters.ChoiceFilter(field_name="target__compartment", choices=Compartment.choices)
    modality = django_filters.CharFilter(method="filter_modality", label="modality (e.g. antibody)")
    stage_aml = django_filters.MultipleChoiceFilter(field_name="target__stage_aml", choices=Stage.choices)
    stage_any = django_filters.MultipleChoiceFilter(field_name="target__stage_any", choices=Stage.choices)
    q = django_filters.CharFilter(method="filter_text", label="text")
    eligible = django_filters.BooleanFilter()
    ordering = RowOrderingFilter(
        fields=(
            ("rank", "rank"),
            ("score", "score"),
            ("coverage", "coverage"),
            ("p_top_k", "p_top_k"),
            ("median_rank", "median_rank"),
            ("target__symbol", "symbol"),
        ),
        label="order by (prefix - for descending)",
    )

    class Meta:
        model = RankingRow
        fields = ["axis", "role", "compartment", "modality", "stage_aml", "stage_any", "q", "eligible"]

    def filter_modality(self, queryset, name, value):
        return queryset.filter(target__modalities__icontains=f'"{value}"') if value else queryset

    def filter_text(self, queryset, name, value):
        return _text_search(queryset, "target__", value)


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, converted to UTC here: PostgreSQL refuses offsets beyond 15:59, and a date near
    year 1 or 9999 may leave the calendar once converted. Either is a 400 naming the parameter."""

    def clean(self, value):
        cleaned = super().clean(value)
        if cleaned is None:
            return None
        try:
            return cleaned.astimezone(UTC) if cleaned.tzinfo else cleaned
        except OverflowError:
            raise ValidationError("Out of range once converted to UTC.", code="invalid") from None


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class RankingRunFilterSet(django_filters.FilterSet):
    """Filter stored runs by profile name and version, method and date; `latest` keeps each profile's newest."""

    profile = django_filters.CharFilter(field_name="profile__name")
    profile_version = django_filters.NumberFilter(field_name="profile__version")
    method = django_filters.CharFilter()
    created_after = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="lte")
    latest = django_filters.BooleanFilter(method="filter_latest", label="only the newest run of each profile")

    class Meta:
        model = RankingRun
        fields = ["profile", "profile_version", "method", "created_after", "created_before", "latest"]

    def filter_latest(self, queryset, name, value):
        if not value:
            return queryset
        newest = RankingRun.objects.filter(profile__name=OuterRef("profile__name")).order_by("-created_at", "-id")
        return queryset.filter(pk=Subquery(newest.values("pk")[:1]))


class DrugFilterSet(django_filters.FilterSet):
    """Filter drugs by modality, highest stage, target and name."""

    modality = django_filters.ChoiceFilter(choices=Modality.choices)
    max_stage = django_filters.MultipleChoiceFilter(choices=Stage.choices)
    target = django_filters.CharFilter(method="filter_target", label="target symbol")
    q = django_filters.CharFilter(method="filter_text", label="name or ChEMBL id")

    class Meta:
        model = Drug
        fields = ["modality", "max_stage", "target", "q"]

    def filter_target(self, queryset, name, value):
        return queryset.filter(mechanisms__target__symbol__iexact=value).distinct() if value else queryset

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(chembl_id__iexact=value)) if value else queryset


class TrialFilterSet(django_filters.FilterSet):
    """Filter clinical trials by target, stage, status and text."""

    target = django_filters.CharFilter(field_name="targets__symbol", lookup_expr="iexact", distinct=True)
    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices)
    overall_status = django_filters.CharFilter(lookup_expr="iexact")
    source = django_filters.ChoiceFilter(choices=Source.choices)
    q = django_filters.CharFilter(method="filter_text", label="title or NCT id")

    class Meta:
        model = ClinicalTrial
        fields = ["target", "stage", "overall_status", "source", "q"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(nct_id__iexact=value)) if value else queryset


class EvidenceFilterSet(django_filters.FilterSet):
    """Filter evidence by target, direction, level, verification and origin."""

    target = django_filters.CharFilter(field_name="target__symbol", lookup_expr="iexact")
    direction = django_filters.ChoiceFilter(choices=EvidenceDirection.choices)
    level = django_filters.ChoiceFilter(choices=EvidenceLevel.choices)
    verified = django_filters.BooleanFilter()
    source = django_filters.ChoiceFilter(choices=Source.choices)

    class Meta:
        model = Evidence
        fields = ["target", "direction", "level", "verified", "source"]


class InteractionFilterSet(django_filters.FilterSet):
    """Filter ligand-receptor pairs by either partner."""

    symbol = django_filters.CharFilter(method="filter_symbol", label="ligand or receptor symbol")
    ligand = django_filters.CharFilter(field_name="ligand__symbol", lookup_expr="iexact")
    receptor = django_filters.CharFilter(field_name="receptor__symbol", lookup_expr="iexact")

    class Meta:
        model = Interaction
        fields = ["symbol", "ligand", "receptor"]

    def filter_symbol(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(ligand__symbol__iexact=value) | Q(receptor__symbol__iexact=value))


class RefreshRunFilterSet(django_filters.FilterSet):
    """Filter refresh runs by source and status."""

    source = django_filters.ChoiceFilter(choices=[(str(s), s.label) for s in EXTERNAL_SOURCES])
    status = django_filters.ChoiceFilter(choices=RefreshRun.Status.choices)

    class Meta:
        model = RefreshRun
        fields = ["source", "status"]
