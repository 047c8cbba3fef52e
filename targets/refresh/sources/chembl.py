"""ChEMBL: targets by UniProt accession, their mechanisms, the molecules and their AML indications.

Mechanisms may sit on a salt; the drug is stored under the parent molecule, with the parent's name,
type, highest phase and first approval. The AML stage of a mechanism comes from the AML indications of
the salt or the parent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from contextlib import closing

from targets.choices import Attribution, Source
from targets.connectors import chembl as ch
from targets.connectors import records as r
from targets.connectors.shape import Node
from targets.models import DrugMechanism, Target
from targets.refresh.clients import http_client
from targets.refresh.drugs import drug_upsert, higher_stage
from targets.refresh.sources.base import Fetched, records_of, save_changed
from targets.refresh.store import RecordRow, row_from_provenance

SOURCE = Source.CHEMBL.value
SINGLE_PROTEIN = "SINGLE PROTEIN"


def fetch(targets: Sequence[Target]) -> Fetched:
    """ChEMBL targets, mechanisms, molecules and AML indications for the targets' UniProt accessions."""
    with closing(http_client(SOURCE)) as http:
        client = ch.ChemblClient(http)
        by_accession = client.targets_for_accessions(target.uniprot for target in targets)
        chembl_targets = {target.pk: by_accession.get(target.uniprot, []) for target in targets}
        owner = {}  # ChEMBL target id -> our target pk (first one listed)
        for target_pk, found in chembl_targets.items():
            for item in found:
                owner.setdefault(item.target_chembl_id, target_pk)
        mechanisms = client.mechanisms_for_targets(owner)
        molecule_ids = ch.molecule_ids(mechanisms)
        molecules = client.molecules(molecule_ids)
        indications = client.indications(molecule_ids)
    fetched = Fetched()
    molecule_owner = {}
    for target in targets:
        if not chembl_targets[target.pk]:
            fetched.not_found.append(target.uniprot)
        for item in chembl_targets[target.pk]:
            fetched.rows.append(row_from_provenance("target", _target_key(item), target.pk, item))
    for mechanism in mechanisms:
        target_pk = owner.get(mechanism.target_chembl_id)
        for molecule_id in (mechanism.molecule_chembl_id, mechanism.parent_molecule_chembl_id):
            if molecule_id:
                molecule_owner.setdefault(molecule_id, target_pk)
        fetched.rows.append(row_from_provenance("mechanism", _mechanism_key(mechanism), target_pk, mechanism))
    for molecule_id, molecule in molecules.items():
        if isinstance(molecule, r.NotFound):
            fetched.not_found.append(molecule_id)
            continue
        fetched.rows.append(row_from_provenance("molecule", molecule_id, molecule_owner.get(molecule_id), molecule))
    for indication in indications:
        fetched.rows.append(
            row_from_provenance(
                "indication",
                _indication_key(indication),
                molecule_owner.get(indication.molecule_chembl_id),
                indication,
            )
        )
    return fetched


def parse(record_type: str, key: str, payload, release: str | None):
    """The connector record of a stored ChEMBL payload."""
    # The connector parses rows in (private) client methods; a client without HTTP reuses them as they are.
    client = ch.ChemblClient(http=None, release=release)
    node = Node(SOURCE, payload, f"$.{record_type}s[]")
    if record_type == "target":
        return client._target(node, key.split(":", 1)[1])
    if record_type == "mechanism":
        return client._mechanism(node)
    if record_type == "molecule":
        return client._molecule(node)
    if record_type == "indication":
        return client._indication(node)
    raise ValueError(f"unknown ChEMBL record type {record_type!r}")


def apply(rows: Sequence[RecordRow], targets: dict[int, Target]) -> int:
    """Write ChEMBL drugs and mechanisms, and the targets' names; return how many rows changed."""
    changed = 0
    targets_of: dict[str, list[Target]] = defaultdict(list)
    for row in records_of(rows, "target"):
        item: r.ChemblTarget = row.record
        target = targets[row.target_id]
        targets_of[item.target_chembl_id].append(target)
        if item.target_type == SINGLE_PROTEIN and item.pref_name and not target.name:
            changed += save_changed(target, {"name": item.pref_name[:300]})
    molecules = {row.record.molecule_chembl_id: row.record for row in records_of(rows, "molecule")}
    aml_stage: dict[str, str] = {}
    for row in records_of(rows, "indication"):
        indication: r.Indication = row.record
        for molecule_id in (indication.molecule_chembl_id, indication.parent_molecule_chembl_id):
            if molecule_id:
                aml_stage[molecule_id] = higher_stage(aml_stage.get(molecule_id), indication.stage)
    merged: dict[tuple[int, int], dict] = {}
    for row in records_of(rows, "mechanism"):
        mechanism: r.Mechanism = row.record
        drug = _drug(mechanism, molecules)
        for target in targets_of.get(mechanism.target_chembl_id or "", []):
            values = merged.setdefault((drug.pk, target.pk), {"drug": drug, "target": target, "stages": []})
            values.setdefault("first", mechanism)
            ids = (mechanism.molecule_chembl_id, mechanism.parent_molecule_chembl_id)
            values["stages"].append((mechanism.stage, *(aml_stage.get(i) for i in ids if i)))
    keep = {}
    for values in merged.values():
        first: r.Mechanism = values["first"]
        stage_any = higher_stage(*(stages[0] for stages in values["stages"]))
        stage_aml = higher_stage(*(s for stages in values["stages"] for s in stages[1:]))
        fields = {
            "action_type": (first.action_type or "")[:40],
            "mechanism": (first.mechanism_of_action or "")[:300],
            "attribution": Attribution.INDIRECT if first.direct_interaction is False else Attribution.DIRECT,
            "stage_any": higher_stage(stage_any, stage_aml),
            "stage_aml": stage_aml,
        }
        mechanism = DrugMechanism.objects.filter(drug=values["drug"], target=values["target"], source=SOURCE).first()
        if mechanism is None:
            mechanism = DrugMechanism.objects.create(
                drug=values["drug"], target=values["target"], source=SOURCE, **fields
            )
            changed += 1
        else:
            changed += save_changed(mechanism, fields)
        keep.setdefault(values["target"].pk, []).append(mechanism.pk)
    for target_pk in {row.target_id for row in rows if row.target_id is not None} & set(targets):
        gone = DrugMechanism.objects.filter(target_id=target_pk, source=SOURCE).exclude(pk__in=keep.get(target_pk, []))
        changed += gone.delete()[0]
    return changed


def _drug(mechanism: r.Mechanism, molecules: dict[str, r.Molecule]):
    parent_id = mechanism.parent_molecule_chembl_id or mechanism.molecule_chembl_id
    parent = molecules.get(parent_id) or molecules.get(mechanism.molecule_chembl_id)
    return drug_upsert(
        chembl_id=parent_id,
        name=(parent.pref_name if parent and parent.pref_name else parent_id),
        drug_type=parent.molecule_type if parent else None,
        max_stage=parent.stage if parent else mechanism.stage,
        first_approval=parent.first_approval if parent else None,
        authoritative=True,
    )


def _target_key(item: r.ChemblTarget) -> str:
    return f"{item.target_chembl_id}:{item.accession}"


def _mechanism_key(mechanism: r.Mechanism) -> str:
    mec_id = mechanism.provenance.raw.get("mec_id") if isinstance(mechanism.provenance.raw, dict) else None
    if mec_id is not None:
        return str(mec_id)
    return f"{mechanism.target_chembl_id}:{mechanism.molecule_chembl_id}:{mechanism.action_type}"


def _indication_key(indication: r.Indication) -> str:
    drugind_id = indication.provenance.raw.get("drugind_id") if isinstance(indication.provenance.raw, dict) else None
    if drugind_id is not None:
        return str(drugind_id)
    return f"{indication.molecule_chembl_id}:{indication.efo_id or indication.mesh_id}"
