"""Serializers of the catalogue: targets with their drugs, trials, evidence and provenance; axes; interactions."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from targets.models import (
    Axis,
    ClinicalTrial,
    Drug,
    DrugMechanism,
    Evidence,
    Interaction,
    SafetySignal,
    SourceRecord,
    Target,
)
from targets.models.evidence import DUPLICATE_CLAIM, claim_taken, verification_error
from targets.ranking.explanations import target_explanations
from targets.selectors import TARGET_SUMMARY_FIELDS
from targets.validators import normalise_citation

# What a drug mechanism shows, seen from the drug or from the target.
_MECHANISM_FIELDS = [
    "source",
    "action_type",
    "mechanism",
    "attribution",
    "acts_on",
    "stage_aml",
    "stage_aml_qualifiers",
    "stage_any",
    "stage_any_qualifiers",
    "verified",
    "note",
]


class AxisSerializer(serializers.ModelSerializer):
    targets = serializers.SlugRelatedField(slug_field="symbol", many=True, read_only=True)

    class Meta:
        model = Axis
        fields = ["id", "name", "description", "targets"]


class TargetSummarySerializer(serializers.ModelSerializer):
    axis = serializers.CharField(source="axis.name", read_only=True)
    has_unverified_facts = serializers.BooleanField(read_only=True)

    class Meta:
        model = Target
        fields = list(TARGET_SUMMARY_FIELDS)


class TargetUpdateSerializer(serializers.ModelSerializer):
    """What curators may edit on a target (identifiers and source-derived numbers stay with the loaders)."""

    axis = serializers.SlugRelatedField(slug_field="name", queryset=Axis.objects.all(), required=False)
    version = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text="the version you read: a newer one answers 409"
    )

    class Meta:
        model = Target
        fields = [*Target.CURATED_FIELDS, "version"]


class MechanismSerializer(serializers.ModelSerializer):
    drug = serializers.CharField(source="drug.name")
    chembl_id = serializers.CharField(source="drug.chembl_id", allow_null=True)
    modality = serializers.CharField(source="drug.modality")

    class Meta:
        model = DrugMechanism
        fields = [
            "drug",
            "chembl_id",
            "modality",
            *_MECHANISM_FIELDS,
        ]


class TrialSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True)

    class Meta:
        model = ClinicalTrial
        fields = [
            "nct_id",
            "url",
            "title",
            "phases",
            "stage",
            "overall_status",
            "conditions",
            "start_date",
            "last_update_date",
            "enrollment",
            "sponsor",
            "source",
        ]


class TrialDetailSerializer(TrialSerializer):
    """A trial with the targets and drugs it tests."""

    targets = serializers.SlugRelatedField(slug_field="symbol", many=True, read_only=True)
    drugs = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta(TrialSerializer.Meta):
        fields = TrialSerializer.Meta.fields + ["targets", "drugs"]


class DrugTargetSerializer(serializers.ModelSerializer):
    """One mechanism seen from the drug: the target it acts on and how."""

    target = serializers.CharField(source="target.symbol")

    class Meta:
        model = DrugMechanism
        fields = [
            "target",
            *_MECHANISM_FIELDS,
        ]


class DrugSerializer(serializers.ModelSerializer):
    mechanisms = DrugTargetSerializer(many=True, read_only=True)
    trials = serializers.SlugRelatedField(slug_field="nct_id", many=True, read_only=True)

    class Meta:
        model = Drug
        fields = [
            "id",
            "name",
            "chembl_id",
            "modality",
            "max_stage",
            "first_approval",
            "aliases",
            "mechanisms",
            "trials",
        ]


class EvidenceSerializer(serializers.ModelSerializer):
    target = serializers.SlugRelatedField(slug_field="symbol", queryset=Target.objects.all())
    url = serializers.CharField(read_only=True)
    is_contrary = serializers.BooleanField(
        read_only=True, help_text="opposes the target's role, or shows no effect (derived, never stored)"
    )
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "target",
            "citation",
            "url",
            "claim",
            "direction",
            "is_contrary",
            "level",
            "niche_mediated",
            "context",
            "verified",
            "checked_source",
            "note",
            "source",
            "created_by",
            "created_at",
        ]
        read_only_fields = ["source", "created_at"]

    def validate_citation(self, value: str) -> str:
        """Store citations in one form ('PMID: 123' -> '123') so duplicates are caught here, not by the DB."""
        return normalise_citation(value)

    def validate(self, attrs: dict) -> dict:
        """Refuse a verified finding without its checked source, and a second copy of a finding (same target,
        citation and normalised claim)."""
        attrs = super().validate(attrs)
        unchecked = verification_error(
            attrs.get("verified", getattr(self.instance, "verified", False)),
            attrs.get("checked_source", getattr(self.instance, "checked_source", "")),
        )
        if unchecked is not None:
            raise serializers.ValidationError({unchecked.field: [unchecked.message]})
        merged = {name: attrs.get(name, getattr(self.instance, name, None)) for name in ("target", "citation", "claim")}
        exclude_pk = self.instance.pk if self.instance is not None else None
        if all(merged.values()) and claim_taken(**merged, exclude_pk=exclude_pk):
            raise serializers.ValidationError(DUPLICATE_CLAIM)
        return attrs


class SafetySignalSerializer(serializers.ModelSerializer):
    drug = serializers.CharField(source="drug.name", allow_null=True, read_only=True)
    citation_url = serializers.CharField(read_only=True)

    class Meta:
        model = SafetySignal
        fields = [
            "kind",
            "signal",
            "severity",
            "evidence",
            "citation",
            "citation_url",
            "verified",
            "checked_source",
            "source",
            "drug",
            "note",
        ]


class SourceRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = SourceRecord
        fields = ["source", "record_type", "key", "release", "fetched_at", "content_hash", "assembled"]


class InteractionSerializer(serializers.ModelSerializer):
    ligand = serializers.CharField(source="ligand.symbol")
    receptor = serializers.CharField(source="receptor.symbol")

    class Meta:
        model = Interaction
        fields = ["id", "ligand", "receptor", "ligand_compartment", "receptor_compartment", "note"]


class ExplanationFactSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="the fact and its factors (x factor)")
    source = serializers.CharField(help_text="PMID or DOI, or where a drug's facts come from")
    url = serializers.CharField(help_text="link to the source ('' when it has none)")
    counted = serializers.BooleanField(help_text="false for facts shown but left out (e.g. a clinical report)")


class CriterionExplanationSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    sentence = serializers.CharField()
    facts = ExplanationFactSerializer(many=True)


class TargetDetailSerializer(TargetSummarySerializer):
    mechanisms = MechanismSerializer(many=True, read_only=True)
    trials = TrialSerializer(many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    safety_signals = SafetySignalSerializer(many=True, read_only=True)
    source_records = SourceRecordSerializer(many=True, read_only=True)
    partners = serializers.SerializerMethodField()
    assembled_sources = serializers.SerializerMethodField(
        help_text="sources whose records for this target are all assembled (illustrative), not fetched"
    )
    explanations = serializers.SerializerMethodField()

    class Meta(TargetSummarySerializer.Meta):
        fields = TargetSummarySerializer.Meta.fields + [
            "mechanism",
            "agents_note",
            "stage_aml_note",
            "stage_any_note",
            "verified_sources",
            "unverified_notes",
            "is_membrane_or_secreted",
            "hsc_niche_essential",
            "core_essential",
            "aml_association",
            "aml_association_datatypes",
            "tractability",
            "safety_event_count",
            "loeuf",
            "updated_at",
            "version",
            "mechanisms",
            "trials",
            "evidence",
            "safety_signals",
            "source_records",
            "assembled_sources",
            "partners",
            "explanations",
        ]

    def get_assembled_sources(self, target) -> list[str]:
        grouped = _records_by_source(target)
        return sorted(source for source, records in grouped.items() if all(record.assembled for record in records))

    @extend_schema_field(CriterionExplanationSerializer(many=True))
    def get_explanations(self, target) -> list[dict]:
        """Per criterion, the facts that produce its value today, in words, each with a link to its source."""
        return target_explanations(target)

    @extend_schema_field(InteractionSerializer(many=True))
    def get_partners(self, target) -> list[dict]:
        pairs = list(target.as_ligand.all()) + list(target.as_receptor.all())
        return InteractionSerializer(pairs, many=True).data


def _records_by_source(target) -> dict[str, list]:
    """The target's (prefetched) source records grouped by source."""
    grouped: dict[str, list] = {}
    for record in target.source_records.all():
        grouped.setdefault(record.source, []).append(record)
    return grouped
