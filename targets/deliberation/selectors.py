"""Reads of the team deliberation: a target's discussion, the team stances of many targets, a shortlist's rows."""

from __future__ import annotations

from collections.abc import Iterable

from targets.models import RankingRun
from targets.models.deliberation import Comment, DecisionLogEntry, MemberStance, Shortlist, TeamDecision


def discussion(target) -> dict:
    """Comments, members' stances, the team decision and the decision log of one target (oldest first)."""
    return discussions([target.pk])[target.pk]


def discussions(target_ids: Iterable[int]) -> dict[int, dict]:
    """target id -> its `discussion` for many targets at once (four queries, whatever their number)."""
    ids = list(target_ids)
    found = {pk: {"comments": [], "stances": [], "decision": None, "log": []} for pk in ids}
    for comment in Comment.objects.filter(target_id__in=ids).select_related("author"):
        found[comment.target_id]["comments"].append(comment)
    stances = MemberStance.objects.filter(target_id__in=ids).select_related("user").order_by("-updated_at")
    for stance in stances:
        found[stance.target_id]["stances"].append(stance)
    for target_id, decision in team_stances(ids).items():
        found[target_id]["decision"] = decision
    for entry in DecisionLogEntry.objects.filter(target_id__in=ids).select_related("actor"):
        found[entry.target_id]["log"].append(entry)
    return found


def team_stances(target_ids: Iterable[int]) -> dict[int, TeamDecision]:
    """target id -> its team decision, with who decided (targets without one are absent); one query."""
    decisions = TeamDecision.objects.filter(target_id__in=list(target_ids)).select_related("decided_by")
    return {item.target_id: item for item in decisions}


def shortlist_rows(shortlist: Shortlist, run: RankingRun | None) -> list[dict]:
    """The shortlist's items in order, each with the target's rank and score in `run` and its team decision."""
    items = list(shortlist.items.select_related("target", "added_by").order_by("position", "pk"))
    ids = [item.target_id for item in items]
    ranks = {}
    if run is not None:
        ranks = {row.target_id: row for row in run.rows.filter(target_id__in=ids).only("target_id", "rank", "score")}
    decisions = team_stances(ids)
    return [
        {"item": item, "row": ranks.get(item.target_id), "decision": decisions.get(item.target_id)} for item in items
    ]
