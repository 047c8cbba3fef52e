"""Open Targets Platform (GraphQL v4): symbol mapping, target profiles in batches, AML association scores.

Every query below is validated against the platform's schema in the tests. Each query also asks for
``meta`` so the data release travels with the answer at no extra request.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scoring.stages import from_open_targets
from targets.connectors import records as r
from targets.connectors.errors import PermanentSourceError
from targets.connectors.graphql import run_query
from targets.connectors.http import SourceClient, SourceConfig
from targets.connectors.shape import Node
from targets.connectors.util import chunked, unique

SOURCE = "opentargets"
DEFAULT_BASE_URL = "https://api.platform.opentargets.org/api/v4/graphql"
AML_DISEASE_NAME = "acute myeloid leukemia"
MAX_PAGE_SIZE = 3000  # server limit for Pagination.size

_META = "meta { apiVersion { x y z } dataVersion { year month iteration } }"

MAP_IDS_QUERY = f"""
query MapIds($terms: [String!]!, $entityNames: [String!]) {{
  {_META}
  mapIds(queryTerms: $terms, entityNames: $entityNames) {{
    mappings {{ term hits {{ id name entity }} }}
  }}
}}
"""

TARGET_PROFILES_QUERY = f"""
query TargetProfiles($ensemblIds: [String!]!) {{
  {_META}
  targets(ensemblIds: $ensemblIds) {{
    id
    approvedSymbol
    tractability {{ modality label value }}
    prioritisation {{ items {{ key value }} }}
    safetyLiabilities {{
      event eventId datasource url
      effects {{ direction dosing }}
      biosamples {{ tissueLabel cellLabel }}
    }}
    geneticConstraint {{ constraintType score oe oeLower oeUpper upperBin6 }}
    subcellularLocations {{ location source termSL labelSL }}
    drugAndClinicalCandidates {{
      count
      rows {{
        id
        maxClinicalStage
        drug {{
          id name drugType maximumClinicalStage
          mechanismsOfAction {{ rows {{ mechanismOfAction actionType targets {{ id }} }} }}
        }}
        diseases {{ diseaseFromSource disease {{ id name }} }}
      }}
    }}
  }}
}}
"""

ASSOCIATIONS_QUERY = f"""
query DiseaseAssociations($diseaseId: String!, $ensemblIds: [String!]!, $size: Int!) {{
  {_META}
  disease(efoId: $diseaseId) {{
    id
    name
    associatedTargets(Bs: $ensemblIds, page: {{index: 0, size: $size}}) {{
      count
      rows {{
        score
        datatypeScores {{ id score }}
        datasourceScores {{ id score }}
        target {{ id approvedSymbol }}
      }}
    }}
  }}
}}
"""

QUERIES = {
    "MapIds": MAP_IDS_QUERY,
    "TargetProfiles": TARGET_PROFILES_QUERY,
    "DiseaseAssociations": ASSOCIATIONS_QUERY,
}


def default_config(**overrides) -> SourceConfig:
    """The production configuration; pass ``base_url=...``, ``min_interval=0`` etc. to override."""
    return SourceConfig(**{"name": SOURCE, "base_url": DEFAULT_BASE_URL, "min_interval": 0.5, **overrides})


class OpenTargetsClient:
    """Batched access to Open Targets; results are keyed by the id or symbol asked for.

    ``batch_size`` targets go in one ``targets(ensemblIds:)`` request (50 keeps a 1,000-target refresh to
    about 20 requests); ``map_batch_size`` symbols in one ``mapIds`` request.
    """

    def __init__(self, http: SourceClient, *, batch_size: int = 50, map_batch_size: int = 100):
        for size in (batch_size, map_batch_size):
            if not 1 <= size <= MAX_PAGE_SIZE:
                raise ValueError(f"batch sizes must be between 1 and {MAX_PAGE_SIZE}")
        self.http = http
        self.batch_size = batch_size
        self.map_batch_size = map_batch_size

    def map_symbols(self, symbols: Iterable[str]) -> dict[str, r.SymbolMapping | r.NotFound]:
        """Resolve HGNC symbols to Ensembl ids (exact, case-insensitive symbol match); others NotFound."""
        results: dict[str, r.SymbolMapping | r.NotFound] = {}
        for batch in chunked(unique(symbols), self.map_batch_size):
            data = run_query(self.http, MAP_IDS_QUERY, {"terms": batch, "entityNames": ["target"]})
            release = read_release(data)
            hits_by_term = _mapping_hits(data)
            for symbol in batch:
                results[symbol] = _pick_target(symbol, hits_by_term.get(symbol.casefold(), []), release)
        return results

    def resolve_disease_id(self, name: str = AML_DISEASE_NAME) -> str:
        """The platform's current id for a disease name (AML: MONDO_0018874 now, EFO_0000222 before)."""
        data = run_query(self.http, MAP_IDS_QUERY, {"terms": [name], "entityNames": ["disease"]})
        hits = [hit for hit in _mapping_hits(data).get(name.casefold(), []) if hit.str("entity") == "disease"]
        if not hits:
            raise data.fail(f"no disease matches {name!r}", "$.mapIds.mappings")
        exact = [hit for hit in hits if (hit.str("name") or "").casefold() == name.casefold()]
        return (exact or hits)[0].str("id")

    def fetch_targets(self, ensembl_ids: Iterable[str]) -> dict[str, r.TargetProfile | r.NotFound]:
        """Target profiles for many Ensembl ids, ``batch_size`` per request; unknown ids give NotFound."""
        results: dict[str, r.TargetProfile | r.NotFound] = {}
        for batch in chunked(unique(ensembl_ids), self.batch_size):
            data = run_query(self.http, TARGET_PROFILES_QUERY, {"ensemblIds": batch})
            release = read_release(data)
            profiles = (parse_target(node, release) for node in data.list("targets"))
            found = {profile.ensembl_id: profile for profile in profiles}
            for ensembl_id in batch:
                results[ensembl_id] = found.get(ensembl_id) or r.NotFound(
                    source=SOURCE, key=ensembl_id, detail="not in the platform's targets"
                )
        return results

    def fetch_associations(
        self, disease_id: str, ensembl_ids: Iterable[str]
    ) -> dict[str, r.AssociationScore | r.NotFound]:
        """Association scores of the given targets with one disease (one request per 3,000 targets).

        A target without association evidence for the disease is NotFound (the platform omits it).
        """
        results: dict[str, r.AssociationScore | r.NotFound] = {}
        for batch in chunked(unique(ensembl_ids), MAX_PAGE_SIZE):
            data = run_query(
                self.http,
                ASSOCIATIONS_QUERY,
                {"diseaseId": disease_id, "ensemblIds": batch, "size": len(batch)},
            )
            release = read_release(data)
            disease = data.child("disease", optional=True)
            if disease is None:
                raise PermanentSourceError(SOURCE, f"unknown disease id {disease_id!r}")
            associated = disease.child("associatedTargets")
            found = {}
            for row in associated.list("rows"):
                score = parse_association(row, disease_id, release)
                found[score.ensembl_id] = score
            for ensembl_id in batch:
                results[ensembl_id] = found.get(ensembl_id) or r.NotFound(
                    source=SOURCE, key=ensembl_id, detail=f"no association with {disease_id}"
                )
        return results


def read_release(data: Node) -> str:
    """The data release (e.g. ``26.03``) from the ``meta`` block every query asks for."""
    version = data.child("meta").child("dataVersion")
    release = f"{version.str('year')}.{version.str('month')}"
    iteration = version.str("iteration", optional=True)
    return f"{release}.{iteration}" if iteration else release


def _mapping_hits(data: Node) -> dict[str, list[Node]]:
    return {
        mapping.str("term").casefold(): mapping.list("hits", optional=True)
        for mapping in data.child("mapIds").list("mappings")
    }


def _pick_target(symbol: str, hits: Sequence[Node], release: str) -> r.SymbolMapping | r.NotFound:
    for hit in hits:
        if hit.str("entity") == "target" and hit.str("name").casefold() == symbol.casefold():
            return r.SymbolMapping(
                symbol=symbol,
                ensembl_id=hit.str("id"),
                approved_symbol=hit.str("name"),
                provenance=r.Provenance.of(SOURCE, release, hit.value),
            )
    return r.NotFound(source=SOURCE, key=symbol, detail="no target with this approved symbol")


def parse_target(node: Node, release: str | None) -> r.TargetProfile:
    """A TargetProfile from one element of ``targets`` (or a ``target``) answer."""
    node.as_object()
    ensembl_id = node.str("id")
    prioritisation = node.child("prioritisation", optional=True)
    candidates = node.child("drugAndClinicalCandidates", optional=True)
    return r.TargetProfile(
        ensembl_id=ensembl_id,
        symbol=node.str("approvedSymbol"),
        tractability=tuple(
            r.Tractability(modality=t.str("modality"), label=t.str("label"), value=t.bool("value"))
            for t in node.list("tractability", optional=True)
        ),
        prioritisation=tuple(
            r.PrioritisationFactor(key=item.str("key"), value=item.str("value"))
            for item in (prioritisation.list("items") if prioritisation else [])
        ),
        safety_liabilities=tuple(_safety(s) for s in node.list("safetyLiabilities", optional=True)),
        genetic_constraint=tuple(_constraint(c) for c in node.list("geneticConstraint", optional=True)),
        subcellular_locations=tuple(
            r.SubcellularLocation(
                location=loc.str("location"),
                source=loc.str("source"),
                term=loc.str("termSL", optional=True),
                label=loc.str("labelSL", optional=True),
            )
            for loc in node.list("subcellularLocations", optional=True)
        ),
        drug_candidates=tuple(
            _candidate(row, ensembl_id, release) for row in (candidates.list("rows") if candidates else [])
        ),
        provenance=r.Provenance.of(SOURCE, release, node.value),
    )


def _safety(node: Node) -> r.SafetyLiability:
    biosamples = []
    for sample in node.list("biosamples", optional=True):
        label = sample.str("tissueLabel", optional=True) or sample.str("cellLabel", optional=True)
        if label:
            biosamples.append(label)
    return r.SafetyLiability(
        event=node.str("event", optional=True),
        event_id=node.str("eventId", optional=True),
        datasource=node.str("datasource"),
        effects=tuple(
            r.SafetyEffect(direction=e.str("direction"), dosing=e.str("dosing", optional=True))
            for e in node.list("effects", optional=True)
        ),
        biosamples=tuple(biosamples),
        url=node.str("url", optional=True),
    )


def _constraint(node: Node) -> r.GeneticConstraint:
    return r.GeneticConstraint(
        constraint_type=node.str("constraintType"),
        score=node.number("score", optional=True),
        oe=node.number("oe", optional=True),
        oe_lower=node.number("oeLower", optional=True),
        oe_upper=node.number("oeUpper", optional=True),
        upper_bin6=node.int("upperBin6", optional=True),
    )


def _candidate(row: Node, target_id: str, release: str | None) -> r.DrugCandidate:
    drug = row.child("drug", optional=True)
    if drug is None:
        raise row.fail("drug is null", f"{row.path}.drug")
    stage_reported = row.str("maxClinicalStage")
    try:
        stage = from_open_targets(stage_reported)
    except ValueError as error:
        raise row.fail(str(error), f"{row.path}.maxClinicalStage") from None
    mechanisms = drug.child("mechanismsOfAction", optional=True)
    return r.DrugCandidate(
        target_id=target_id,
        drug_id=drug.str("id"),
        drug_name=drug.str("name"),
        drug_type=drug.str("drugType", optional=True),
        stage=stage,
        stage_reported=stage_reported,
        diseases=tuple(_disease_ref(item) for item in row.list("diseases", optional=True)),
        mechanisms=tuple(
            r.DrugMechanism(
                description=m.str("mechanismOfAction"),
                action_type=m.str("actionType", optional=True),
                target_ids=tuple(t.str("id") for t in m.list("targets", optional=True)),
            )
            for m in (mechanisms.list("rows") if mechanisms else [])
        ),
        provenance=r.Provenance.of(SOURCE, release, row.value),
    )


def _disease_ref(item: Node) -> r.DiseaseRef:
    disease = item.child("disease", optional=True)
    return r.DiseaseRef(
        id=disease.str("id") if disease else None,
        name=disease.str("name") if disease else None,
        from_source=item.str("diseaseFromSource", optional=True),
    )


def parse_association(row: Node, disease_id: str, release: str | None) -> r.AssociationScore:
    """An AssociationScore from one ``associatedTargets.rows`` element."""
    target = row.child("target")
    return r.AssociationScore(
        disease_id=disease_id,
        ensembl_id=target.str("id"),
        symbol=target.str("approvedSymbol"),
        score=row.number("score"),
        datatype_scores=_components(row, "datatypeScores"),
        datasource_scores=_components(row, "datasourceScores"),
        provenance=r.Provenance.of(SOURCE, release, row.value),
    )


def _components(row: Node, key: str) -> tuple[r.ScoredComponent, ...]:
    return tuple(r.ScoredComponent(id=c.str("id"), score=c.number("score")) for c in row.list(key, optional=True))
