"""Every model is in the admin; ranking runs and profile versions can be read there but not changed."""

import pytest
from django.contrib import admin

from targets import models
from targets.ranking.profiles import current_profile

pytestmark = pytest.mark.django_db


def test_every_model_is_registered():
    for model in (
        models.Axis,
        models.Target,
        models.Interaction,
        models.Drug,
        models.DrugMechanism,
        models.ClinicalTrial,
        models.Evidence,
        models.SourceRecord,
        models.RefreshRun,
        models.ScoringProfile,
        models.RankingRun,
    ):
        assert admin.site.is_registered(model), model.__name__


def test_runs_and_profiles_are_read_only_in_the_admin(client, admin_user, ranked):
    client.force_login(admin_user)
    run_page = client.get(f"/admin/targets/rankingrun/{ranked.pk}/change/").content.decode()
    assert 'name="_save"' not in run_page
    profile = current_profile("balanced")
    assert client.post(f"/admin/targets/scoringprofile/{profile.pk}/change/", {"weights": "{}"}).status_code == 403
    target_page = client.get("/admin/targets/target/").status_code
    assert target_page == 200
