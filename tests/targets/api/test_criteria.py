"""/api/criteria/: the definitions, transforms and thresholds in force."""

import pytest

from scoring.criteria import CRITERION_KEYS

pytestmark = pytest.mark.django_db


def test_criteria_describe_every_criterion_with_its_thresholds(api):
    body = api.get("/api/criteria/").json()
    assert [item["key"] for item in body["criteria"]] == list(CRITERION_KEYS)
    clinical = next(item for item in body["criteria"] if item["key"] == "clinical_precedent")
    assert clinical["transform"] and clinical["version"]
    assert clinical["thresholds"]["qualifier_factors"]["negative"] == 0.5
    assert "level_points" in body["criteria"][0]["thresholds"]
    assert "weighted_sum" in body["methods"]
    assert body["default_profile"] == "balanced"
