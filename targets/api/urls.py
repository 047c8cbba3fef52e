"""REST routes under /api/, the OpenAPI schema and the interactive docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from targets.api import (
    auth_views,
    deliberation_views,
    discovery_views,
    profile_views,
    ranking_views,
    refresh_views,
    views,
)

router = DefaultRouter()
router.register("targets", views.TargetViewSet, basename="target")
router.register("axes", views.AxisViewSet, basename="axis")
router.register("interactions", views.InteractionViewSet, basename="interaction")
router.register("drugs", views.DrugViewSet, basename="drug")
router.register("trials", views.TrialViewSet, basename="trial")
router.register("evidence", views.EvidenceViewSet, basename="evidence")
router.register("rankings", ranking_views.RankingRunViewSet, basename="ranking")
router.register("profiles", profile_views.ProfileViewSet, basename="profile")
router.register("refresh", refresh_views.RefreshViewSet, basename="refresh")
router.register("comments", deliberation_views.CommentViewSet, basename="comment")
router.register("stances", deliberation_views.StanceViewSet, basename="stance")
router.register("decisions", deliberation_views.DecisionViewSet, basename="decision")
router.register("decision-log", deliberation_views.DecisionLogViewSet, basename="decision-log")
router.register("shortlists", deliberation_views.ShortlistViewSet, basename="shortlist")

urlpatterns = [
    path("", include(router.urls)),
    path("what-if/", ranking_views.WhatIfView.as_view(), name="what-if"),
    path("batch/", ranking_views.BatchView.as_view(), name="batch"),
    path("criteria/", ranking_views.CriteriaView.as_view(), name="criteria"),
    path("discovery/", discovery_views.DiscoveryView.as_view(), name="discovery-api"),
    path("auth/token/", auth_views.TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]
