"""Profile limits are defined once (scoring.limits): the API, the web form, scoring and the database column
accept exactly the same values, and refuse the same ones naming the field (issue 14). Run these on
PostgreSQL too (DATABASE_URL=postgres://...): a top_k the faces accepted once overflowed the column there."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from scoring import limits
from targets.models import RankingRun, ScoringProfile
from targets.web.forms import ProfileForm

pytestmark = pytest.mark.django_db

# (field, its bounds, a value just below the low bound, one above the high bound): same name in both faces
LIMITS = [
    ("top_k", limits.TOP_K, limits.TOP_K.low - 1, limits.TOP_K.high + 1),
    ("concentration", limits.CONCENTRATION, limits.CONCENTRATION.low / 2, limits.CONCENTRATION.high * 2),
]


@pytest.fixture
def api(client_for, settings):
    settings.ROOT_URLCONF = "config.urls"
    return client_for("curator")


@pytest.fixture
def web(curator) -> Client:
    client = Client()
    client.force_login(curator)
    return client


def _current(name: str = "balanced") -> ScoringProfile:
    return ScoringProfile.objects.get(name=name, is_current=True)


def _form_post(**changes) -> dict:
    data = ProfileForm.initial_from(_current())
    data.update(changes)
    return {key: value for key, value in data.items() if value is not False}


@pytest.mark.parametrize(("key", "bounds", "below", "above"), LIMITS)
def test_the_api_stores_each_bound_and_refuses_beyond_it_naming_the_field(api, ranked, key, bounds, below, above):
    for value in (bounds.low, bounds.high):
        response = api.patch("/api/profiles/balanced/", {key: value}, format="json")
        assert response.status_code == 200, response.content[:300]
        assert getattr(_current(), key) == value
    for value in (below, above):
        response = api.patch("/api/profiles/balanced/", {key: value}, format="json")
        assert response.status_code == 400
        assert key in response.json()["error"]["fields"]


@pytest.mark.parametrize(("field", "bounds", "below", "above"), LIMITS)
def test_the_form_stores_each_bound_and_refuses_beyond_it_on_its_field(web, ranked, field, bounds, below, above):
    for value in (bounds.low, bounds.high):
        response = web.post("/profiles/balanced/edit/", _form_post(**{field: value}))
        assert response.status_code == 302, response.content.decode()[:2000]
        assert getattr(_current(), field) == value
    versions = ScoringProfile.objects.filter(name="balanced").count()
    for value in (below, above):
        response = web.post("/profiles/balanced/edit/", _form_post(**{field: value}))
        assert response.status_code == 200
        assert f'id="id_{field}_error"' in response.content.decode()
    assert ScoringProfile.objects.filter(name="balanced").count() == versions


def test_a_weight_above_the_bound_is_refused_by_both_faces_and_at_the_bound_stored(api, web, ranked):
    top = limits.WEIGHT.high
    assert api.patch("/api/profiles/balanced/", {"weights": {"novelty": top}}, format="json").status_code == 200
    response = api.patch("/api/profiles/balanced/", {"weights": {"novelty": top * 2}}, format="json")
    assert response.status_code == 400
    assert "weights.novelty" in response.json()["error"]["fields"]
    response = web.post("/profiles/balanced/edit/", _form_post(weight_novelty=top * 2))
    assert 'id="id_weight_novelty_error"' in response.content.decode()
    assert web.post("/profiles/balanced/edit/", _form_post(weight_novelty=top)).status_code == 302


def test_every_bounded_integer_column_holds_its_bound_on_this_database():
    """A bound the column cannot hold is a 500 at save time (PostgreSQL's smallint held 32,767)."""
    columns = [(ScoringProfile, "top_k"), (RankingRun, "seed"), (RankingRun, "stability_samples")]
    for model, name in columns:
        field = model._meta.get_field(name)
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        bounds = {v.limit_value for v in field.validators}
        assert (low is None or low <= min(bounds)) and (high is None or max(bounds) <= high), (model, name)


def test_a_seed_beyond_the_column_is_refused_by_scoring_before_anything_is_stored():
    from scoring.engine import rank_targets
    from scoring.errors import FieldError
    from scoring.profiles import DEFAULT_PROFILES

    with pytest.raises(FieldError) as caught:
        rank_targets([], DEFAULT_PROFILES["balanced"], seed=limits.SEED.high + 1)
    assert caught.value.field == "seed"
