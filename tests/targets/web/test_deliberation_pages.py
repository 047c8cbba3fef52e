"""Deliberation, shortlists, dossier, search and link-outs on the web pages (Django test client)."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest

from targets.deliberation import services
from targets.models import DecisionLogEntry, Shortlist, Target
from tests.targets.web.conftest import row_symbols

pytestmark = pytest.mark.django_db


def test_a_viewer_comments_and_gives_a_stance_but_cannot_decide(viewer_client, ranked):
    url = "/targets/CXCR4/discussion/"
    page = viewer_client.get(url).content.decode()
    assert 'id="comment-form"' in page and 'id="stance-form"' in page and 'id="decision-form"' not in page
    done = viewer_client.post(url, {"action": "comment", "body": "Check the mobilisation data."}, follow=True)
    assert "Check the mobilisation data." in done.content.decode()
    viewer_client.post(url, {"action": "stance", "stance": "watch", "reason": "HSC mobilisation risk"})
    refused = viewer_client.post(url, {"action": "decision", "stance": "pursue", "reason": "r"})
    assert refused.status_code == 403
    log = list(DecisionLogEntry.objects.filter(target__symbol="CXCR4").values_list("action", "stance_after"))
    assert log == [("stance", "watch")]


def test_a_curator_decides_and_the_ranking_and_target_page_show_it(curator_client, client, ranked):
    url = "/targets/VCAM1/discussion/"
    curator_client.post(url, {"action": "decision", "stance": "pursue", "reason": "antibody precedent"})
    ranking = client.get("/").content.decode()
    row = re.search(r'<tr data-symbol="VCAM1">.*?</tr>', ranking, re.S).group(0)
    assert 'class="badge stance stance-pursue" title="antibody precedent">pursue' in row
    other = re.search(r'<tr data-symbol="CXCR4">.*?</tr>', ranking, re.S).group(0)
    assert "no decision" in other
    target_page = client.get("/targets/VCAM1/").content.decode()
    assert "antibody precedent" in target_page and 'id="team-discussion"' in target_page


@pytest.mark.parametrize(
    ("data", "error_id", "words"),
    [
        ({"action": "comment", "body": "x" * 4001}, "comment-body-error", "At most 4000 characters"),
        ({"action": "comment", "body": "nul\x00byte"}, "comment-body-error", "NUL characters"),
        ({"action": "stance", "stance": "watch", "reason": ""}, "stance-reason-error", "required"),
        ({"action": "stance", "stance": "maybe", "reason": "r"}, "stance-stance-error", "Choose one of"),
    ],
)
def test_bad_discussion_input_is_shown_on_its_field_and_nothing_is_saved(
    viewer_client, catalogue, data, error_id, words
):
    response = viewer_client.post("/targets/CXCR4/discussion/", data)
    assert response.status_code == 400
    error = re.search(rf'id="{error_id}"[^>]*>(.*?)</div>', response.content.decode(), re.S)
    assert error and words in error.group(1)
    assert not DecisionLogEntry.objects.exists()


def test_anonymous_readers_see_the_discussion_and_are_sent_to_sign_in_to_write(client, catalogue):
    assert client.get("/targets/CXCR4/discussion/").status_code == 200
    response = client.post("/targets/CXCR4/discussion/", {"action": "comment", "body": "hi"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/targets/NOTAGENE/discussion/").status_code == 404


def test_a_curator_builds_a_shortlist_and_its_csv_carries_rank_score_and_stance(curator_client, viewer_client, ranked):
    curator_client.post("/shortlists/", {"name": "Niche antibodies", "description": "Q3"})
    url = "/shortlists/niche-antibodies/"
    for symbol in ["VCAM1", "CXCR4"]:
        curator_client.post(url, {"action": "add", "symbol": symbol, "note": f"{symbol} note"})
    curator_client.post(url, {"action": "move", "symbol": "CXCR4", "position": "1"})
    curator_client.post("/targets/CXCR4/discussion/", {"action": "decision", "stance": "pursue", "reason": "lead"})
    page = viewer_client.get(url).content.decode()
    assert row_symbols(page) == ["CXCR4", "VCAM1"]
    assert 'id="shortlist-add"' not in page  # viewers read only
    assert viewer_client.post(url, {"action": "remove", "symbol": "CXCR4"}).status_code == 403
    exported = viewer_client.get("/shortlists/niche-antibodies/export.csv")
    table = list(csv.DictReader(io.StringIO(exported.content.decode())))
    cxcr4 = ranked.rows.get(target__symbol="CXCR4")
    assert [(r["symbol"], r["rank"], r["team_stance"], r["note"]) for r in table] == [
        ("CXCR4", str(cxcr4.rank), "pursue", "CXCR4 note"),
        ("VCAM1", str(ranked.rows.get(target__symbol="VCAM1").rank), "", "VCAM1 note"),
    ]
    assert float(table[0]["score"]) == pytest.approx(cxcr4.score, abs=1e-6)


def test_shortlist_form_errors_name_the_field(curator_client, catalogue):
    curator_client.post("/shortlists/", {"name": "Picks"})
    dup = curator_client.post("/shortlists/", {"name": "picks"})
    assert dup.status_code == 400 and 'id="shortlist-name-error"' in dup.content.decode()
    unknown = curator_client.post("/shortlists/picks/", {"action": "add", "symbol": "NOPE1"})
    assert unknown.status_code == 400 and "No curated target" in unknown.content.decode()
    assert Shortlist.objects.get(slug="picks").items.count() == 0


def test_the_target_dossier_has_every_section_and_print_css(client, ranked, curator):
    target = Target.objects.get(symbol="CXCR4")
    services.comment_add(target=target, user=curator, body="Dossier comment")
    services.decision_set(target=target, user=curator, stance="watch", reason="needs niche data")
    page = client.get("/targets/CXCR4/dossier/").content.decode()
    for heading in ["Criteria", "Evidence", "Safety", "Drugs", "Trials", "Discussion", "Provenance"]:
        assert f"<h3>{heading}</h3>" in page
    assert "Dossier comment" in page and "needs niche data" in page
    assert f"Ranking run #{ranked.pk}" in page
    assert "css/dossier.css" in page
    assert client.get("/targets/NOTAGENE/dossier/").status_code == 404


def test_the_shortlist_dossier_has_a_section_per_target_in_order(client, ranked, curator):
    shortlist = services.shortlist_create(name="Two", user=curator)
    for symbol in ["SELE", "CXCR4"]:
        services.shortlist_add(shortlist=shortlist, target=Target.objects.get(symbol=symbol), user=curator)
    page = client.get("/shortlists/two/dossier/").content.decode()
    assert re.findall(r'<article class="dossier-target" id="dossier-([A-Z0-9]+)"', page) == ["SELE", "CXCR4"]


def test_search_suggestions_find_symbols_names_and_aliases(client, catalogue):
    body = client.get("/search/suggest.json", {"q": "cxcr"}).json()
    assert body["results"][0]["symbol"] == "CXCR4" and body["results"][0]["kind"] == "target"
    assert body["results"][0]["url"] == "/targets/CXCR4/"
    by_name = client.get("/search/suggest.json", {"q": "vascular cell adhesion"}).json()["results"]
    assert "VCAM1" in [r["symbol"] for r in by_name] or not Target.objects.get(symbol="VCAM1").name
    assert len(client.get("/search/suggest.json", {"q": "c", "limit": 3}).json()["results"]) <= 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x", "limit": "0"}, "limit"),
        ({"q": "x", "limit": "a"}, "limit"),
        ({"q": "x" * 101}, "q"),
        ({"q": "a\x00"}, "q"),
    ],
)
def test_bad_suggestion_requests_are_a_400_naming_the_parameter(client, catalogue, params, field):
    response = client.get("/search/suggest.json", params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_the_search_page_works_without_javascript(client, catalogue):
    assert client.get("/search/", {"q": "CXCR4"})["Location"] == "/targets/CXCR4/"
    page = client.get("/search/", {"q": "cxc"}).content.decode()
    assert '<a href="/targets/CXCR4/">CXCR4</a>' in page
    assert 'action="/search/"' in client.get("/heatmap/").content.decode()  # the box is in every page's nav


def test_target_page_links_out_only_where_ids_exist(client, catalogue):
    target = Target.objects.get(symbol="CXCR4")
    page = client.get("/targets/CXCR4/").content.decode()
    links = dict(re.findall(r'<a href="([^"]+)" rel="noopener" data-linkout="([a-z]+)"', page))
    by_name = {name: html.unescape(url) for url, name in links.items()}
    assert by_name["opentargets"] == f"https://platform.opentargets.org/target/{target.ensembl_id}"
    assert by_name["uniprot"] == f"https://www.uniprot.org/uniprotkb/{target.uniprot}/entry"
    assert by_name["ensembl"] == f"https://www.ensembl.org/Homo_sapiens/Gene/Summary?g={target.ensembl_id}"
    assert by_name["clinicaltrials"].startswith(
        "https://clinicaltrials.gov/search?cond=Acute+Myeloid+Leukemia&term=CXCR4"
    )
    assert by_name["pubmed"].startswith("https://pubmed.ncbi.nlm.nih.gov/?term=CXCR4")


def test_link_outs_skip_missing_ids():
    from targets.web.links import target_links

    names = [link["name"] for link in target_links(Target(symbol="ABC1", ensembl_id="", uniprot=""))]
    assert names == ["clinicaltrials", "pubmed"]


def test_the_decision_log_is_append_only_and_read_only_in_the_admin(client, admin_user, catalogue, curator):
    from targets.models import DecisionLogEntry as Entry

    services.decision_set(target=Target.objects.get(symbol="CXCR4"), user=curator, stance="drop", reason="toxicity")
    entry = Entry.objects.get()
    entry.reason = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    client.force_login(admin_user)
    assert client.get("/admin/targets/decisionlogentry/").status_code == 200
    assert client.post(f"/admin/targets/decisionlogentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Entry.objects.get().reason == "toxicity"


def test_a_curator_puts_a_target_on_a_shortlist_from_its_discussion(curator_client, viewer_client, catalogue, curator):
    services.shortlist_create(name="Picks", user=curator)
    page = curator_client.get("/targets/SELE/discussion/").content.decode()
    assert '<option value="picks">Picks</option>' in page
    curator_client.post(
        "/targets/SELE/discussion/", {"action": "shortlist", "shortlist": "picks", "note": "E-selectin"}
    )
    assert list(Shortlist.objects.get(slug="picks").items.values_list("target__symbol", "note")) == [
        ("SELE", "E-selectin")
    ]
    assert "<h2" in curator_client.get("/targets/SELE/discussion/").content.decode()
    assert 'id="shortlist-form"' not in viewer_client.get("/targets/SELE/discussion/").content.decode()
    refused = viewer_client.post("/targets/SELE/discussion/", {"action": "shortlist", "shortlist": "picks"})
    assert refused.status_code == 403
    missing = curator_client.post("/targets/SELE/discussion/", {"action": "shortlist", "shortlist": "nope"})
    assert missing.status_code == 400 and 'id="shortlist-shortlist-error"' in missing.content.decode()
