"""Explanations in words for the web page and the API: `scoring.explain_text` on today's facts, with links.

Each criterion's sentence comes from the same derivation as its value; each fact carries a link to its source
when it has one (PubMed or doi.org for a citation). The explanation describes the facts as they are now: a
stored run keeps the values of its day, so a page showing an older run says when the two differ.
"""

from __future__ import annotations

import re

from scoring.explain_text import explain_target, penalty_sentence
from targets.models import Target
from targets.models.evidence import citation_url
from targets.ranking.facts import build_facts

_CITATION = re.compile(r"^(\d{1,9}|10\.\S+/\S+)$")


def _link(source: str) -> str:
    return citation_url(source) if _CITATION.match(source or "") else ""


def explanations_for(targets) -> dict[str, list[dict]]:
    """symbol -> [{key, label, value, sentence, facts: [{text, source, url, counted}]}] for a target queryset."""
    explained = {}
    for facts in build_facts(targets):
        items = []
        for item in explain_target(facts).values():
            data = item.as_dict()
            data["facts"] = [{**fact, "url": _link(fact["source"])} for fact in data["facts"]]
            items.append(data)
        explained[facts.symbol] = items
    return explained


def target_explanations(target: Target) -> list[dict]:
    """The explanations of one target (see `explanations_for`)."""
    return explanations_for(Target.objects.filter(pk=target.pk)).get(target.symbol, [])


def dual_penalty_text(role: str, dual_policy: str) -> str:
    """The dual-role penalty of a profile in words ('' when none applies)."""
    return penalty_sentence(role, dual_policy)
