"""ClinicalTrials.gov: AML/MDS trials of the drugs that act on the targets, linked to drugs and targets.

The drug names (and their aliases and code names) come from the database; a trial is kept when one of its
interventions names one of them as whole words, and linked to that drug and to the targets the drug reaches
directly or via a ligand-receptor partner. Indirect agents (bortezomib for RELA) and agents whose stages were
earned on another target (gilteritinib on AXL: qualifier other_primary_target) bring no trials to the target.
For a drug and target the curated mechanisms (catalogue, curator, the pair rule) decide; source mechanisms
decide only where nothing is curated.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from contextlib import closing

from targets.choices import Attribution, Source, StageQualifier
from targets.connectors import clinicaltrials as ct
from targets.connectors import records as r
from targets.connectors.shape import Node
from targets.models import ClinicalTrial, Drug, DrugMechanism, Target
from targets.refresh.clients import http_client
from targets.refresh.sources.base import Fetched, records_of, save_changed
from targets.refresh.store import RecordRow, row_from_provenance

SOURCE = Source.CLINICALTRIALS.value


CURATED_SOURCES = (Source.CATALOGUE, Source.CURATOR, Source.DERIVED)
_MDS = re.compile(r"\bmds\b|myelodysplas")
_AML = re.compile(r"\baml\b|acute (myeloid|myelogenous|myelocytic|myeloblastic|non-?lymphocytic)|\banll\b")
_AML_INVERTED = re.compile(r"leuk[a]?emia, (myeloid|myelogenous|myelocytic|nonlymphocytic), acute")


def drugs_on(targets: Sequence[Target]) -> dict[str, list[tuple[Drug, Target]]]:
    """Drug names and aliases -> the (drug, target) pairs a trial naming it attaches to (see the module doc)."""
    by_pk = {target.pk: target for target in targets}
    by_pair: dict[tuple[int, int], list[DrugMechanism]] = defaultdict(list)
    for mechanism in DrugMechanism.objects.filter(target__in=by_pk).select_related("drug").order_by("drug__name"):
        by_pair[mechanism.drug_id, mechanism.target_id].append(mechanism)
    pairs: dict[str, list[tuple[Drug, Target]]] = defaultdict(list)
    for (_, target_pk), mechanisms in by_pair.items():
        if attaches_trials(mechanisms):
            drug = mechanisms[0].drug
            for name in dict.fromkeys([drug.name, *drug.aliases]):
                pairs[name].append((drug, by_pk[target_pk]))
    return dict(sorted(pairs.items()))


def attaches_trials(mechanisms: Sequence[DrugMechanism]) -> bool:
    """Whether one drug's mechanisms on one target let its trials count for the target."""
    decisive = [m for m in mechanisms if m.source in CURATED_SOURCES] or list(mechanisms)
    return any(
        m.attribution in (Attribution.DIRECT, Attribution.VIA_PARTNER)
        and StageQualifier.OTHER_PRIMARY_TARGET not in (*m.stage_aml_qualifiers, *m.stage_any_qualifiers)
        for m in decisive
    )


def mds_only(conditions: Sequence[str]) -> bool:
    """True when the conditions name MDS and none names AML."""
    texts = [condition.casefold() for condition in conditions]
    names_aml = any(_AML.search(text) or _AML_INVERTED.search(text) for text in texts)
    return any(_MDS.search(text) for text in texts) and not names_aml


def fetch(targets: Sequence[Target]) -> Fetched:
    """AML/MDS trials naming any drug that acts on the targets (several names per request)."""
    names = list(drugs_on(targets))
    fetched = Fetched()
    if not names:
        return fetched
    with closing(http_client(SOURCE)) as http:
        found = ct.ClinicalTrialsClient(http).trials_for_drugs(names)
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
    """Upsert the trials and link each to the drugs it names and, unless the record is assembled, to the targets
    those drugs reach; return rows changed."""
    pairs = drugs_on(list(targets.values()))
    changed = 0
    for row in records_of(rows, "study"):
        trial: r.Trial = row.record
        instance, created = ClinicalTrial.objects.get_or_create(nct_id=trial.nct_id, defaults=trial_values(trial))
        changed += 1 if created else save_changed(instance, trial_values(trial))
        for name, drug_targets in pairs.items():
            if trial.mentions_drug(name):
                instance.drugs.add(*{drug for drug, _ in drug_targets})
                if not row.assembled:  # an assembled (illustrative) record never adds a target's trial
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
        "mds_only": mds_only(trial.conditions),
        "source": SOURCE,
    }
