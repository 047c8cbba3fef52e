"""Form posts the web tests share (assembled test data, not curated facts)."""

from __future__ import annotations

from targets.models import Target

# An evidence form as a curator fills it in (assembled for the tests).
EVIDENCE_FORM = {
    "citation": "PMID: 23213054",
    "claim": "CXCR4 antagonism mobilises blasts",
    "direction": "pro_leukemic",
    "level": "in_vivo",
}


def target_form(target: Target, **changes) -> dict:
    """The target edit form as the page fills it in for ``target``, with ``changes`` on top."""
    data = {
        "name": target.name,
        "axis": target.axis_id,
        "compartment": target.compartment,
        "role": target.role,
        "mechanism": target.mechanism,
    }
    return {**data, **changes}
