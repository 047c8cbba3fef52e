"""DGIdb: druggable-genome categories and drug-gene interactions, kept as source records (no derived field
yet: the model has no place for categories, and interactions duplicate ChEMBL's mechanisms)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing

from targets.choices import Source
from targets.connectors import dgidb as dg
from targets.connectors import records as r
from targets.models import Target
from targets.refresh.clients import http_client
from targets.refresh.sources.base import Fetched
from targets.refresh.store import RecordRow, row_from_provenance

SOURCE = Source.DGIDB.value


def fetch(targets: Sequence[Target]) -> Fetched:
    """Categories and interactions of the targets' genes (by symbol), following DGIdb's cursor pages."""
    by_name = {target.symbol.upper(): target for target in targets}
    with closing(http_client(SOURCE)) as http:
        genes = dg.DgidbClient(http).fetch_genes(by_name)
    fetched = Fetched()
    for name, gene in genes.items():
        if isinstance(gene, r.NotFound):
            fetched.not_found.append(name)
            continue
        target_pk = by_name[name].pk
        fetched.rows.append(row_from_provenance("gene", name, target_pk, gene.categories))
        for interaction in gene.interactions:
            key = f"{name}:{interaction.drug_concept_id or interaction.drug_name}"
            fetched.rows.append(row_from_provenance("interaction", key, target_pk, interaction))
    return fetched


def parse(record_type: str, key: str, payload, release: str | None):
    """DGIdb records have no derived fields, so the stored payload is used as it is."""
    return payload


def apply(rows: Sequence[RecordRow], targets: dict[int, Target]) -> int:
    """Nothing to derive from DGIdb yet."""
    return 0
