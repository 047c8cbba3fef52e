"""Drugs named by the sources: found by ChEMBL id, else by name; created once even under races."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from scoring.stages import STAGE_VALUES
from targets.choices import Modality
from targets.models import Drug

# Source drug types (Open Targets ``drugType``, ChEMBL ``molecule_type``) -> our modality; others stay blank.
_MODALITY = {
    "small molecule": Modality.SMALL_MOLECULE,
    "antibody": Modality.ANTIBODY,
    "protein": Modality.RECOMBINANT_PROTEIN,
    "cell": Modality.CELL_THERAPY,
}


def modality_of(drug_type: str | None) -> str:
    """Our modality for a source's drug type ('' when there is no clear match)."""
    return str(_MODALITY.get((drug_type or "").strip().lower(), ""))


def higher_stage(*stages: str | None) -> str:
    """The highest of the stage codes given ('' when none)."""
    known = [stage for stage in stages if stage]
    return max(known, key=STAGE_VALUES.__getitem__) if known else ""


def drug_upsert(
    *,
    chembl_id: str | None,
    name: str,
    drug_type: str | None = None,
    max_stage: str | None = None,
    first_approval: int | None = None,
    authoritative: bool = False,
) -> Drug:
    """The drug with this ChEMBL id (or name), created or updated; writes only values that differ.

    Curated values win: modality is filled only when blank; ``max_stage`` and ``first_approval`` are set
    when ``authoritative`` (ChEMBL) or blank (other sources). A drug is matched by ChEMBL id, then by name,
    then by one of its curated aliases.
    """
    drug = _find(chembl_id, name)
    if drug is None:
        drug = _create(chembl_id, name, modality_of(drug_type), max_stage or "", first_approval)
    changes = {}
    if chembl_id and not drug.chembl_id and not Drug.objects.filter(chembl_id=chembl_id).exists():
        changes["chembl_id"] = chembl_id
    if not drug.modality and modality_of(drug_type):
        changes["modality"] = modality_of(drug_type)
    if max_stage and (authoritative or not drug.max_stage) and drug.max_stage != max_stage:
        changes["max_stage"] = max_stage
    if first_approval and (authoritative or not drug.first_approval) and drug.first_approval != first_approval:
        changes["first_approval"] = first_approval
    if changes:
        for name_, value in changes.items():
            setattr(drug, name_, value)
        drug.save()
    return drug


def _find(chembl_id: str | None, name: str) -> Drug | None:
    """By ChEMBL id, then by name, then by a curated alias (a source may use the code name: 'BL-8040')."""
    if chembl_id:
        drug = Drug.objects.filter(chembl_id=chembl_id).first()
        if drug is not None:
            return drug
    key = name.strip().lower()
    drug = Drug.objects.filter(name_key=key).first()
    if drug is not None:
        return drug
    with_aliases = Drug.objects.exclude(aliases=[]).order_by("pk")
    return next((d for d in with_aliases if key in {alias.strip().lower() for alias in d.aliases}), None)


def _create(chembl_id, name, modality, max_stage, first_approval) -> Drug:
    try:
        with transaction.atomic():  # a savepoint: another worker may create the same drug meanwhile
            return Drug.objects.create(
                chembl_id=chembl_id or None,
                name=name.strip(),
                modality=modality,
                max_stage=max_stage,
                first_approval=first_approval,
            )
    except IntegrityError:
        drug = _find(chembl_id, name)
        if drug is None:
            raise
        return drug
