"""Serializers of scoring profiles (versioned) and of the criteria in force."""

from rest_framework import serializers

from targets.api.ranking_serializers import GatesSerializer, ProfileFieldsSerializer
from targets.models import ScoringProfile


class ProfileSerializer(serializers.ModelSerializer):
    """A stored profile version; field names as in what-if requests (`missing` is the missing-data policy)."""

    missing = serializers.CharField(source="missing_policy")
    owner = serializers.CharField(source="owner.username", allow_null=True, default=None)
    gates = GatesSerializer()

    class Meta:
        model = ScoringProfile
        fields = [
            "name",
            "version",
            "is_current",
            "description",
            "owner",
            "weights",
            "method",
            "missing",
            "gates",
            "dual_policy",
            "concentration",
            "top_k",
            "created_at",
        ]


class ProfileWriteSerializer(ProfileFieldsSerializer):
    """A profile version to store; every edit stores a new version and keeps the old ones readable."""


class ProfileCreateSerializer(ProfileWriteSerializer):
    name = serializers.SlugField(max_length=60, help_text="letters, digits, - and _")

    def validate_name(self, value: str) -> str:
        if ScoringProfile.objects.filter(name=value).exists():
            raise serializers.ValidationError(
                f"a profile named {value!r} exists; PUT /api/profiles/{value}/ stores a new version of it"
            )
        return value


class CriterionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    version = serializers.CharField()
    description = serializers.CharField()
    higher_is_better = serializers.BooleanField()
    transform = serializers.CharField(allow_blank=True, help_text="the formula turning facts into 0..1")
    missing_when = serializers.CharField(allow_blank=True)
    thresholds = serializers.DictField(help_text="the constants the transform uses")


class CriteriaSerializer(serializers.Serializer):
    """The criteria in force and the options a profile may choose from."""

    criteria = CriterionSerializer(many=True)
    methods = serializers.ListField(child=serializers.CharField())
    missing_policies = serializers.ListField(child=serializers.CharField())
    dual_policies = serializers.ListField(child=serializers.CharField())
    default_profile = serializers.CharField()
