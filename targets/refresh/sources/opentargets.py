"""Open Targets: target profiles (tractability, safety, constraint, location, drugs) and AML association."""

from __future__ import annotations

from collections.abc import Sequence

from targets.choices import Source
from targets.connectors import opentargets as ot
from targets.connectors import records as r
from targets.connectors.shape import Node
from targets.models import DrugMechanism, Target
from targets.refresh.clients import http_client
from targets.refresh.drugs import drug_upsert
from targets.refresh.sources.base import Fetched, records_of, save_changed
from targets.refresh.store import RecordRow, row_from_provenance

SOURCE = Source.OPEN_TARGETS.value
_LOCATION_WORDS = ("membrane", "secreted", "extracellular")


def fetch(targets: Sequence[Target]) -> Fetched:
    """Profiles and AML association scores of the targets (by Ensembl id), in batched queries."""
    http = http_client(SOURCE)
    try:
        client = ot.OpenTargetsClient(http)
        by_ensembl = {target.ensembl_id: target for target in targets}
        disease_id = client.resolve_disease_id()
        profiles = client.fetch_targets(by_ensembl)
        associations = client.fetch_associations(disease_id, by_ensembl)
    finally:
        http.close()
    fetched = Fetched()
    for ensembl_id, target in by_ensembl.items():
        profile = profiles[ensembl_id]
        if isinstance(profile, r.NotFound):
            fetched.not_found.append(ensembl_id)
            continue
        fetched.rows.append(row_from_provenance("target", ensembl_id, target.pk, profile))
        association = associations[ensembl_id]
        if isinstance(association, r.AssociationScore):
            key = f"{disease_id}:{ensembl_id}"
            fetched.rows.append(row_from_provenance("association", key, target.pk, association))
    return fetched


def parse(record_type: str, key: str, payload, release: str | None):
    """The connector record of a stored Open Targets payload."""
    if record_type == "target":
        return ot.parse_target(Node(SOURCE, payload, "$.targets[]"), release)
    if record_type == "association":
        disease_id = key.split(":", 1)[0]
        return ot.parse_association(Node(SOURCE, payload, "$.associatedTargets.rows[]"), disease_id, release)
    raise ValueError(f"unknown Open Targets record type {record_type!r}")


def apply(rows: Sequence[RecordRow], targets: dict[int, Target]) -> int:
    """Write the derived target fields and Open Targets drug mechanisms; return how many rows changed."""
    changed = 0
    for row in records_of(rows, "association"):
        changed += save_changed(targets[row.target_id], {"aml_association": row.record.score})
    for row in records_of(rows, "target"):
        target, profile = targets[row.target_id], row.record
        changed += save_changed(target, target_values(profile))
        changed += _sync_mechanisms(target, profile)
    return changed


def target_values(profile: r.TargetProfile) -> dict:
    """The Target fields an Open Targets profile sets."""
    tractability: dict[str, list[str]] = {}
    for bucket in profile.tractability:
        labels = tractability.setdefault(bucket.modality, [])
        if bucket.value:
            labels.append(bucket.label)
    lof = [c for c in profile.genetic_constraint if c.constraint_type == "lof"]
    return {
        "tractability": tractability or None,
        "safety_event_count": len(profile.safety_liabilities),
        "loeuf": lof[0].oe_upper if lof else None,
        "is_membrane_or_secreted": membrane_or_secreted(profile),
    }


def membrane_or_secreted(profile: r.TargetProfile) -> bool | None:
    """True if Open Targets flags the protein in the membrane or secreted (prioritisation factors first,
    then subcellular locations); False if both factors say no; None when nothing is known."""
    factors = profile.prioritisation_dict()
    flags = (factors.get("isInMembrane"), factors.get("isSecreted"))
    if "1" in flags:
        return True
    if any(word in loc.location.lower() for loc in profile.subcellular_locations for word in _LOCATION_WORDS):
        return True
    if flags == ("0", "0"):
        return False
    return None


def _sync_mechanisms(target: Target, profile: r.TargetProfile) -> int:
    changed, keep = 0, []
    for candidate in profile.drug_candidates:
        drug = drug_upsert(
            chembl_id=candidate.drug_id, name=candidate.drug_name, drug_type=candidate.drug_type,
            max_stage=candidate.stage,
        )  # fmt: skip
        on_target = [m for m in candidate.mechanisms if target.ensembl_id in m.target_ids] or list(
            candidate.mechanisms
        )
        diseases = sorted({d.name or d.from_source or "" for d in candidate.diseases} - {""})
        values = {
            "action_type": (on_target[0].action_type or "")[:40] if on_target else "",
            "mechanism": (on_target[0].description if on_target else "")[:300],
            "stage_any": candidate.stage or "",
            "note": ("Open Targets indications: " + ", ".join(diseases))[:2000] if diseases else "",
        }
        mechanism = DrugMechanism.objects.filter(drug=drug, target=target, source=SOURCE).first()
        if mechanism is None:
            mechanism = DrugMechanism.objects.create(drug=drug, target=target, source=SOURCE, **values)
            changed += 1
        else:
            changed += save_changed(mechanism, values)
        keep.append(mechanism.pk)
    gone = DrugMechanism.objects.filter(target=target, source=SOURCE).exclude(pk__in=keep)
    removed, _ = gone.delete()
    return changed + removed
