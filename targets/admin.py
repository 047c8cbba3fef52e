"""Every model is editable in the Django admin; history-tracked models show their audit trail."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from targets import models


@admin.register(models.Axis)
class AxisAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(models.Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["symbol", "axis", "compartment", "role", "stage_aml", "stage_any"]
    list_filter = ["role", "compartment", "stage_aml"]
    search_fields = ["symbol", "name", "ensembl_id", "uniprot"]
    autocomplete_fields = ["axis"]


@admin.register(models.Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ["ligand", "receptor", "ligand_compartment", "receptor_compartment"]
    autocomplete_fields = ["ligand", "receptor"]


@admin.register(models.Drug)
class DrugAdmin(admin.ModelAdmin):
    list_display = ["name", "chembl_id", "modality", "max_stage", "aliases"]
    search_fields = ["name", "chembl_id"]


@admin.register(models.DrugMechanism)
class DrugMechanismAdmin(admin.ModelAdmin):
    list_display = [
        "drug",
        "target",
        "source",
        "action_type",
        "attribution",
        "acts_on",
        "stage_aml",
        "stage_any",
        "verified",
    ]
    list_filter = ["source", "attribution", "verified"]
    autocomplete_fields = ["drug", "target"]


@admin.register(models.ClinicalTrial)
class ClinicalTrialAdmin(admin.ModelAdmin):
    list_display = ["nct_id", "title", "stage", "overall_status", "start_date", "mds_only"]
    search_fields = ["nct_id", "title"]
    filter_horizontal = ["drugs", "targets"]


@admin.register(models.Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["target", "citation", "direction", "level", "verified", "source"]
    list_filter = ["direction", "level", "verified", "source"]
    autocomplete_fields = ["target"]


@admin.register(models.SafetySignal)
class SafetySignalAdmin(SimpleHistoryAdmin):
    list_display = ["target", "kind", "severity", "evidence", "citation", "verified", "source"]
    list_filter = ["kind", "severity", "verified", "source"]
    autocomplete_fields = ["target", "drug"]


@admin.register(models.SourceRecord)
class SourceRecordAdmin(admin.ModelAdmin):
    list_display = ["source", "record_type", "key", "release", "fetched_at", "assembled"]
    list_filter = ["source", "record_type", "assembled"]
    search_fields = ["key"]


@admin.register(models.RefreshRun)
class RefreshRunAdmin(admin.ModelAdmin):
    list_display = ["source", "status", "started_at", "finished_at", "triggered_by"]
    list_filter = ["source", "status"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never edited here: runs are immutable and profile edits must create a validated new version
    (the profile pages and /api/profiles/ do that)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.ScoringProfile)
class ScoringProfileAdmin(ReadOnlyAdmin):
    list_display = ["name", "version", "is_current", "method", "missing_policy", "owner"]
    list_filter = ["is_current", "method"]


class RankingRowInline(admin.TabularInline):
    model = models.RankingRow
    fields = ["rank", "target", "score", "coverage", "eligible"]
    readonly_fields = fields
    can_delete = False
    extra = 0


@admin.register(models.RankingRun)
class RankingRunAdmin(ReadOnlyAdmin):
    list_display = ["id", "profile", "method", "created_at", "target_count", "input_hash"]
    inlines = [RankingRowInline]


from targets.deliberation import admin as deliberation_admin  # noqa: E402, F401  (registers the deliberation models)
