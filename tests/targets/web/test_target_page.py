"""One target's page: niche partners, drugs, trials, evidence links, unverified marks and rank history."""

from __future__ import annotations

import pytest

from targets.models import Evidence, Target
from targets.ranking.runs import ranking_run_create

pytestmark = pytest.mark.django_db


def test_shows_axis_partners_drugs_trials_and_evidence_links(client, ranked):
    html = client.get("/targets/cxcr4/").content.decode()
    assert "CXCL12-CXCR4 chemokine axis" in html
    assert 'href="/targets/CXCL12/"' in html  # partner across the niche
    assert "plerixafor" in html
    assert "https://clinicaltrials.gov/study/NCT" in html
    assert "https://pubmed.ncbi.nlm.nih.gov/" in html
    assert f"Rank {ranked.rows.get(target__symbol='CXCR4').rank} of 38" in html
    assert "receptor of MSC ligand CXCL12" in html  # the criteria table says why, in words


def test_unverified_facts_are_visibly_marked(client, ranked):
    target = Target.objects.get(symbol="CXCR4")
    assert target.has_unverified_facts
    html = client.get("/targets/CXCR4/").content.decode()
    assert 'class="badge unverified"' in html
    assert "From memory, not checked" in html


def test_rank_history_lists_every_run(client, ranked):
    ranking_run_create(triggered_by="test", samples=0)
    html = client.get("/targets/CXCR4/").content.decode()
    history = html.split('id="history-h"')[1].split("</section>")[0]
    assert history.count("<tr>") == 3  # header + two runs
    assert 'data-chart="history"' in history


def test_criterion_radar_data_and_missing_values(client, ranked):
    html = client.get("/targets/CXCR4/").content.decode()
    assert 'id="radar-data"' in html
    assert '<span class="missing">missing</span>' in html


def test_evidence_edit_controls_only_for_curators(client, viewer_client, curator_client, ranked):
    evidence = Evidence.objects.filter(target__symbol="CXCR4").first()
    edit_url = f"/targets/CXCR4/evidence/{evidence.pk}/edit/"
    assert edit_url not in client.get("/targets/CXCR4/").content.decode()
    assert edit_url not in viewer_client.get("/targets/CXCR4/").content.decode()
    assert edit_url in curator_client.get("/targets/CXCR4/").content.decode()


def test_unknown_target_is_404(client, ranked):
    assert client.get("/targets/NOPE1/").status_code == 404


def test_other_targets_on_the_same_axis_are_listed(client, ranked):
    html = client.get("/targets/BCL2/").content.decode()
    partners = html.split('id="partners-h"')[1].split("</section>")[0]
    assert 'href="/targets/MCL1/"' in partners and 'href="/targets/BCL2L1/"' in partners


def test_drugs_and_trials_from_the_assembled_snapshot_are_badged(client, ranked):
    from django.core.management import call_command

    call_command("load_snapshot", verbosity=0)
    page = client.get("/targets/CXCR4/").content.decode()
    drugs = page.split('id="drugs-h"')[1].split("</table>")[0]
    trials = page.split('id="trials-h"')[1].split("</table>")[0]
    assert "ChEMBL" in drugs and 'class="badge assembled"' in drugs
    assert "NCT00512252" in trials and 'class="badge assembled"' in trials
    catalogue_only = client.get("/targets/BCL2/").content.decode()
    assert 'class="badge assembled"' not in catalogue_only.split('id="trials-h"')[1].split("</table>")[0]


def test_trials_only_the_catalogue_names_say_so_instead_of_blank_cells(client, ranked):
    from targets.models import ClinicalTrial

    unfetched = ClinicalTrial.objects.filter(targets__symbol="SELE", title="", overall_status="")
    assert unfetched.exists()  # the bundled catalogue names SELE's trials without their registry details
    html = client.get("/targets/SELE/").content.decode()
    for trial in unfetched:
        row = html.split(f">{trial.nct_id}</a>")[1].split("</tr>")[0]
        assert "Not fetched yet</span> — from the catalogue" in row
        assert "unknown" not in row and "—</td>" not in row


def test_a_missing_criterion_beside_listed_trials_says_why(client, ranked):
    row = ranked.rows.get(target__symbol="CXCR4")
    assert row.values["trial_activity"] is None and Target.objects.get(symbol="CXCR4").trials.exists()
    html = client.get("/targets/CXCR4/").content.decode()
    reason = html.split('data-criterion="trial_activity">')[1].split("</p>")[0]
    assert "Missing although" in reason and "listed below" in reason and "ClinicalTrials.gov" in reason


def test_a_missing_open_targets_criterion_beside_bundled_records_says_why(client, ranked):
    from django.utils import timezone

    from targets.models import SourceRecord

    target = Target.objects.get(symbol="CXCR4")
    assert ranked.rows.get(target=target).values["disease_association"] is None
    assert 'data-criterion="disease_association">' not in client.get("/targets/CXCR4/").content.decode()
    SourceRecord.objects.create(
        source="opentargets",
        record_type="association",
        key=target.ensembl_id or "ENSG-test",
        target=target,
        fetched_at=timezone.now(),
        content_hash="0" * 64,
        payload={"score": 0.48},
        assembled=True,
    )
    html = client.get("/targets/CXCR4/").content.decode()
    reason = html.split('data-criterion="disease_association">')[1].split("</p>")[0]
    assert "bundled snapshot" in reason and "Open Targets" in reason
