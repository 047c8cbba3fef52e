"""A what-if in the ranking's URL: a shared link opens the same unsaved preview; curators keep it as a profile."""

from __future__ import annotations

import json

import pytest
from django.db.models import F

from targets.models import RankingRun, ScoringProfile
from tests.support.csv_reading import csv_metadata, read_default_csv
from tests.targets.web.conftest import row_symbols

pytestmark = pytest.mark.django_db

WHATIF = {"niche_specificity": "5", "clinical_precedent": "0"}


def _stored_order(run: RankingRun) -> list[str]:
    rows = run.rows.order_by(F("rank").asc(nulls_last=True), "target__symbol")
    return list(rows.values_list("target__symbol", flat=True))


def test_a_what_if_link_opens_the_panel_on_the_reranked_unsaved_preview(client, ranked):
    html = client.get("/", WHATIF).content.decode()
    assert 'id="weights-panel" open' in html
    assert 'id="w-niche_specificity" name="niche_specificity" min="0" max="5.0" step="0.25" value="5.0"' in html
    notice = html.split('id="whatif-notice"')[1].split("</div>")[0]
    assert "unsaved preview" in notice and "Niche specificity 2 → 5" in notice and "Clinical precedent 2 → 0" in notice
    json_order = client.get("/ranking/what-if.json", {"profile": "balanced", **WHATIF}).json()["rows"]
    expected = [row["symbol"] for row in sorted(json_order, key=lambda r: (r["rank"] is None, r["rank"] or 0))]
    assert row_symbols(html) == expected != _stored_order(ranked)
    assert RankingRun.objects.count() == 1  # nothing saved


def test_the_what_if_link_keeps_filters_and_its_exports_and_filter_form_carry_it(client, ranked):
    html = client.get("/", {**WHATIF, "role": "pro_leukemic"}).content.decode()
    exports = html.split('class="exports"')[1].split("</p>")[0]
    assert "niche_specificity=5" in exports and "role=pro_leukemic" in exports
    hidden = html.split('id="whatif-hidden"')[1].split("</span>")[0]
    assert 'name="niche_specificity" value="5"' in hidden and 'name="method" value="weighted_sum"' in hidden
    profile_form = html.split('class="profile-form"')[1].split("</form>")[0]
    assert "niche_specificity" not in profile_form  # another profile starts from its own weights


def test_stored_weights_in_the_url_show_the_stored_run(client, ranked):
    html = client.get("/", {"niche_specificity": "2"}).content.decode()
    assert 'id="whatif-notice" hidden' in html and "Run #" in html


def test_a_bad_weight_in_the_link_is_named_and_not_applied(client, ranked):
    html = client.get("/", {"hsc_safety": "lots", "novelty": "9"}).content.decode()
    errors = html.split('id="whatif-errors"')[1].split("</div>")[0]
    assert "weights.hsc_safety: not a number" in errors and "weights.novelty: must be between 0 and 5" in errors
    assert row_symbols(html) == _stored_order(ranked)


def test_a_changed_method_alone_is_a_preview(client, ranked):
    html = client.get("/", {"method": "geometric"}).content.decode()
    assert "method weighted_sum → geometric" in html.split('id="whatif-notice"')[1].split("</div>")[0]


def test_what_if_json_takes_the_method(client, ranked):
    response = client.get("/ranking/what-if.json", {"method": "nonsense"})
    assert response.status_code == 400 and "method" in response.json()["error"]["fields"]


def test_a_curator_saves_the_sliders_as_the_profiles_next_version(curator_client, ranked):
    weights = {key: "0" for key in ranked.profile.weights} | WHATIF
    response = curator_client.post("/profiles/balanced/save-weights/", weights)
    assert response.status_code == 302 and response["Location"] == "/?profile=balanced"
    saved = ScoringProfile.objects.get(name="balanced", is_current=True)
    assert saved.version == 2 and saved.owner.username == "curator"
    assert saved.weights["niche_specificity"] == 5.0 and "clinical_precedent" not in saved.weights


def test_saving_sliders_goes_through_the_profile_forms_validation(curator_client, ranked):
    response = curator_client.post("/profiles/balanced/save-weights/", {"hsc_safety": "-2"})
    assert response.status_code == 400
    assert "greater than or equal to 0" in response.content.decode()
    assert ScoringProfile.objects.get(name="balanced", is_current=True).version == 1


def test_viewers_cannot_save_the_sliders_and_see_no_save_button(viewer_client, ranked):
    assert "Save these weights" not in viewer_client.get("/").content.decode()
    assert viewer_client.post("/profiles/balanced/save-weights/", WHATIF).status_code == 403
    assert ScoringProfile.objects.get(name="balanced", is_current=True).version == 1


def test_new_profile_from_the_sliders_starts_from_their_weights(curator_client, ranked):
    html = curator_client.get("/", WHATIF).content.decode()
    link = html.split('id="new-profile-link"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    form = curator_client.get(link).content.decode()
    assert 'name="weight_niche_specificity" value="5.0"' in form
    assert 'name="weight_clinical_precedent" value="0.0"' in form


def test_the_what_if_export_link_gives_the_previewed_rows_and_weights(client, ranked):
    html = client.get("/", WHATIF).content.decode()
    link = html.split('class="exports"')[1].split('href="')[1].split('"')[0].replace("&amp;", "&")
    header, rows = read_default_csv(client.get(link).content.decode())
    metadata = csv_metadata(rows)
    assert metadata["run"] == "unsaved preview"
    weights = json.loads(metadata["weights"])
    assert weights["niche_specificity"] == 5.0 and weights["clinical_precedent"] == 0.0
    assert rows[0]["rank"] == "1" and rows[0]["symbol"] == row_symbols(html)[0]
