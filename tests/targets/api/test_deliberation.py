"""Team deliberation in the API: who may do what, bad input named by field, the decision log and shortlists."""

from __future__ import annotations

import csv
import io

import pytest

from targets.models import DecisionLogEntry, ShortlistItem, TeamDecision
from tests.targets.api.conftest import error_fields

pytestmark = pytest.mark.django_db


def test_any_signed_in_member_comments_and_everyone_who_reads_sees_it(client_for, catalogue):
    made = client_for("viewer").post("/api/comments/", {"target": "cxcr4", "body": "Plerixafor data look thin."})
    assert made.status_code == 201
    assert made.json()["author"] == "viewer" and made.json()["target"] == "CXCR4"
    listed = client_for("anonymous").get("/api/comments/", {"target": "CXCR4"}).json()
    assert [item["body"] for item in listed["results"]] == ["Plerixafor data look thin."]
    assert client_for("anonymous").post("/api/comments/", {"target": "CXCR4", "body": "x"}).status_code == 403


def test_comments_are_append_only(client_for, catalogue):
    made = client_for("viewer").post("/api/comments/", {"target": "CXCR4", "body": "first"}).json()
    assert client_for("admin").delete(f"/api/comments/{made['id']}/").status_code in (404, 405)
    assert client_for("admin").put(f"/api/comments/{made['id']}/", {"body": "x"}).status_code in (404, 405)


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"target": "CXCR4", "body": "x" * 4001}, "body", "4000"),
        ({"target": "CXCR4", "body": "bad\x00byte"}, "body", "NUL characters"),
        ({"target": "CXCR4", "body": "   "}, "body", "blank"),
        ({"target": "NOTAGENE", "body": "hello"}, "target", "No curated target"),
    ],
)
def test_bad_comments_get_a_field_error(client_for, catalogue, body, field, words):
    response = client_for("viewer").post("/api/comments/", body, format="json")
    assert response.status_code == 400
    assert words in " ".join(error_fields(response)[field])


def test_a_member_sets_their_own_stance_and_each_change_is_logged(client_for, catalogue):
    viewer = client_for("viewer")
    assert (
        viewer.post("/api/stances/", {"target": "VCAM1", "stance": "watch", "reason": "wait for data"}).status_code
        == 200
    )
    changed = viewer.post("/api/stances/", {"target": "VCAM1", "stance": "pursue", "reason": "new in vivo paper"})
    assert changed.json()["stance"] == "pursue"
    stances = viewer.get("/api/stances/", {"target": "VCAM1"}).json()["results"]
    assert [(s["user"], s["stance"]) for s in stances] == [("viewer", "pursue")]
    log = viewer.get("/api/decision-log/", {"target": "VCAM1"}).json()["results"]
    assert [(e["action"], e["stance_before"], e["stance_after"], e["reason"]) for e in log] == [
        ("stance", "", "watch", "wait for data"),
        ("stance", "watch", "pursue", "new in vivo paper"),
    ]


def test_a_stance_needs_a_reason_and_a_known_word(client_for, catalogue):
    viewer = client_for("viewer")
    missing = viewer.post("/api/stances/", {"target": "VCAM1", "stance": "watch"})
    assert "reason" in error_fields(missing)
    wrong = viewer.post("/api/stances/", {"target": "VCAM1", "stance": "maybe", "reason": "r"})
    assert "stance" in error_fields(wrong)
    too_long = viewer.post("/api/stances/", {"target": "VCAM1", "stance": "drop", "reason": "r" * 1001})
    assert "1000" in " ".join(error_fields(too_long)["reason"])


def test_only_curators_decide_for_the_team(client_for, catalogue):
    body = {"target": "CXCR4", "stance": "pursue", "reason": "clinical precedent and niche specificity"}
    assert client_for("viewer").post("/api/decisions/", body).status_code == 403
    assert client_for("anonymous").post("/api/decisions/", body).status_code == 403
    decided = client_for("curator").post("/api/decisions/", body)
    assert decided.status_code == 200
    assert decided.json() | {"decided_at": None} == {
        "target": "CXCR4",
        "stance": "pursue",
        "reason": body["reason"],
        "decided_by": "curator",
        "decided_at": None,
        "version": 1,
    }
    assert client_for("viewer").get("/api/decisions/", {"stance": "pursue"}).json()["results"][0]["target"] == "CXCR4"


def test_a_stale_expected_version_is_a_409_and_changes_nothing(client_for, catalogue):
    curator = client_for("curator")
    curator.post("/api/decisions/", {"target": "CXCR4", "stance": "watch", "reason": "first look"})
    curator.post(
        "/api/decisions/", {"target": "CXCR4", "stance": "pursue", "reason": "second look", "expected_version": 1}
    )
    stale = curator.post(
        "/api/decisions/", {"target": "CXCR4", "stance": "drop", "reason": "late", "expected_version": 1}
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    assert TeamDecision.objects.get(target__symbol="CXCR4").stance == "pursue"
    assert DecisionLogEntry.objects.filter(target__symbol="CXCR4", action="decision").count() == 2


def test_unknown_filter_values_are_a_400(client_for, catalogue):
    assert "stance" in error_fields(client_for("viewer").get("/api/decisions/", {"stance": "maybe"}))
    assert "action" in error_fields(client_for("viewer").get("/api/decision-log/", {"action": "vote"}))


def test_a_curator_builds_an_ordered_shortlist_and_exports_it(client_for, ranked):
    curator = client_for("curator")
    made = curator.post("/api/shortlists/", {"name": "Q3 picks", "description": "for the October review"})
    assert made.status_code == 201 and made.json()["slug"] == "q3-picks"
    for symbol, note in [("CXCR4", "lead"), ("VCAM1", "backup"), ("SELE", "")]:
        added = curator.post("/api/shortlists/q3-picks/items/", {"target": symbol, "note": note})
        assert added.status_code == 201 and added.json()["targets"][-1] == symbol  # the answer shows the write
    moved = curator.patch("/api/shortlists/q3-picks/items/SELE/", {"position": 1}, format="json").json()
    assert [item["target"] for item in moved["items"]] == ["SELE", "CXCR4", "VCAM1"]
    assert moved["targets"] == ["SELE", "CXCR4", "VCAM1"]
    curator.post("/api/decisions/", {"target": "CXCR4", "stance": "pursue", "reason": "lead"})
    assert curator.delete("/api/shortlists/q3-picks/items/VCAM1/").status_code == 204
    detail = client_for("viewer").get("/api/shortlists/q3-picks/").json()
    rows = {item["target"]: item for item in detail["items"]}
    assert [item["position"] for item in detail["items"]] == [1, 2]
    assert rows["CXCR4"]["rank"] == ranked.rows.get(target__symbol="CXCR4").rank
    assert rows["CXCR4"]["team_stance"] == "pursue" and rows["SELE"]["team_stance"] is None
    exported = client_for("viewer").get("/api/shortlists/q3-picks/export/")
    assert exported["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(exported.content.decode())))
    assert [(r["position"], r["symbol"], r["team_stance"]) for r in table] == [
        ("1", "SELE", ""),
        ("2", "CXCR4", "pursue"),
    ]
    assert table[1]["rank"] == str(rows["CXCR4"]["rank"])
    log = DecisionLogEntry.objects.filter(shortlist_name="Q3 picks").values_list("action", flat=True)
    assert sorted(log) == sorted(["shortlist_add"] * 3 + ["shortlist_move", "shortlist_remove"])


def test_shortlist_writes_need_a_curator_and_bad_items_name_the_field(client_for, catalogue):
    assert client_for("viewer").post("/api/shortlists/", {"name": "mine"}).status_code == 403
    curator = client_for("curator")
    curator.post("/api/shortlists/", {"name": "picks"})
    assert client_for("viewer").post("/api/shortlists/picks/items/", {"target": "CXCR4"}).status_code == 403
    assert "name" in error_fields(curator.post("/api/shortlists/", {"name": "Picks"}))
    assert "name" in error_fields(curator.post("/api/shortlists/", {"name": "p\x00"}, format="json"))
    assert "target" in error_fields(curator.post("/api/shortlists/picks/items/", {"target": "NOPE1"}))
    assert "note" in error_fields(curator.post("/api/shortlists/picks/items/", {"target": "CXCR4", "note": "n" * 501}))
    curator.post("/api/shortlists/picks/items/", {"target": "CXCR4"})
    assert "target" in error_fields(curator.post("/api/shortlists/picks/items/", {"target": "CXCR4"}))
    assert "position" in error_fields(
        curator.patch("/api/shortlists/picks/items/CXCR4/", {"position": 5}, format="json")
    )
    assert curator.delete("/api/shortlists/picks/items/VCAM1/").status_code == 404
    assert curator.get("/api/shortlists/nothing-here/").status_code == 404
    assert ShortlistItem.objects.count() == 1


@pytest.mark.parametrize(
    "path", ["/api/comments/", "/api/stances/", "/api/decisions/", "/api/decision-log/", "/api/shortlists/"]
)
def test_reading_follows_the_anonymous_read_setting(client_for, catalogue, settings, path):
    settings.NICHERANK_ANONYMOUS_READ = False
    assert client_for("anonymous").get(path).status_code == 403
    assert client_for("viewer").get(path).status_code == 200
