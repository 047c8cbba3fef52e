"""One rule, one message on every way in: a finding marked verified names what it was checked against
(the form, the API and the CSV import all apply `targets.models.evidence.verification_error`)."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from targets.curation.evidence_import import evidence_import
from targets.models import Evidence
from targets.models.evidence import UNCHECKED_VERIFIED

pytestmark = pytest.mark.django_db

FINDING = "A verified finding nobody named a source for."


def test_the_web_form_refuses_it_on_the_field(curator, catalogue):
    curator_client = Client()
    curator_client.force_login(curator)
    data = {"citation": "23213054", "claim": FINDING, "direction": "pro_leukemic", "level": "in_vitro"}
    html = curator_client.post("/targets/CXCR4/evidence/new/", {**data, "verified": "on"}).content.decode()
    assert UNCHECKED_VERIFIED in html
    assert not Evidence.objects.filter(claim=FINDING).exists()


def test_the_api_refuses_it_on_the_field(curator, catalogue):
    api = APIClient()
    api.force_authenticate(curator)
    body = {"target": "CXCR4", "citation": "23213054", "claim": FINDING, "direction": "pro_leukemic"}
    response = api.post("/api/evidence/", {**body, "verified": True}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["checked_source"] == [UNCHECKED_VERIFIED]
    assert not Evidence.objects.filter(claim=FINDING).exists()


def test_the_csv_import_refuses_it_on_the_line_and_field(catalogue, curator):
    content = (
        "symbol,citation,claim,direction,level,verified,checked_source\n"
        f"CXCR4,PMID:23213054,{FINDING},pro_leukemic,in_vitro,yes,\n"
    )
    result = evidence_import(content=content.encode(), user=curator)
    assert not result.ok
    assert [(error.line, error.field, error.message) for error in result.errors] == [
        (2, "checked_source", UNCHECKED_VERIFIED)
    ]
