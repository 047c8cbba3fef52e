"""DGIdb v5 (GraphQL): drug-gene interactions and druggable-genome categories for many genes per request."""

from __future__ import annotations

from collections.abc import Iterable

from targets.connectors import records as r
from targets.connectors.graphql import run_query
from targets.connectors.http import SourceClient, SourceConfig
from targets.connectors.shape import Node
from targets.connectors.util import chunked, unique

SOURCE = "dgidb"
DEFAULT_BASE_URL = "https://dgidb.org/api/graphql"

GENES_QUERY = """
query GeneInteractions($names: [String!]!, $first: Int!, $after: String) {
  genes(names: $names, first: $first, after: $after) {
    nodes {
      name
      conceptId
      geneCategories { name }
      interactions {
        drug { name conceptId approved immunotherapy antiNeoplastic }
        interactionScore
        interactionTypes { type directionality }
        sources { sourceDbName }
        publications { pmid }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def default_config(**overrides) -> SourceConfig:
    """The production configuration; pass ``base_url=...``, ``min_interval=0`` etc. to override."""
    return SourceConfig(**{"name": SOURCE, "base_url": DEFAULT_BASE_URL, "min_interval": 0.5, **overrides})


class DgidbClient:
    """Batched DGIdb lookups keyed by the (upper-cased) gene names asked for."""

    def __init__(self, http: SourceClient, *, batch_size: int = 25, page_size: int = 25, release: str | None = None):
        self.http = http
        self.batch_size = batch_size
        self.page_size = page_size
        self.release = release

    def fetch_genes(self, names: Iterable[str]) -> dict[str, r.DgidbGene | r.NotFound]:
        """Categories and interactions per gene; names DGIdb does not know give NotFound."""
        results: dict[str, r.DgidbGene | r.NotFound] = {}
        for batch in chunked(unique(name.upper() for name in names), self.batch_size):
            found: dict[str, r.DgidbGene] = {}
            for node in self._nodes(batch):
                gene = self._gene(node)
                found[gene.gene] = gene
            for name in batch:
                results[name] = found.get(name) or r.NotFound(source=SOURCE, key=name, detail="unknown gene name")
        return results

    def _nodes(self, names: list[str]) -> Iterable[Node]:
        """Gene nodes of every page, following ``pageInfo.endCursor`` while ``hasNextPage``."""
        cursor: str | None = None
        while True:
            data = run_query(self.http, GENES_QUERY, {"names": names, "first": self.page_size, "after": cursor})
            genes = data.child("genes")
            yield from genes.list("nodes")
            page_info = genes.child("pageInfo")
            if not page_info.bool("hasNextPage"):
                return
            cursor = page_info.str("endCursor")

    def _gene(self, node: Node) -> r.DgidbGene:
        name = node.as_object().str("name")
        concept_id = node.str("conceptId", optional=True)
        categories = r.GeneCategories(
            gene=name,
            concept_id=concept_id,
            categories=tuple(c.str("name") for c in node.list("geneCategories", optional=True)),
            provenance=r.Provenance.of(SOURCE, self.release, node.raw("geneCategories") or []),
        )
        interactions = tuple(self._interaction(name, item) for item in node.list("interactions", optional=True))
        return r.DgidbGene(gene=name, categories=categories, interactions=interactions)

    def _interaction(self, gene: str, item: Node) -> r.Interaction:
        drug = item.child("drug")
        types = item.list("interactionTypes", optional=True)
        return r.Interaction(
            gene=gene,
            drug_name=drug.str("name"),
            drug_concept_id=drug.str("conceptId", optional=True),
            approved=drug.bool("approved", optional=True),
            immunotherapy=drug.bool("immunotherapy", optional=True),
            anti_neoplastic=drug.bool("antiNeoplastic", optional=True),
            score=item.number("interactionScore", optional=True),
            types=tuple(unique(t.str("type") for t in types)),
            directionalities=tuple(unique(d for t in types if (d := t.str("directionality", optional=True)))),
            sources=tuple(s.str("sourceDbName") for s in item.list("sources", optional=True)),
            pmids=tuple(p.int("pmid") for p in item.list("publications", optional=True)),
            provenance=r.Provenance.of(SOURCE, self.release, item.value),
        )
