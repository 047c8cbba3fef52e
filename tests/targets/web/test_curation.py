"""Curators edit evidence, targets and profiles through forms; each change lands in the audit history."""

from __future__ import annotations

import pytest

from targets.models import Evidence, ScoringProfile, Target
from tests.support.forms import EVIDENCE_FORM as EVIDENCE

pytestmark = pytest.mark.django_db


def test_curator_adds_evidence_and_sees_it_in_the_history(curator_client, curator, catalogue):
    response = curator_client.post("/targets/CXCR4/evidence/new/", EVIDENCE, follow=True)
    assert "Evidence 23213054 added for CXCR4" in response.content.decode()
    evidence = Evidence.objects.get(target__symbol="CXCR4", claim=EVIDENCE["claim"])
    assert (evidence.citation, evidence.created_by, evidence.source) == ("23213054", curator, "curator")
    history = curator_client.get("/targets/CXCR4/history/").content.decode()
    first_row = history.split("<tbody>")[1].split("</tr>")[0]
    assert "curator" in first_row and "evidence added" in first_row and "23213054" in first_row


def test_an_invalid_citation_is_refused_with_the_expected_formats(curator_client, catalogue):
    before = Evidence.objects.count()
    response = curator_client.post("/targets/CXCR4/evidence/new/", {**EVIDENCE, "citation": "see Smith 2012"})
    assert response.status_code == 200
    assert "neither a PMID" in response.content.decode()
    assert Evidence.objects.count() == before


def test_the_same_claim_twice_is_refused(curator_client, catalogue):
    curator_client.post("/targets/CXCR4/evidence/new/", EVIDENCE)
    response = curator_client.post("/targets/CXCR4/evidence/new/", EVIDENCE)
    assert "already has this claim" in response.content.decode()


def test_editing_evidence_records_who_changed_what(curator_client, catalogue):
    evidence = Evidence.objects.filter(target__symbol="CXCR4").exclude(level="clinical").first()
    old_level = evidence.level
    data = {
        "citation": evidence.citation,
        "claim": evidence.claim,
        "direction": "mixed",
        "level": "clinical",
        "verified": "on",
        "checked_source": "https://pubmed.ncbi.nlm.nih.gov/23213054/",
    }
    curator_client.post(f"/targets/CXCR4/evidence/{evidence.pk}/edit/", data)
    evidence.refresh_from_db()
    assert (evidence.direction, evidence.level, evidence.verified) == ("mixed", "clinical", True)
    history = curator_client.get("/history/", {"model": "evidence"}).content.decode()
    first_row = history.split("<tbody>")[1].split("</tr>")[0]
    assert "evidence changed" in first_row and "curator" in first_row
    old_label = dict(Evidence._meta.get_field("level").flatchoices)[old_level]
    assert f"<strong>level</strong>: <del>{old_label}</del> → <ins>clinical</ins>" in first_row


def test_a_verified_finding_needs_the_source_it_was_checked_against(curator_client, catalogue):
    data = {
        "citation": "23213054",
        "claim": "A new finding.",
        "direction": "pro_leukemic",
        "level": "in_vitro",
        "verified": "on",
    }
    html = curator_client.post("/targets/CXCR4/evidence/new/", data).content.decode()
    assert "required when verified" in html
    assert not Evidence.objects.filter(claim="A new finding.").exists()


@pytest.mark.parametrize(
    "url", ["/targets/CXCR4/evidence/new/", "/targets/new/", "/profiles/balanced/edit/", "/evidence/import/"]
)
def test_read_only_users_cannot_open_the_forms(viewer_client, client, ranked, url):
    assert viewer_client.get(url).status_code == 403
    assert client.get(url).status_code == 302  # anonymous: sign in first


def test_curator_adds_a_target_and_edits_its_role(curator_client, catalogue):
    axis = Target.objects.get(symbol="CXCR4").axis
    data = {
        "symbol": "cd33",
        "name": "Siglec-3",
        "ensembl_id": "ENSG00000105383",
        "uniprot": "P20138",
        "axis": axis.pk,
        "compartment": "aml_blast",
        "role": "pro_leukemic",
    }
    response = curator_client.post("/targets/new/", data)
    assert response.status_code == 302 and response["Location"] == "/targets/CD33/"
    curator_client.post("/targets/CD33/edit/", {**data, "symbol": "CD33", "role": "dual"})
    assert Target.objects.get(symbol="CD33").role == "dual"
    history = curator_client.get("/targets/CD33/history/").content.decode()
    assert "target changed" in history and "<del>pro-leukemic</del> → <ins>dual</ins>" in history


def test_a_target_with_a_malformed_ensembl_id_is_refused(curator_client, catalogue):
    axis = Target.objects.get(symbol="CXCR4").axis
    data = {
        "symbol": "CD33",
        "ensembl_id": "ENSG1",
        "uniprot": "P20138",
        "axis": axis.pk,
        "compartment": "aml_blast",
        "role": "pro_leukemic",
    }
    response = curator_client.post("/targets/new/", data)
    assert "Not a valid Ensembl gene id" in response.content.decode()
    assert not Target.objects.filter(symbol="CD33").exists()


def _profile_post(**changes) -> dict:
    from targets.web.forms import ProfileForm

    data = ProfileForm.initial_from(ScoringProfile.objects.get(name="balanced", is_current=True))
    data.update(changes)
    return {key: value for key, value in data.items() if value is not False}


def test_saving_a_profile_adds_a_version_owned_by_the_curator(curator_client, curator, ranked):
    response = curator_client.post("/profiles/balanced/edit/", _profile_post(weight_novelty=3.0))
    assert response.status_code == 302
    current = ScoringProfile.objects.get(name="balanced", is_current=True)
    assert (current.version, current.owner, current.weights["novelty"]) == (2, curator, 3.0)
    assert ScoringProfile.objects.filter(name="balanced").count() == 2
    assert "v2" in curator_client.get("/profiles/").content.decode()


def test_a_profile_with_no_positive_weight_is_refused(curator_client, ranked):
    zeros = {key: 0.0 for key in _profile_post() if key.startswith("weight_")}
    response = curator_client.post("/profiles/balanced/edit/", _profile_post(**zeros))
    assert "at least one weight must be &gt; 0" in response.content.decode()
    assert ScoringProfile.objects.filter(name="balanced").count() == 1


def test_evidence_import_page_lists_row_errors_and_writes_nothing(curator_client, catalogue):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = Evidence.objects.count()
    upload = SimpleUploadedFile("team.csv", b"symbol,citation,claim,direction\nCXCR4,notacitation,x,pro_leukemic\n")
    html = curator_client.post("/evidence/import/", {"file": upload}).content.decode()
    assert "Nothing was imported: 1 problem" in html
    assert "<td>citation</td>" in html
    assert Evidence.objects.count() == before


def test_history_page_reads_in_a_fixed_number_of_queries(curator_client, catalogue, django_assert_max_num_queries):
    for evidence in Evidence.objects.filter(level="in_vitro")[:10]:
        evidence.level = "clinical"
        evidence.save()
    with django_assert_max_num_queries(8):
        html = curator_client.get("/history/").content.decode()
    assert html.count("<del>in vitro co-culture</del> → <ins>clinical</ins>") == 10  # the labels people read


@pytest.mark.parametrize("name", ["my profile", "a/b", "x" * 61])
def test_a_new_profile_name_must_be_a_slug(curator_client, ranked, name):
    response = curator_client.post("/profiles/new/", {**_profile_post(), "name": name})
    assert response.status_code == 200
    assert 'id="id_name_error"' in response.content.decode()
    assert not ScoringProfile.objects.filter(name=name).exists()
    assert curator_client.get("/profiles/").status_code == 200


@pytest.mark.parametrize("name", ["balanced", "clinical-first"])
def test_a_new_profile_cannot_take_an_existing_name(curator_client, ranked, name):
    before = ScoringProfile.objects.filter(name=name).count()
    response = curator_client.post("/profiles/new/", {**_profile_post(), "name": name})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_name_error"' in html and "already exists" in html
    assert ScoringProfile.objects.filter(name=name).count() == before


def test_a_new_profile_with_a_slug_name_is_saved_as_version_1(curator_client, curator, ranked):
    response = curator_client.post("/profiles/new/", {**_profile_post(), "name": "niche_first-2"})
    assert response.status_code == 302
    saved = ScoringProfile.objects.get(name="niche_first-2")
    assert (saved.version, saved.owner) == (1, curator)
    assert curator_client.get("/profiles/").status_code == 200
    assert curator_client.get("/", {"profile": "niche_first-2"}).status_code == 200


def test_the_new_profile_form_shows_the_name_field_first(curator_client, ranked):
    html = curator_client.get("/profiles/new/").content.decode()
    assert html.index('id="id_name"') < html.index('id="id_weight_')
    assert html.count('name="name"') == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("top_k", 10**30),
        ("top_k", 100_001),
        ("concentration", 1e300),
        ("weight_novelty", 1e300),
        ("weight_novelty", 1_000_001),
    ],
)
def test_huge_profile_numbers_are_refused_on_their_field(curator_client, ranked, field, value):
    response = curator_client.post("/profiles/balanced/edit/", _profile_post(**{field: value}))
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    assert ScoringProfile.objects.filter(name="balanced").count() == 1


def test_editing_a_target_cannot_change_its_identifiers(curator_client, catalogue):
    target = Target.objects.get(symbol="CXCR4")
    html = curator_client.get("/targets/CXCR4/edit/").content.decode()
    assert 'name="symbol"' not in html and 'name="ensembl_id"' not in html and 'name="uniprot"' not in html
    data = {
        "symbol": "CXCR4X",
        "name": target.name,
        "ensembl_id": "ENSG00000000001",
        "uniprot": "Q00000",
        "axis": target.axis_id,
        "compartment": target.compartment,
        "role": "dual",
    }
    response = curator_client.post("/targets/CXCR4/edit/", data)
    assert response.status_code == 302 and response["Location"] == "/targets/CXCR4/"
    before = (target.symbol, target.ensembl_id, target.uniprot)
    target.refresh_from_db()
    assert (target.symbol, target.ensembl_id, target.uniprot, target.role) == (*before, "dual")
    assert not Target.objects.filter(symbol="CXCR4X").exists()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"symbol,citation,claim,direction\nCXCR4,12345678," + b"x" * 131_073 + b",mixed\n", "longer than"),
        (b'symbol,citation,claim,direction\nCXCR4,12345678,"unclosed,mixed\n', "not closed"),
        (b"symbol,citation,claim,direction\n", "no rows"),
    ],
)
def test_evidence_import_page_reports_unreadable_files(curator_client, catalogue, content, problem):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = Evidence.objects.count()
    response = curator_client.post("/evidence/import/", {"file": SimpleUploadedFile("team.csv", content)})
    assert response.status_code == 200
    assert "Nothing was imported" in response.content.decode() and problem in response.content.decode()
    assert Evidence.objects.count() == before


def test_history_entries_read_as_words_not_python_values(curator_client, catalogue):
    target = Target.objects.get(symbol="CXCR4")
    Target.objects.filter(pk=target.pk).update(hsc_niche_essential=False)
    target.refresh_from_db()
    target.modalities = {"antibody": ["approved"]}
    target.save()
    data = {
        "name": target.name or "x",
        "axis": target.axis_id,
        "compartment": target.compartment,
        "role": target.role,
        "mechanism": target.mechanism,
        "is_membrane_or_secreted": "true",
        "hsc_niche_essential": "true",
        "seen_version": target.version,
    }
    curator_client.post("/targets/CXCR4/edit/", data)
    assert Target.objects.get(pk=target.pk).hsc_niche_essential is True
    html = curator_client.get("/targets/CXCR4/history/").content.decode()
    table = html.split('id="history-table"')[1]
    assert "{" not in table and "[&#x27;" not in table  # no dict or list dumps
    assert "HSC-niche essential" in table and "Hsc niche essential" not in table


def test_profiles_show_criterion_labels_not_keys(client, ranked):
    html = client.get("/profiles/").content.decode()
    weights = html.split("<tbody>")[1].split("</tbody>")[0]
    assert "Clinical precedent" in weights
    assert ">tractability_ab<" not in weights and ">clinical_precedent<" not in weights


def test_the_target_form_labels_hsc_niche_essential_readably(curator_client, catalogue):
    html = curator_client.get("/targets/CXCR4/edit/").content.decode()
    assert "HSC-niche essential" in html and "Hsc niche essential" not in html


@pytest.mark.parametrize(("direction", "level"), [("pro-leukemic", "in vitro"), ("Pro Leukemic", "in-vivo")])
def test_evidence_import_accepts_the_spellings_the_pages_show(curator_client, catalogue, direction, level):
    from django.core.files.uploadedfile import SimpleUploadedFile

    claim = f"a new finding {direction}"
    content = f"symbol,citation,claim,direction,level\nCXCR4,PMID:12345678,{claim},{direction},{level}\n"
    html = curator_client.post("/evidence/import/", {"file": SimpleUploadedFile("t.csv", content.encode())})
    assert Evidence.objects.filter(claim=claim, direction="pro_leukemic").exists(), html.content.decode()[-3000:]
