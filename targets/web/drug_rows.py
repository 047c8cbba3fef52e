"""The target page's drug table: one row per drug, its stage per source side by side.

Catalogue-side rows (the catalogue, a curator, the pair rule) fill the 'Catalogue' column; ChEMBL and Open
Targets rows their own. The attribution shown is the catalogue side's when it has one (curated knowledge wins),
else the sources'."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from targets.choices import Source, qualifier_labels
from targets.models import DrugMechanism

COLUMNS = (
    ("catalogue", "Catalogue", (Source.CATALOGUE, Source.CURATOR, Source.DERIVED)),
    ("chembl", "ChEMBL", (Source.CHEMBL,)),
    ("opentargets", "Open Targets", (Source.OPEN_TARGETS,)),
)
_COLUMN_OF = {source: key for key, _, sources in COLUMNS for source in sources}


@dataclass
class StageCell:
    """One source's stages for one drug on the target, qualifiers in words."""

    source: str
    source_label: str
    stage_aml: str
    aml_qualifiers: list[tuple[str, str]]
    stage_any: str
    any_qualifiers: list[tuple[str, str]]
    verified: bool
    assembled: bool
    note: str


@dataclass
class DrugRow:
    """One drug on one target: modality, how it reaches the target, and a cell per source column."""

    drug: object
    attribution: str
    attribution_text: str
    action_type: str
    mechanism: str
    cells: dict[str, StageCell | None] = field(default_factory=dict)

    @property
    def unverified(self) -> bool:
        return any(cell is not None and not cell.verified for cell in self.cells.values())

    @property
    def cell_list(self) -> list[StageCell | None]:
        return [self.cells.get(key) for key, _, _ in COLUMNS]


def drug_rows(mechanisms: Iterable[DrugMechanism], assembled_sources: set[str]) -> list[DrugRow]:
    """Group a target's mechanisms by drug, in drug-name order."""
    by_drug: dict[int, list[DrugMechanism]] = {}
    for mechanism in mechanisms:
        by_drug.setdefault(mechanism.drug_id, []).append(mechanism)
    rows = []
    for group in by_drug.values():
        curated = [m for m in group if _COLUMN_OF.get(m.source) == "catalogue"]
        lead = (curated or group)[0]
        row = DrugRow(
            drug=lead.drug,
            attribution=lead.attribution,
            attribution_text=lead.attribution_text,
            action_type=lead.action_type or next((m.action_type for m in group if m.action_type), ""),
            mechanism=next((m.mechanism for m in group if m.mechanism), ""),
        )
        for mechanism in group:
            key = _COLUMN_OF.get(mechanism.source)
            if key and key not in row.cells:
                row.cells[key] = _cell(mechanism, assembled_sources)
        rows.append(row)
    return sorted(rows, key=lambda row: row.drug.name.lower())


def _cell(mechanism: DrugMechanism, assembled_sources: set[str]) -> StageCell:
    return StageCell(
        source=mechanism.source,
        source_label=mechanism.get_source_display(),
        stage_aml=mechanism.stage_aml,
        aml_qualifiers=qualifier_labels(mechanism.stage_aml_qualifiers),
        stage_any=mechanism.stage_any,
        any_qualifiers=qualifier_labels(mechanism.stage_any_qualifiers),
        verified=mechanism.verified,
        assembled=mechanism.source in assembled_sources,
        note=mechanism.note,
    )
