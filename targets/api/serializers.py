"""Serializers: targets with their drugs, trials, evidence and provenance; ranking runs and rows."""

from rest_framework import serializers

from targets.models import (
    Axis,
    ClinicalTrial,
    DrugMechanism,
    Evidence,
    Interaction,
    RankingRow,
    RankingRun,
    SourceRecord,
    Target,
)


class AxisSerializer(serializers.ModelSerializer):
    class Meta:
        model = Axis
        fields = ["id", "name", "description"]


class TargetSummarySerializer(serializers.ModelSerializer):
    axis = serializers.CharField(source="axis.name", read_only=True)
    has_unverified_facts = serializers.BooleanField(read_only=True)

    class Meta:
        model = Target
        fields = [
            "symbol", "ensembl_id", "uniprot", "name", "axis", "compartment", "compartment_note", "role",
            "modalities", "stage_aml", "stage_aml_qualifiers", "stage_any", "stage_any_qualifiers",
            "has_unverified_facts",
        ]  # fmt: skip


class MechanismSerializer(serializers.ModelSerializer):
    drug = serializers.CharField(source="drug.name")
    chembl_id = serializers.CharField(source="drug.chembl_id", allow_null=True)
    modality = serializers.CharField(source="drug.modality")

    class Meta:
        model = DrugMechanism
        fields = [
            "drug", "chembl_id", "modality", "source", "action_type", "mechanism", "direct", "stage_aml",
            "stage_aml_qualifiers", "stage_any", "stage_any_qualifiers", "verified", "note",
        ]  # fmt: skip


class TrialSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True)

    class Meta:
        model = ClinicalTrial
        fields = [
            "nct_id", "url", "title", "phases", "stage", "overall_status", "conditions", "start_date",
            "last_update_date", "enrollment", "sponsor", "source",
        ]  # fmt: skip


class EvidenceSerializer(serializers.ModelSerializer):
    target = serializers.SlugRelatedField(slug_field="symbol", queryset=Target.objects.all())
    url = serializers.CharField(read_only=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "target",
            "citation",
            "url",
            "claim",
            "direction",
            "level",
            "verified",
            "source",
            "created_at",
        ]
        read_only_fields = ["source", "created_at"]


class SourceRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = SourceRecord
        fields = ["source", "record_type", "key", "release", "fetched_at", "content_hash", "assembled"]


class InteractionSerializer(serializers.ModelSerializer):
    ligand = serializers.CharField(source="ligand.symbol")
    receptor = serializers.CharField(source="receptor.symbol")

    class Meta:
        model = Interaction
        fields = ["ligand", "receptor", "ligand_compartment", "receptor_compartment", "note"]


class TargetDetailSerializer(TargetSummarySerializer):
    mechanisms = MechanismSerializer(many=True, read_only=True)
    trials = TrialSerializer(many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    source_records = SourceRecordSerializer(many=True, read_only=True)
    partners = serializers.SerializerMethodField()

    class Meta(TargetSummarySerializer.Meta):
        fields = TargetSummarySerializer.Meta.fields + [
            "mechanism", "agents_note", "stage_aml_note", "stage_any_note", "verified_sources",
            "unverified_notes", "is_membrane_or_secreted", "aml_association", "tractability",
            "safety_event_count", "loeuf", "mechanisms", "trials", "evidence", "source_records", "partners",
        ]  # fmt: skip

    def get_partners(self, target) -> list[dict]:
        pairs = list(target.as_ligand.all()) + list(target.as_receptor.all())
        return InteractionSerializer(pairs, many=True).data


class RankingRowSerializer(serializers.ModelSerializer):
    symbol = serializers.CharField(source="target.symbol")
    axis = serializers.CharField(source="target.axis.name")
    role = serializers.CharField(source="target.role")
    compartment = serializers.CharField(source="target.compartment")

    class Meta:
        model = RankingRow
        fields = [
            "rank", "symbol", "score", "contributions", "values", "coverage", "eligible", "excluded_reason",
            "direction", "flags", "median_rank", "rank_p05", "rank_p95", "p_top_k", "axis", "role", "compartment",
        ]  # fmt: skip


class RankingRunSerializer(serializers.ModelSerializer):
    profile = serializers.CharField(source="profile.name")
    profile_version = serializers.IntegerField(source="profile.version")

    class Meta:
        model = RankingRun
        fields = [
            "id", "created_at", "profile", "profile_version", "method", "missing_policy", "input_hash",
            "code_version", "data_versions", "criteria", "seed", "stability_samples", "target_count", "triggered_by",
        ]  # fmt: skip
