"""Serializers of the team deliberation API: read shapes and the write bodies (bounded text, no NUL bytes)."""

from __future__ import annotations

from rest_framework import serializers

from targets.models import Target
from targets.models.deliberation import (
    COMMENT_MAX,
    NOTE_MAX,
    REASON_MAX,
    SHORTLIST_NAME_MAX,
    Comment,
    DecisionLogEntry,
    MemberStance,
    Shortlist,
    StanceChoice,
    TeamDecision,
)

MAX_POSITION = 100_000


class TargetSymbolField(serializers.CharField):
    """A curated target given by its HGNC symbol (any case); unknown symbols are a field error."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("help_text", "the target's HGNC symbol, e.g. CXCR4")
        super().__init__(**kwargs)

    def run_validation(self, data=serializers.empty):
        symbol = super().run_validation(data).strip().upper()
        target = Target.objects.filter(symbol=symbol).first()
        if target is None:
            raise serializers.ValidationError(f"No curated target '{symbol}'.")
        return target

    def to_representation(self, value):
        return value.symbol if isinstance(value, Target) else value


class CommentSerializer(serializers.ModelSerializer):
    target = serializers.CharField(source="target.symbol", read_only=True)
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "target", "author", "body", "created_at"]


class CommentCreateSerializer(serializers.Serializer):
    target = TargetSymbolField()
    body = serializers.CharField(max_length=COMMENT_MAX, help_text=f"the comment, at most {COMMENT_MAX} characters")


class StanceWriteSerializer(serializers.Serializer):
    target = TargetSymbolField()
    stance = serializers.ChoiceField(choices=StanceChoice.choices)
    reason = serializers.CharField(max_length=REASON_MAX, help_text=f"required, at most {REASON_MAX} characters")


class DecisionWriteSerializer(StanceWriteSerializer):
    expected_version = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_POSITION,
        help_text="the decision version you read (0: none yet); a newer one answers 409 instead of overwriting",
    )


class MemberStanceSerializer(serializers.ModelSerializer):
    target = serializers.CharField(source="target.symbol", read_only=True)
    user = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = MemberStance
        fields = ["target", "user", "stance", "reason", "updated_at"]


class TeamDecisionSerializer(serializers.ModelSerializer):
    target = serializers.CharField(source="target.symbol", read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", read_only=True)

    class Meta:
        model = TeamDecision
        fields = ["target", "stance", "reason", "decided_by", "decided_at", "version"]


class DecisionLogSerializer(serializers.ModelSerializer):
    target = serializers.CharField(source="target.symbol", read_only=True)
    actor = serializers.CharField(source="actor.username", read_only=True)
    shortlist = serializers.CharField(source="shortlist_name", read_only=True)
    stance_before = serializers.CharField(read_only=True, help_text="pursue, watch, drop, or '' (none before)")
    stance_after = serializers.CharField(read_only=True, help_text="pursue, watch, drop, or '' (not a stance entry)")

    class Meta:
        model = DecisionLogEntry
        fields = ["id", "target", "actor", "action", "stance_before", "stance_after", "reason", "shortlist", "at"]


class ShortlistRowSerializer(serializers.Serializer):
    position = serializers.IntegerField(source="item.position")
    target = serializers.CharField(source="item.target.symbol")
    note = serializers.CharField(source="item.note")
    added_by = serializers.CharField(source="item.added_by.username")
    added_at = serializers.DateTimeField(source="item.added_at")
    rank = serializers.IntegerField(source="row.rank", allow_null=True, default=None)
    score = serializers.FloatField(source="row.score", allow_null=True, default=None)
    team_stance = serializers.CharField(source="decision.stance", allow_null=True, default=None)


class ShortlistSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username", read_only=True)
    targets = serializers.SerializerMethodField()

    class Meta:
        model = Shortlist
        fields = ["slug", "name", "description", "created_by", "created_at", "targets"]

    def get_targets(self, shortlist) -> list[str]:
        return [item.target.symbol for item in shortlist.items.all()]


class ShortlistDetailSerializer(ShortlistSerializer):
    run = serializers.IntegerField(allow_null=True, read_only=True, help_text="the run the ranks come from")
    items = ShortlistRowSerializer(many=True, read_only=True)

    class Meta(ShortlistSerializer.Meta):
        fields = [*ShortlistSerializer.Meta.fields, "run", "items"]


class ShortlistCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=SHORTLIST_NAME_MAX)
    description = serializers.CharField(max_length=REASON_MAX, required=False, allow_blank=True, default="")


class ShortlistItemWriteSerializer(serializers.Serializer):
    target = TargetSymbolField()
    note = serializers.CharField(max_length=NOTE_MAX, required=False, allow_blank=True, default="")
    position = serializers.IntegerField(required=False, min_value=1, max_value=MAX_POSITION)


class ShortlistMoveSerializer(serializers.Serializer):
    position = serializers.IntegerField(min_value=1, max_value=MAX_POSITION)
