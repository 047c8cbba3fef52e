"""Write a parsed catalogue to the database in one transaction; loading twice changes nothing."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from scoring.stages import STAGE_VALUES
from targets.catalogue import knowledge
from targets.catalogue.attribution import derived_partner_agents
from targets.catalogue.errors import CatalogueError
from targets.catalogue.essentials import Essentials, read_essentials
from targets.catalogue.evidence_file import parse_evidence_file
from targets.catalogue.publications import read_publications
from targets.catalogue.safety_file import parse_safety_file
from targets.catalogue.side_files import AgentRow, InteractionRow, parse_agents_file, parse_interactions_file
from targets.catalogue.store import LoadReport, Store, remove
from targets.catalogue.targets_file import TargetRow, parse_targets_file
from targets.choices import Attribution, Source, StageQualifier, ordered_qualifiers
from targets.models import Axis, ClinicalTrial, Drug, DrugMechanism, Interaction, Target

__all__ = ["LoadReport", "catalogue_load"]


def catalogue_load(
    *,
    targets_path: Path,
    agents_path: Path | None,
    interactions_path: Path | None,
    evidence_path: Path | None = None,
    safety_path: Path | None = None,
    essentials_dir: Path | None = None,
    publications_path: Path | None = None,
) -> LoadReport:
    """Parse all files first (CatalogueError on any bad row), then upsert everything atomically.

    A companion file given as None is not read, and the rows it would write are left as they are;
    ``essentials_dir`` is the directory holding Hart's CEGv2.txt and NEGv1.txt; ``publications_path`` the NCBI
    gene2pubmed counts per gene (a target the file does not name gets None: study depth unknown)."""
    rows = parse_targets_file(targets_path)
    symbols = {row.symbol for row in rows}
    agents = parse_agents_file(agents_path, symbols) if agents_path else []
    interactions = parse_interactions_file(interactions_path, symbols) if interactions_path else []
    evidence = parse_evidence_file(evidence_path, symbols) if evidence_path else None
    safety = parse_safety_file(safety_path, symbols) if safety_path else None
    essentials = read_essentials(essentials_dir) if essentials_dir else None
    publications = read_publications(publications_path) if publications_path else None
    _check_against_database(rows, targets_path)
    report = LoadReport()
    with transaction.atomic():
        store = Store(report)
        checked = _checked_stages(agents) if agents_path else None
        targets = {row.symbol: _upsert_target(store, row, essentials, checked, publications) for row in rows}
        trial_links = {(nct_id, targets[row.symbol].pk) for row in rows for nct_id in row.nct_ids}
        drug_links: set[tuple[str, int]] = set()
        if agents_path:
            # An agent's trials link to the drug only: the catalogue's nct_ids column alone lists the target's
            # AML/MDS trials (agents also name trials in CLL, GVHD or solid tumours).
            drugs, drug_links = _sync_agents(store, targets, agents)
            knowledge.sync_stopped_for_harm(store, targets, agents, drugs)
            if interactions_path:
                _sync_partner_agents(store, targets, drugs, agents, interactions)
        _link_trials(trial_links, drug_links, report)
        if interactions_path:
            _sync_interactions(store, targets, interactions)
        if evidence is not None:
            knowledge.sync_evidence(store, targets, evidence)
        if safety is not None:
            knowledge.sync_safety(store, targets, safety)
        if essentials is not None:
            knowledge.sync_core_essential(store, targets, essentials)
    return report


def _check_against_database(rows: list[TargetRow], path: Path) -> None:
    """Refuse rows whose Ensembl id or UniProt accession belongs to another symbol in the database
    (e.g. a target renamed by a curator): the load would otherwise fail half-way on a unique constraint."""
    owners = {}
    for symbol, ensembl_id, uniprot in Target.objects.values_list("symbol", "ensembl_id", "uniprot"):
        owners[("ensembl_id", ensembl_id)] = symbol
        owners[("uniprot", uniprot)] = symbol
    problems = []
    for row in rows:
        for column in ("ensembl_id", "uniprot"):
            owner = owners.get((column, getattr(row, column)))
            if owner is not None and owner != row.symbol:
                problems.append(
                    (
                        row.line,
                        column,
                        f"{getattr(row, column)!r} belongs to target {owner} in the database, not {row.symbol}",
                    )
                )
    if problems:
        raise CatalogueError(problems, str(path))


def _checked_stages(agents: list[AgentRow]) -> dict[tuple[str, str], float]:
    """(symbol, 'aml' | 'any') -> the highest stage a verified (V) agent of the target reaches."""
    best: dict[tuple[str, str], float] = {}
    for agent in agents:
        if agent.verified:
            for side, stage in (("aml", agent.stage_aml), ("any", agent.stage_any)):
                if stage:
                    best[agent.symbol, side] = max(best.get((agent.symbol, side), 0.0), STAGE_VALUES[stage])
    return best


def _stage_qualifiers(row: TargetRow, side: str, checked: dict | None) -> list[str]:
    """The stage's qualifiers, plus 'unverified' when the agents table is read and no verified agent reaches
    this clinical stage (MIF's any-indication phase 2 rests on stages noted from memory)."""
    claim = row.stage_aml if side == "aml" else row.stage_any
    qualifiers = list(claim.qualifiers)
    clinical = claim.stage and claim.stage != "preclinical"
    if checked is not None and clinical and checked.get((row.symbol, side), -1.0) < STAGE_VALUES[claim.stage]:
        qualifiers = ordered_qualifiers([*qualifiers, str(StageQualifier.UNVERIFIED)])
    return qualifiers


def _upsert_target(
    store: Store, row: TargetRow, essentials: Essentials | None, checked: dict | None, publications: dict | None
) -> Target:
    axis = store.upsert(Axis, {"name": row.axis}, {})
    values = {
        "ensembl_id": row.ensembl_id,
        "uniprot": row.uniprot,
        "axis": axis,
        "compartment": row.compartment,
        "compartment_note": row.compartment_note,
        "role": row.role,
        "mechanism": row.mechanism,
        "agents_note": row.agents,
        "modalities": row.modalities,
        "stage_aml": row.stage_aml.stage,
        "stage_aml_qualifiers": _stage_qualifiers(row, "aml", checked),
        "stage_aml_note": row.stage_aml.note,
        "stage_any": row.stage_any.stage,
        "stage_any_qualifiers": _stage_qualifiers(row, "any", checked),
        "stage_any_note": row.stage_any.note,
        "verified_sources": row.verified_sources,
        "unverified_notes": row.unverified_notes,
        "catalogue_line": row.line,
    }
    if essentials is not None:
        values["core_essential"] = essentials.status(row.symbol)
    if publications is not None:
        values["publications"] = publications.get(row.symbol)
    return store.upsert(Target, {"symbol": row.symbol}, values)


def _sync_agents(
    store: Store, targets: dict[str, Target], agents: list[AgentRow]
) -> tuple[dict[str, Drug], set[tuple[str, int]]]:
    """Drugs and their catalogue mechanisms; returns the drugs by name key and the (NCT id, drug id) links the
    agents name."""
    keep, drug_links, drugs = [], set(), {}
    aliases: dict[str, list[str]] = {}
    for agent in agents:  # one drug may be named on several targets: its aliases are those of every row
        known = aliases.setdefault(agent.agent.lower(), [])
        known.extend(alias for alias in agent.aliases if alias not in known)
    for agent in agents:
        drug_values = {"name": agent.agent, "modality": agent.modality, "aliases": aliases[agent.agent.lower()]}
        drug = drugs[agent.agent.lower()] = store.upsert(Drug, {"name_key": agent.agent.lower()}, drug_values)
        values = {
            "action_type": agent.action_type,
            "attribution": agent.attribution,
            "acts_on": agent.acts_on,
            "stage_aml": agent.stage_aml,
            "stage_aml_qualifiers": agent.stage_aml_qualifiers,
            "stage_any": agent.stage_any,
            "stage_any_qualifiers": agent.stage_any_qualifiers,
            "verified": agent.verified,
            "note": agent.note,
        }
        lookup = {"drug": drug, "target": targets[agent.symbol], "source": Source.CATALOGUE}
        keep.append(store.upsert(DrugMechanism, lookup, values).pk)
        drug_links |= {(nct_id, drug.pk) for nct_id in agent.nct_ids}
    stale = DrugMechanism.objects.filter(source=Source.CATALOGUE).exclude(pk__in=keep)
    remove(stale, "DrugMechanism", store.report)
    return drugs, drug_links


def _sync_partner_agents(
    store: Store,
    targets: dict[str, Target],
    drugs: dict[str, Drug],
    agents: list[AgentRow],
    interactions: list[InteractionRow],
) -> None:
    """The via_partner mechanisms the pair rule derives (source 'derived'), exactly; see attribution.py."""
    keep = []
    for derived in derived_partner_agents(agents, interactions):
        agent = derived.agent
        lookup = {"drug": drugs[agent.agent.lower()], "target": targets[derived.symbol], "source": Source.DERIVED}
        values = {
            "action_type": agent.action_type,
            "attribution": Attribution.VIA_PARTNER,
            "acts_on": derived.acts_on,
            "stage_aml": agent.stage_aml,
            "stage_aml_qualifiers": agent.stage_aml_qualifiers,
            "stage_any": agent.stage_any,
            "stage_any_qualifiers": agent.stage_any_qualifiers,
            "verified": agent.verified,
            "note": derived.note,
        }
        keep.append(store.upsert(DrugMechanism, lookup, values).pk)
    stale = DrugMechanism.objects.filter(source=Source.DERIVED).exclude(pk__in=keep)
    remove(stale, "DrugMechanism", store.report)


def _link_trials(target_links: set[tuple[str, int]], drug_links: set[tuple[str, int]], report: LoadReport) -> None:
    """Create the trials the catalogue names (once each) and link them to targets and drugs in bulk."""
    wanted = {nct_id for nct_id, _ in target_links | drug_links}
    existing = set(ClinicalTrial.objects.filter(nct_id__in=wanted).values_list("nct_id", flat=True))
    ClinicalTrial.objects.bulk_create(
        [ClinicalTrial(nct_id=nct_id, source=Source.CATALOGUE) for nct_id in sorted(wanted - existing)]
    )
    report.add("ClinicalTrial", "created", len(wanted - existing))
    report.add("ClinicalTrial", "unchanged", len(existing))
    ids = dict(ClinicalTrial.objects.filter(nct_id__in=wanted).values_list("nct_id", "id"))
    _bulk_link(ClinicalTrial.targets.through, "target_id", {(ids[n], t) for n, t in target_links}, report)
    _bulk_link(ClinicalTrial.drugs.through, "drug_id", {(ids[n], d) for n, d in drug_links}, report)


def _bulk_link(through, other: str, pairs: set[tuple[int, int]], report: LoadReport) -> None:
    """Make the catalogue's trial links exactly ``pairs``; links a refresh made to its own trials stay."""
    name = f"ClinicalTrial.{other.removesuffix('_id')}s"
    catalogue_links = through.objects.filter(clinicaltrial__source=Source.CATALOGUE)
    stale = [
        pk
        for pk, trial, linked in catalogue_links.values_list("id", "clinicaltrial_id", other)
        if (trial, linked) not in pairs
    ]
    through.objects.filter(pk__in=stale).delete()
    report.add(name, "removed", len(stale))
    new = pairs - set(through.objects.values_list("clinicaltrial_id", other))
    through.objects.bulk_create([through(clinicaltrial_id=trial, **{other: pk}) for trial, pk in sorted(new)])
    report.add(name, "created", len(new))


def _sync_interactions(store: Store, targets: dict[str, Target], rows: list[InteractionRow]) -> None:
    keep = []
    for row in rows:
        lookup = {"ligand": targets[row.ligand], "receptor": targets[row.receptor]}
        values = {
            "ligand_compartment": row.ligand_compartment,
            "receptor_compartment": row.receptor_compartment,
            "note": row.note,
        }
        keep.append(store.upsert(Interaction, lookup, values).pk)
    remove(Interaction.objects.exclude(pk__in=keep), "Interaction", store.report)
