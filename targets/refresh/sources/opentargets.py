"""Open Targets: target profiles (tractability, safety, constraint, location, drugs) and AML association."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing

from targets.choices import Attribution, SafetyKind, Source
from targets.connectors import opentargets as ot
from targets.connectors import records as r
from targets.connectors.shape import Node
from targets.models import DrugMechanism, Interaction, SafetySignal, Target
from targets.refresh.clients import http_client
from targets.refresh.drugs import drug_upsert
from targets.refresh.sources.base import Fetched, records_of, save_changed
from targets.refresh.store import RecordRow, row_from_provenance

SOURCE = Source.OPEN_TARGETS.value
# Location entries an antibody can reach: the cell surface or outside the cell. Organelle membranes
# ("Mitochondrion outer membrane", "Endoplasmic reticulum membrane", "Nucleus membrane") are not among them.
_REACHABLE_LOCATIONS = ("cell membrane", "plasma membrane", "cell surface", "secreted", "extracellular")


def fetch(targets: Sequence[Target]) -> Fetched:
    """Profiles and AML association scores of the targets (by Ensembl id), in batched queries."""
    with closing(http_client(SOURCE)) as http:
        client = ot.OpenTargetsClient(http)
        by_ensembl = {target.ensembl_id: target for target in targets}
        disease_id = client.resolve_disease_id()
        profiles = client.fetch_targets(by_ensembl)
        associations = client.fetch_associations(disease_id, by_ensembl)
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
        association: r.AssociationScore = row.record
        datatypes = {component.id: component.score for component in association.datatype_scores}
        values = {"aml_association": association.score, "aml_association_datatypes": datatypes or None}
        changed += save_changed(targets[row.target_id], values)
    symbols = dict(Target.objects.values_list("ensembl_id", "symbol"))
    for row in records_of(rows, "target"):
        target, profile = targets[row.target_id], row.record
        changed += save_changed(target, target_values(profile))
        changed += _sync_mechanisms(target, profile, symbols)
        changed += _sync_liabilities(target, profile, verified=row.assembled is not True)
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
    """Whether an antibody can reach the protein. Open Targets' isInMembrane / isSecreted factors decide first
    (either 1: True; both 0: False, whatever the location text says); only when they are missing do the
    subcellular location entries count (cell membrane, cell surface, secreted, extracellular: True; others
    such as 'Mitochondrion outer membrane': False). None when nothing is known."""
    factors = profile.prioritisation_dict()
    flags = (factors.get("isInMembrane"), factors.get("isSecreted"))
    if "1" in flags:
        return True
    if flags == ("0", "0"):
        return False
    locations = [loc.location.casefold() for loc in profile.subcellular_locations]
    if any(place in location for location in locations for place in _REACHABLE_LOCATIONS):
        return True
    return False if locations else None


def _attribution(target: Target, on_target: bool, mechanisms, symbols: dict[str, str]) -> dict:
    """direct when a mechanism names the target itself; else via_partner when it names an interaction partner
    of the target, indirect otherwise (acts_on: the catalogue symbol it names, when known)."""
    if on_target:
        return {"attribution": Attribution.DIRECT, "acts_on": ""}
    named = sorted({symbols[i] for m in mechanisms for i in m.target_ids if i in symbols})
    partners = set(Interaction.objects.filter(ligand=target).values_list("receptor__symbol", flat=True))
    partners |= set(Interaction.objects.filter(receptor=target).values_list("ligand__symbol", flat=True))
    via = [symbol for symbol in named if symbol in partners]
    if via:
        return {"attribution": Attribution.VIA_PARTNER, "acts_on": via[0]}
    return {"attribution": Attribution.INDIRECT, "acts_on": named[0] if named else ""}


def _sync_mechanisms(target: Target, profile: r.TargetProfile, symbols: dict[str, str]) -> int:
    """Open Targets' own mechanism rows for the target (source opentargets); other sources' rows, the
    catalogue's included, are never written here."""
    changed, keep = 0, []
    for candidate in profile.drug_candidates:
        drug = drug_upsert(
            chembl_id=candidate.drug_id,
            name=candidate.drug_name,
            drug_type=candidate.drug_type,
            max_stage=candidate.stage,
        )
        direct = [m for m in candidate.mechanisms if target.ensembl_id in m.target_ids]
        on_target = direct or list(candidate.mechanisms)
        diseases = sorted({d.name or d.from_source or "" for d in candidate.diseases} - {""})
        values = {
            "action_type": (on_target[0].action_type or "")[:40] if on_target else "",
            "mechanism": (on_target[0].description if on_target else "")[:300],
            **_attribution(target, bool(direct), on_target, symbols),
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


def liability_values(liability: r.SafetyLiability) -> dict:
    """The SafetySignal fields of one Open Targets safety liability. Open Targets gives no severity, so it
    stays blank (the effect directions are kept in the text, never turned into a severity)."""
    effects = ", ".join(dict.fromkeys(e.direction for e in liability.effects if e.direction))
    tissues = ", ".join(dict.fromkeys(liability.biosamples))
    parts = [f"{liability.event or liability.event_id or 'unnamed event'} ({liability.datasource})"]
    if effects:
        parts.append(f"effects: {effects}")
    if tissues:
        parts.append(f"in: {tissues}")
    return {"signal": "; ".join(parts), "checked_source": (liability.url or "")[:500]}


def _sync_liabilities(target: Target, profile: r.TargetProfile, *, verified: bool) -> int:
    """Open Targets safety liabilities as SafetySignal rows (kind open_targets_liability), exactly."""
    changed, keep = 0, []
    existing = SafetySignal.objects.filter(target=target, source=SOURCE, kind=SafetyKind.OPEN_TARGETS_LIABILITY)
    by_signal = {signal.signal: signal for signal in existing}
    for liability in profile.safety_liabilities:
        values = liability_values(liability)
        signal = by_signal.get(values["signal"])
        if signal is None:
            signal = SafetySignal.objects.create(
                target=target, kind=SafetyKind.OPEN_TARGETS_LIABILITY, source=SOURCE, verified=verified, **values
            )
            by_signal[signal.signal] = signal
            changed += 1
        else:
            changed += save_changed(signal, {**values, "verified": verified})
        keep.append(signal.pk)
    removed, _ = existing.exclude(pk__in=keep).delete()
    return changed + removed
