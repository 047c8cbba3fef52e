"""Web routes: pages for translational teams, their JSON helpers and the curation forms."""

from django.urls import path

from targets.web.views import (
    changes,
    compare,
    curation,
    discovery,
    exports,
    heatmap,
    history,
    niche,
    ranking,
    refresh,
    target,
    whatif,
)  # fmt: skip

urlpatterns = [
    path("", ranking.ranking, name="ranking"),
    path("ranking/what-if.json", whatif.ranking_what_if, name="ranking-what-if"),
    path("ranking/export.csv", exports.ranking_export_csv, name="ranking-export-csv"),
    path("ranking/export.xlsx", exports.ranking_export_xlsx, name="ranking-export-xlsx"),
    path("targets/new/", curation.target_edit, name="target-add"),
    path("targets/<str:symbol>/", target.target_detail, name="target-detail"),
    path("targets/<str:symbol>/edit/", curation.target_edit, name="target-edit"),
    path("targets/<str:symbol>/history/", history.history, name="target-history"),
    path("targets/<str:symbol>/evidence/new/", curation.evidence_edit, name="evidence-add"),
    path("targets/<str:symbol>/evidence/<int:pk>/edit/", curation.evidence_edit, name="evidence-edit"),
    path("evidence/import/", curation.evidence_import_view, name="evidence-import"),
    path("compare/", compare.compare, name="compare"),
    path("heatmap/", heatmap.heatmap, name="heatmap"),
    path("niche-map/", niche.niche_map, name="niche-map"),
    path("discovery/", discovery.discovery, name="discovery"),
    path("discovery/<str:symbol>/", discovery.gene_page, name="gene-detail"),
    path("discovery/<str:symbol>/promote/", discovery.gene_promote, name="gene-promote"),
    path("changes/", changes.changes, name="changes"),
    path("refresh/", refresh.refresh_page, name="refresh"),
    path("refresh/start/", refresh.refresh_start, name="refresh-start"),
    path("refresh/status.json", refresh.refresh_status, name="refresh-status"),
    path("profiles/", curation.profile_list, name="profiles"),
    path("profiles/new/", curation.profile_edit, name="profile-add"),
    path("profiles/<slug:name>/edit/", curation.profile_edit, name="profile-edit"),
    path("profiles/<slug:name>/save-weights/", whatif.profile_save_weights, name="profile-save-weights"),
    path("history/", history.history, name="history"),
]
