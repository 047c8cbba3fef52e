"""Promote a universe gene into the curated catalogue: a Target with the gene's identifiers, audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from targets.models import Axis, Gene, Target
from targets.universe.tasks import enqueue_universe_rerank


def promote_gene(
    gene: Gene, *, axis: Axis | None, new_axis: str = "", compartment: str, role: str, mechanism: str = ""
) -> Target:
    """Create the curated target (history records who, via the request middleware) and link the gene to it.

    ``axis`` is an existing axis, or None with ``new_axis`` naming one to create. Refused (ValidationError, nothing
    written, no axis created) when the gene is already curated or lacks the Ensembl id or UniProt accession a
    target needs, or when another target already uses one of its identifiers. Once committed, the universe is
    re-ranked in the background (its partners' "curated partners" criterion changed); until then the discovery
    view marks its ranking as out of date."""
    if gene.target_id:
        raise ValidationError(f"{gene.symbol} is already a curated target.")
    if not gene.ensembl_id or not gene.uniprot_ids:
        raise ValidationError(f"{gene.symbol} has no Ensembl id or no UniProt accession in HGNC: add it by hand.")
    with transaction.atomic():
        if axis is None:
            axis = Axis.objects.get_or_create(name=new_axis.strip())[0]
        target = _create(gene, axis=axis, compartment=compartment, role=role, mechanism=mechanism)
        enqueue_universe_rerank(f"{gene.symbol} promoted")
    gene.target = target
    return target


def _create(gene: Gene, *, axis: Axis, compartment: str, role: str, mechanism: str) -> Target:
    target = Target(
        symbol=gene.symbol,
        name=gene.name[:300],
        ensembl_id=gene.ensembl_id,
        uniprot=gene.uniprot_ids[0],
        axis=axis,
        compartment=compartment,
        role=role,
        mechanism=mechanism,
        compartment_note=f"promoted from the gene universe ({gene.hgnc_id})",
    )
    target.full_clean()
    target.save()
    Gene.objects.filter(pk=gene.pk).update(target=target)
    return target
