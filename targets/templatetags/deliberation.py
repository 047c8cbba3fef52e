"""Template tags of the target page's additions: link-outs and tools, and the team-discussion summary."""

from django import template

from targets.deliberation.selectors import discussion
from targets.web.links import target_links

register = template.Library()

SUMMARY_COMMENTS = 3


@register.inclusion_tag("targets/_target_tools.html")
def target_tools(target):
    """Links out (Open Targets, UniProt, Ensembl, ClinicalTrials.gov, PubMed) and the dossier/discussion links."""
    return {"target": target, "links": target_links(target)}


@register.inclusion_tag("deliberation/_summary.html", takes_context=True)
def deliberation_summary(context, target):
    """The team decision, members' stances and the latest comments of a target, linking to its discussion."""
    found = discussion(target)
    return {**found, "target": target, "user": context.get("user"), "recent": found["comments"][-SUMMARY_COMMENTS:]}
