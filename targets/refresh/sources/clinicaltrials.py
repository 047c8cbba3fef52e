"""ClinicalTrials.gov: AML/MDS trials of the drugs known to act on the targets, linked to drugs and targets.

The drug names come from the database (catalogue, ChEMBL and Open Targets mechanisms); a trial is kept
when one of its interventions names one of them, and linked to that drug and the targets it acts on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from targets.choices import Source
from targets.connectors import clinicaltrials as ct
from targets.connectors import records as r
from targets.connectors.shape import Node
from targets.models import ClinicalTrial, Drug, DrugMechanism, Target
from targets.refresh.clients import http_client
from targets.refresh.sources.base import Fetched, records_of, save_changed
from targets.refresh.store import RecordRow, row_from_provenance

SOURCE = Source.CLINICALTRIALS.value


def drugs_on(targets: Sequence[Target]) -> dict[str, list[tuple[Drug, Target]]]:
    """Drug names (as stored) -> the (drug, target) pairs of the targets' mechanisms, any source."""
    pairs: dict[str, list[tuple[Drug, Target]]] = defaultdict(list)
    by_pk = {target.pk: target for target in targets}
    mechanisms = DrugMechanism.objects.filter(target__in=by_pk).select_related("drug").order_by("drug__name")
    for mechanism in mechanisms:
        pairs[mechanism.drug.name].append((mechanism.drug, by_pk[mechanism.target_id]))
    return pairs


def fetch(targets: Sequence[Target]) -> Fetched:
    """AML/MDS trials naming any drug that acts on the targets (several names per request)."""
    names = list(drugs_on(targets))
    fetched = Fetched()
    if not names:
        return fetched
    http = http_client(SOURCE)
    try:
        found = ct.ClinicalTrialsClient(http).trials_for_drugs(names)
    finally:
        http.close()
    seen = set()
    for name in names:
        trials = found.by_drug.get(name, ())
        if not trials:
            fetched.not_found.append(name)
        for trial in trials:
            if trial.nct_id not in seen:
                seen.add(trial.nct_id)
                fetched.rows.append(row_from_provenance("study", trial.nct_id, None, trial))
    return fetched


def parse(record_type: str, key: str, payload, release: str | None):
    """The connector record of a stored ClinicalTrials.gov study."""
    if record_type != "study":
        raise ValueError(f"unknown ClinicalTrials.gov record type {record_type!r}")
    return ct.parse_study(Node(SOURCE, payload, "$.studies[]"), release)


def apply(rows: Sequence[RecordRow], targets: dict[int, Target]) -> int:
    """Upsert the trials and link each to the drugs it names and their targets; return rows changed."""
    pairs = drugs_on(list(targets.values()))
    changed = 0
    for row in records_of(rows, "study"):
        trial: r.Trial = row.record
        instance, created = ClinicalTrial.objects.get_or_create(
            nct_id=trial.nct_id, defaults=trial_values(trial)
        )
        changed += 1 if created else save_changed(instance, trial_values(trial))
        for name, drug_targets in pairs.items():
            if trial.mentions_drug(name):
                instance.drugs.add(*{drug for drug, _ in drug_targets})
                instance.targets.add(*{target for _, target in drug_targets})
    return changed


def trial_values(trial: r.Trial) -> dict:
    """The ClinicalTrial fields of a registry study."""
    return {
        "title": trial.title[:500],
        "phases": list(trial.phases),
        "stage": trial.stage or "",
        "overall_status": (trial.overall_status or "")[:40],
        "conditions": list(trial.conditions),
        "start_date": trial.start_date.text if trial.start_date else "",
        "last_update_date": trial.last_update.text if trial.last_update else "",
        "enrollment": trial.enrollment,
        "sponsor": (trial.lead_sponsor or "")[:300],
        "source": SOURCE,
    }
