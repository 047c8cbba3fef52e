"""Serializers of rankings: stored runs and rows, what-if requests and results, batches, diffs."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from scoring import limits
from scoring.criteria import CRITERION_KEYS
from scoring.profiles import COMPARTMENTS, DUAL_POLICIES, GATE_DIRECTIONS, METHODS, MISSING_POLICIES
from targets.api.serializers import TargetSummarySerializer
from targets.flags import ASSEMBLED, UNVERIFIED, run_source_records
from targets.models import RankingRow, RankingRun
from targets.ranking.rows import ROW_FIELDS


@extend_schema_field(
    {"type": "object", "additionalProperties": {"type": "number", "nullable": True}},
)
class CriterionFloatsField(serializers.JSONField):
    """criterion key -> number (null when the value is missing); stored JSON passed through as it is."""


class IdentifierListField(serializers.ListField):
    """A list of identifiers (HGNC symbols or Ensembl gene ids), checked in one pass: batches carry thousands."""

    max_item_length = 50

    def __init__(self, **kwargs):
        super().__init__(child=serializers.CharField(max_length=self.max_item_length), **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str | dict) or not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        if not self.allow_empty and not data:
            self.fail("empty")
        errors = {}
        for index, item in enumerate(data):
            if not isinstance(item, str):
                errors[index] = ["Not a valid string."]
            elif len(item) > self.max_item_length or "\x00" in item:
                errors[index] = [f"Not an identifier (at most {self.max_item_length} characters, no NUL)."]
        if errors:
            raise serializers.ValidationError(errors)
        return data


class MarksMixin(serializers.Serializer):
    """'unverified' and 'assembled' as booleans, read from the row's flags."""

    unverified = serializers.SerializerMethodField(help_text="a fact feeding this target is unverified")
    assembled = serializers.SerializerMethodField(help_text="a shown value comes from assembled source records")

    def get_unverified(self, row) -> bool:
        return UNVERIFIED in _flags(row)

    def get_assembled(self, row) -> bool:
        return ASSEMBLED in _flags(row)


def _flags(row) -> list:
    return row["flags"] if isinstance(row, dict) else row.flags


class RankingRowSerializer(MarksMixin, serializers.ModelSerializer):
    symbol = serializers.CharField(source="target.symbol")
    axis = serializers.CharField(source="target.axis.name")
    role = serializers.CharField(source="target.role")
    compartment = serializers.CharField(source="target.compartment")
    contributions = CriterionFloatsField()
    values = CriterionFloatsField()
    flags = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = RankingRow
        fields = ["symbol", *ROW_FIELDS, "unverified", "assembled", "axis", "role", "compartment"]


class RankingRunSerializer(serializers.ModelSerializer):
    profile = serializers.CharField(source="profile.name")
    profile_version = serializers.IntegerField(source="profile.version")
    source_records = serializers.SerializerMethodField(
        help_text="how many source records were assembled (illustrative) rather than fetched, and whether "
        "assembled values could move this ranking; null for runs stored before this was recorded"
    )

    class Meta:
        model = RankingRun
        fields = [
            "id",
            "created_at",
            "profile",
            "profile_version",
            "method",
            "missing_policy",
            "input_hash",
            "code_version",
            "data_versions",
            "source_records",
            "criteria",
            "seed",
            "stability_samples",
            "stability_components",
            "target_count",
            "triggered_by",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "state": {"type": "string", "enum": ["fetched", "assembled", "mixed", "none"]},
                "assembled": {"type": "integer"},
                "fetched": {"type": "integer"},
                "assembled_values_counted": {"type": "boolean"},
            },
        }
    )
    def get_source_records(self, run) -> dict | None:
        return run_source_records(run)


class GatesSerializer(serializers.Serializer):
    antibody_only = serializers.BooleanField(required=False)
    exclude_dual = serializers.BooleanField(required=False)
    min_coverage = serializers.FloatField(required=False, **limits.MIN_COVERAGE.min_max())
    direction = serializers.ChoiceField(
        choices=GATE_DIRECTIONS,
        required=False,
        allow_blank=True,
        help_text="inhibit: pro-leukemic and dual-role targets; enhance: anti-leukemic and dual-role; '': all",
    )
    compartments = serializers.ListField(
        child=serializers.ChoiceField(choices=COMPARTMENTS), required=False, help_text="admit only these (empty: all)"
    )


class ProfileFieldsSerializer(serializers.Serializer):
    """The fields of a scoring profile, named as `scoring.profiles.profile_from_dict` names them."""

    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    weights = serializers.DictField(
        child=serializers.FloatField(**limits.WEIGHT.min_max()),
        help_text=f"criterion key -> weight >= 0; keys: {', '.join(CRITERION_KEYS)}",
    )
    method = serializers.ChoiceField(choices=METHODS, required=False)
    missing = serializers.ChoiceField(choices=MISSING_POLICIES, required=False, help_text="missing-data policy")
    gates = GatesSerializer(required=False)
    dual_policy = serializers.ChoiceField(choices=DUAL_POLICIES, required=False)
    concentration = serializers.FloatField(required=False, **limits.CONCENTRATION.min_max())
    top_k = serializers.IntegerField(required=False, **limits.TOP_K.min_max())


class WhatIfRequestSerializer(ProfileFieldsSerializer):
    """Weights and options to rank under, without saving; fields not given come from `base_profile`."""

    weights = serializers.DictField(
        child=serializers.FloatField(**limits.WEIGHT.min_max()),
        required=False,
        help_text=f"criterion key -> weight >= 0; keys: {', '.join(CRITERION_KEYS)}",
    )
    base_profile = serializers.SlugField(required=False, help_text="current profile supplying missing fields")
    symbols = IdentifierListField(
        required=False,
        allow_empty=False,
        help_text="return only these HGNC symbols or Ensembl gene ids (default: all targets); ranks are still "
        "those among all targets, as on the web",
    )
    samples = serializers.IntegerField(
        required=False, default=0, **limits.WHAT_IF_SAMPLES.min_max(), help_text="stability samples"
    )
    seed = serializers.IntegerField(required=False, default=0, **limits.SEED.min_max())

    def validate(self, attrs):
        if "weights" not in attrs and "base_profile" not in attrs:
            raise serializers.ValidationError({"weights": ["required unless base_profile is given"]})
        return attrs


class WhatIfRowSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    rank = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField(allow_null=True)
    contributions = CriterionFloatsField()
    values = CriterionFloatsField()
    coverage = serializers.FloatField()
    eligible = serializers.BooleanField()
    excluded_reason = serializers.CharField(allow_blank=True)
    direction = serializers.CharField(allow_blank=True)
    flags = serializers.ListField(child=serializers.CharField())
    median_rank = serializers.FloatField(allow_null=True)
    rank_p05 = serializers.IntegerField(allow_null=True)
    rank_p95 = serializers.IntegerField(allow_null=True)
    p_top_k = serializers.FloatField(allow_null=True)
    role = serializers.CharField(allow_blank=True)


class WhatIfResponseSerializer(serializers.Serializer):
    """A ranking computed on request: nothing was saved."""

    profile = serializers.DictField(help_text="the profile ranked under, every field resolved")
    method = serializers.CharField()
    missing = serializers.CharField()
    input_hash = serializers.CharField()
    code_version = serializers.CharField()
    seed = serializers.IntegerField()
    stability_samples = serializers.IntegerField()
    stability_components = serializers.ListField(
        child=serializers.CharField(), help_text="what the rank intervals vary: weights, thresholds, data"
    )
    unknown = serializers.ListField(child=serializers.CharField(), help_text="identifiers that matched nothing")
    rows = WhatIfRowSerializer(many=True)


class BatchRequestSerializer(serializers.Serializer):
    """Identifiers to look up: HGNC symbols or Ensembl gene ids, any case, any number."""

    ids = IdentifierListField(allow_empty=False)
    run = serializers.IntegerField(required=False, min_value=1, help_text="ranking run (default: the latest)")
    profile = serializers.SlugField(required=False, help_text="latest run of this profile (when run is not given)")


class BatchRankSerializer(MarksMixin, serializers.ModelSerializer):
    contributions = CriterionFloatsField()
    values = CriterionFloatsField()
    flags = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = RankingRow
        fields = [*ROW_FIELDS, "unverified", "assembled"]


class BatchResultSerializer(serializers.Serializer):
    target = TargetSummarySerializer()
    ranking = BatchRankSerializer(allow_null=True, help_text="null when the target is not in the run")


class BatchResponseSerializer(serializers.Serializer):
    run = RankingRunSerializer(allow_null=True)
    count = serializers.IntegerField()
    results = BatchResultSerializer(many=True)
    unknown = serializers.ListField(child=serializers.CharField(), help_text="identifiers that matched nothing")


class RowDiffSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    rank_a = serializers.IntegerField(allow_null=True, help_text="rank in the `against` run")
    rank_b = serializers.IntegerField(allow_null=True, help_text="rank in this run")
    moved = serializers.IntegerField(allow_null=True, help_text="positive = moved up")
    by_data = serializers.IntegerField(allow_null=True, help_text="part of the move due to changed data")
    by_weights = serializers.IntegerField(allow_null=True, help_text="part due to the changed profile")
    cause = serializers.ChoiceField(choices=["unchanged", "data", "weights", "data and weights", "added", "removed"])
    changed_criteria = serializers.ListField(child=serializers.CharField())
