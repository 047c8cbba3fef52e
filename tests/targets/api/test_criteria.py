"""/api/criteria/: the definitions, transforms and thresholds in force."""

import pytest

from scoring.criteria import CRITERION_KEYS

pytestmark = pytest.mark.django_db


def test_criteria_describe_every_criterion_with_its_thresholds(api):
    body = api.get("/api/criteria/").json()
    assert [item["key"] for item in body["criteria"]] == list(CRITERION_KEYS)
    clinical = body["criteria"][0]
    assert clinical["transform"] and clinical["version"]
    assert "stage_values" in clinical["thresholds"]
    assert "weighted_sum" in body["methods"]
    assert body["default_profile"] == "balanced"
