"""ChEMBL web services (REST): targets by UniProt accession, mechanisms, molecules and AML indications.

Lists are read to the end by following ``page_meta.next`` (a path without host). Mechanisms may sit on a
salt record and indications on the parent, so callers pass both ids (``Mechanism.molecule_ids``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from scoring.stages import from_chembl
from targets.connectors import records as r
from targets.connectors.http import SourceClient, SourceConfig
from targets.connectors.shape import Node
from targets.connectors.util import chunked, unique

SOURCE = "chembl"
DEFAULT_BASE_URL = "https://www.ebi.ac.uk/chembl/api/data"
AML_EFO_IDS = ("EFO:0000222", "MONDO:0018874")
AML_MESH_IDS = ("D015470",)
MOLECULE_FIELDS = "molecule_chembl_id,pref_name,molecule_type,max_phase,first_approval,molecule_hierarchy"


def default_config(**overrides) -> SourceConfig:
    """The production configuration; pass ``base_url=...``, ``min_interval=0`` etc. to override."""
    return SourceConfig(**{"name": SOURCE, "base_url": DEFAULT_BASE_URL, "min_interval": 0.2, **overrides})


class ChemblClient:
    """ChEMBL queries; ``release`` (e.g. ``ChEMBL_35``) is stamped on records when the caller knows it."""

    def __init__(self, http: SourceClient, *, page_size: int = 1000, id_batch: int = 50, release: str | None = None):
        self.http = http
        self.page_size = page_size
        self.id_batch = id_batch
        self.release = release

    def pages(self, resource: str, list_key: str, params: Mapping[str, Any]) -> Iterator[Node]:
        """Every row of a list resource, following ``page_meta.next`` until it is null."""
        path: str | None = f"{resource}.json"
        query: Mapping[str, Any] | None = {**params, "limit": self.page_size, "offset": 0}
        while path is not None:
            body = Node(SOURCE, self.http.get_json(path, params=query)).as_object()
            yield from body.list(list_key)
            path = body.child("page_meta").str("next", optional=True)
            query = None  # ``next`` already carries the query string

    def targets_for_accession(self, accession: str) -> list[r.ChemblTarget]:
        """Human ChEMBL targets with ``accession`` among their components (single proteins and complexes)."""
        return self.targets_for_accessions([accession])[accession]

    def targets_for_accessions(self, accessions: Iterable[str]) -> dict[str, list[r.ChemblTarget]]:
        """Human ChEMBL targets per UniProt accession, ``id_batch`` accessions per request (none: [])."""
        results: dict[str, list[r.ChemblTarget]] = {}
        for batch in chunked(unique(accessions), self.id_batch):
            for accession in batch:
                results[accession] = []
            params = {"target_components__accession__in": ",".join(batch), "organism": "Homo sapiens"}
            for row in self.pages("target", "targets", params):
                matched = [a for a in self._component_accessions(row) if a in results]
                if not matched:
                    raise row.fail(
                        "none of the requested accessions among the components", f"{row.path}.target_components"
                    )
                for accession in matched:
                    results[accession].append(self._target(row, accession))
        return results

    def mechanisms_for_targets(self, target_chembl_ids: Iterable[str]) -> list[r.Mechanism]:
        """Mechanisms of action on any of the given ChEMBL targets."""
        mechanisms = []
        for batch in chunked(unique(target_chembl_ids), self.id_batch):
            params = {"target_chembl_id__in": ",".join(batch)}
            mechanisms.extend(self._mechanism(row) for row in self.pages("mechanism", "mechanisms", params))
        return mechanisms

    def molecules(self, molecule_chembl_ids: Iterable[str]) -> dict[str, r.Molecule | r.NotFound]:
        """Molecules by ChEMBL id with max phase and first approval year; unknown ids give NotFound."""
        results: dict[str, r.Molecule | r.NotFound] = {}
        for batch in chunked(unique(molecule_chembl_ids), self.id_batch):
            params = {"molecule_chembl_id__in": ",".join(batch), "only": MOLECULE_FIELDS}
            found = {m.molecule_chembl_id: m for m in map(self._molecule, self.pages("molecule", "molecules", params))}
            for chembl_id in batch:
                results[chembl_id] = found.get(chembl_id) or r.NotFound(source=SOURCE, key=chembl_id)
        return results

    def indications(
        self,
        molecule_chembl_ids: Iterable[str],
        *,
        efo_ids: Iterable[str] = AML_EFO_IDS,
        mesh_ids: Iterable[str] = AML_MESH_IDS,
    ) -> list[r.Indication]:
        """Indications of the molecules for one disease, matched on EFO/MONDO or MeSH id (AML by default)."""
        wanted_efo, wanted_mesh = set(efo_ids), set(mesh_ids)
        indications = []
        for batch in chunked(unique(molecule_chembl_ids), self.id_batch):
            params = {"molecule_chembl_id__in": ",".join(batch)}
            for row in self.pages("drug_indication", "drug_indications", params):
                indication = self._indication(row)
                if indication.efo_id in wanted_efo or indication.mesh_id in wanted_mesh:
                    indications.append(indication)
        return indications

    # Row parsers bound to this client's release (the refresh re-parses stored payloads through them).
    def _target(self, row: Node, accession: str) -> r.ChemblTarget:
        return parse_target(row, accession, self.release)

    def _mechanism(self, row: Node) -> r.Mechanism:
        return parse_mechanism(row, self.release)

    def _molecule(self, row: Node) -> r.Molecule:
        return parse_molecule(row, self.release)

    def _indication(self, row: Node) -> r.Indication:
        return parse_indication(row, self.release)

    @staticmethod
    def _component_accessions(row: Node) -> list[str]:
        return [a for c in row.list("target_components", optional=True) if (a := c.str("accession", optional=True))]


def parse_target(row: Node, accession: str, release: str | None) -> r.ChemblTarget:
    """A ChemblTarget from one ``targets`` row, for the UniProt ``accession`` it was found by."""
    return r.ChemblTarget(
        target_chembl_id=row.str("target_chembl_id"),
        accession=accession,
        pref_name=row.str("pref_name", optional=True),
        target_type=row.str("target_type", optional=True),
        organism=row.str("organism", optional=True),
        provenance=r.Provenance.of(SOURCE, release, row.value),
    )


def parse_mechanism(row: Node, release: str | None) -> r.Mechanism:
    """A Mechanism from one ``mechanisms`` row (``max_phase`` is an integer there)."""
    max_phase = _phase(row, "max_phase")
    direct = row.raw("direct_interaction")
    return r.Mechanism(
        target_chembl_id=row.str("target_chembl_id", optional=True),
        molecule_chembl_id=row.str("molecule_chembl_id"),
        parent_molecule_chembl_id=row.str("parent_molecule_chembl_id", optional=True),
        mechanism_of_action=row.str("mechanism_of_action", optional=True),
        action_type=row.str("action_type", optional=True),
        max_phase=max_phase,
        stage=_stage(row, "max_phase", max_phase),
        direct_interaction=None if direct is None else bool(direct),
        provenance=r.Provenance.of(SOURCE, release, row.value),
    )


def parse_molecule(row: Node, release: str | None) -> r.Molecule:
    """A Molecule from one ``molecules`` row (``max_phase`` is text such as "4.0" there)."""
    max_phase = _phase(row, "max_phase")
    hierarchy = row.child("molecule_hierarchy", optional=True)
    return r.Molecule(
        molecule_chembl_id=row.str("molecule_chembl_id"),
        pref_name=row.str("pref_name", optional=True),
        molecule_type=row.str("molecule_type", optional=True),
        parent_chembl_id=hierarchy.str("parent_chembl_id", optional=True) if hierarchy else None,
        max_phase=max_phase,
        stage=_stage(row, "max_phase", max_phase),
        first_approval=row.int("first_approval", optional=True),
        provenance=r.Provenance.of(SOURCE, release, row.value),
    )


def parse_indication(row: Node, release: str | None) -> r.Indication:
    """An Indication from one ``drug_indications`` row."""
    max_phase = _phase(row, "max_phase_for_ind")
    return r.Indication(
        molecule_chembl_id=row.str("molecule_chembl_id"),
        parent_molecule_chembl_id=row.str("parent_molecule_chembl_id", optional=True),
        efo_id=row.str("efo_id", optional=True),
        efo_term=row.str("efo_term", optional=True),
        mesh_id=row.str("mesh_id", optional=True),
        mesh_heading=row.str("mesh_heading", optional=True),
        max_phase_for_ind=max_phase,
        stage=_stage(row, "max_phase_for_ind", max_phase),
        provenance=r.Provenance.of(SOURCE, release, row.value),
    )


def molecule_ids(mechanisms: Iterable[r.Mechanism]) -> list[str]:
    """Both the salt and the parent ids of the mechanisms' molecules, without duplicates."""
    ids = []
    for mechanism in mechanisms:
        ids.append(mechanism.molecule_chembl_id)
        if mechanism.parent_molecule_chembl_id:
            ids.append(mechanism.parent_molecule_chembl_id)
    return unique(ids)


def _phase(row: Node, key: str) -> float | None:
    """ChEMBL phases come as integers (mechanisms) or text such as ``"4.0"`` (molecules, indications)."""
    value = row.raw(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise row.fail(f"expected a phase number, got {type(value).__name__}", f"{row.path}.{key}")
    try:
        return float(value)
    except ValueError:
        raise row.fail(f"phase {value!r} is not a number", f"{row.path}.{key}") from None


def _stage(row: Node, key: str, max_phase: float | None) -> str | None:
    try:
        return from_chembl(max_phase)
    except ValueError as error:
        raise row.fail(str(error), f"{row.path}.{key}") from None
