"""Discovery criteria from the database, the API (filters, paging, query count) and promotion (permissions, audit)."""

import math

import numpy as np
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from scoring.discovery import DISCOVERY_KEYS, UniverseFacts, discovery_matrix
from targets.models import Axis, DiscoveryScore, Gene, Target
from targets.universe.discover import curated_partner_counts, universe_facts

pytestmark = pytest.mark.django_db


def _facts(**overrides):
    base = dict(
        symbols=np.array(["A"], dtype=object),
        atlas_partners=np.array([0]),
        consensus_partners=np.array([0]),
        curated_partners=np.array([0]),
        reach=np.array([np.nan]),
        approved_drugs=np.array([0]),
        tractability=np.array([np.nan]),
        essentiality=np.array([-1], dtype=np.int8),
        niche_annotations=np.array([0]),
        process_annotated=np.array([False]),
    )
    base.update(overrides)
    return UniverseFacts(**base)


def test_unknown_facts_stay_missing_and_listed_absences_are_zero():
    values = dict(zip(DISCOVERY_KEYS, discovery_matrix(_facts())[0], strict=True))
    for key in ("antibody_reach", "tractability", "essentiality_safety", "niche_process"):
        assert math.isnan(values[key]), key
    for key in ("bm_atlas", "lr_support", "curated_partners", "drug_precedent"):
        assert values[key] == 0.0, key


def test_core_essential_scores_zero_on_safety_and_many_partners_cap_at_one():
    row = discovery_matrix(_facts(essentiality=np.array([1], dtype=np.int8), atlas_partners=np.array([40])))[0]
    values = dict(zip(DISCOVERY_KEYS, row, strict=True))
    assert values["essentiality_safety"] == 0.0 and values["bm_atlas"] == 1.0


def test_own_curated_status_never_counts_only_curated_partners_do(universe):
    counts = curated_partner_counts()
    ids, facts = universe_facts()
    row = dict(zip(ids, range(len(ids)), strict=True))
    # ITGB7 is not curated; its partner VCAM1 is: it gets credit. MERTK's partner GAS6 is curated too.
    itgb7 = Gene.objects.get(symbol="ITGB7")
    assert counts[itgb7.pk] >= 1 and facts.curated_partners[row[itgb7.pk]] >= 1
    # Un-curating a gene changes its partners' values, never its own.
    cxcr4 = Gene.objects.get(symbol="CXCR4")
    before = curated_partner_counts().get(cxcr4.pk, 0)
    Gene.objects.filter(symbol="CXCR4").update(target=None)
    assert curated_partner_counts().get(cxcr4.pk, 0) == before


def test_every_stored_value_names_its_source(universe):
    api = Client().get("/api/discovery/?page_size=5").json()
    assert {s["key"] for s in api["sources"]} >= {"hgnc", "ligand_receptor", "go_terms", "drugcentral", "hart_core"}
    assert all(s["release"] and s["sha256"] for s in api["sources"])
    assert all(c["sources"] for c in api["criteria"])


def test_api_ranks_pages_and_explains(universe):
    first = Client().get("/api/discovery/?page_size=5").json()
    second = Client().get("/api/discovery/?page_size=5&page=2").json()
    assert first["count"] == Gene.objects.count()
    ranks = [r["rank"] for r in first["results"] + second["results"]]
    assert ranks == list(range(1, 11))
    cxcr4 = Client().get("/api/discovery/?q=CXCR4").json()["results"][0]
    partners = {p["symbol"]: p for p in cxcr4["why"]["partners"]}
    assert partners["CXCL12"]["bone_marrow_atlas"] and partners["CXCL12"]["curated"]
    assert cxcr4["values"]["bm_atlas"] > 0


def test_api_filters(universe):
    def symbols(query):
        return {r["symbol"] for r in Client().get(f"/api/discovery/?page_size=500&{query}").json()["results"]}

    assert "CXCL12" in symbols("partner=CXCR4") and "EGFR" not in symbols("partner=CXCR4")
    assert all(Gene.objects.get(symbol=s).is_receptor for s in symbols("side=receptor"))
    antibody = symbols("modality=antibody")
    assert antibody and all(
        DiscoveryScore.objects.get(gene__symbol=s).values["antibody_reach"] == 1.0 for s in antibody
    )
    assert "CXCR4" not in symbols("curated=false") and "ITGB7" in symbols("curated=false")
    assert "CXCL12" in symbols("q=sdf1") and "CXCL12" in symbols("q=HGNC:10672")  # previous symbol, HGNC id
    assert Client().get("/api/discovery/?side=sideways").status_code == 400
    assert Client().get("/api/discovery/?page_size=0").status_code == 400


def test_api_query_count_does_not_grow_with_the_page(universe):
    counts = []
    for size in (2, 20):
        with CaptureQueriesContext(connection) as ctx:
            assert Client().get(f"/api/discovery/?page_size={size}&side=receptor").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_promotion_needs_a_curator_and_is_audited(universe, viewer, curator_client):
    axis = Axis.objects.first()
    data = {"axis": axis.pk, "compartment": "aml_blast", "role": "pro_leukemic", "mechanism": "integrin partner"}
    assert Client().post("/discovery/ITGB7/promote/", data).status_code == 302  # to sign-in
    viewer_client = Client()
    viewer_client.force_login(viewer)
    assert viewer_client.post("/discovery/ITGB7/promote/", data).status_code == 403
    assert not Target.objects.filter(symbol="ITGB7").exists()
    response = curator_client.post("/discovery/ITGB7/promote/", data)
    assert response.status_code == 302
    target = Target.objects.get(symbol="ITGB7")
    gene = Gene.objects.get(symbol="ITGB7")
    assert gene.target == target and target.ensembl_id == gene.ensembl_id and target.uniprot in gene.uniprot_ids
    assert target.history.first().history_user.username == "uni-curator"
    again = curator_client.post("/discovery/ITGB7/promote/", data, follow=True)
    assert "already a curated target" in again.content.decode()


def test_pages_render_the_universe_and_a_gene_neighbourhood(universe):
    page = Client().get("/discovery/?partner=CXCR4").content.decode()
    assert "CXCL12" in page and "Why it surfaced" in page
    gene = Client().get("/discovery/VCAM1/").content.decode()
    assert "ITGA4_ITGB1" in gene and "bone-marrow niche atlas" in gene


def test_rank_universe_keeps_the_stored_run_when_nothing_changed_and_reranks_when_curation_changes(universe):
    from targets.universe.discover import run_discovery

    assert run_discovery(samples=200, reuse=True).pk == universe.pk
    Gene.objects.filter(symbol="CXCR4").update(target=None)  # its partners lose a curated partner
    assert run_discovery(samples=200, reuse=True).pk != universe.pk


def test_promotion_refuses_a_gene_without_ensembl_or_a_form_without_axis_and_writes_nothing(universe, curator_client):
    Gene.objects.filter(symbol="EGFR").update(ensembl_id="")
    axes = Axis.objects.count()
    data = {"new_axis": "EGF signalling", "compartment": "aml_blast", "role": "pro_leukemic"}
    page = curator_client.post("/discovery/EGFR/promote/", data, follow=True).content.decode()
    assert "no Ensembl id" in page
    assert not Target.objects.filter(symbol="EGFR").exists() and Axis.objects.count() == axes
    response = curator_client.post("/discovery/KDR/promote/", {"compartment": "msc", "role": "dual"})
    assert response.status_code == 400 and "Choose an axis" in response.content.decode()
    assert not Target.objects.filter(symbol="KDR").exists()
