"""Parse the catalogue's companion files: the structured agents table and the interactions table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scoring.stages import parse_catalogue_stage
from targets.catalogue.errors import CatalogueError
from targets.catalogue.fields import parse_id_list, parse_qualifiers
from targets.catalogue.reader import read_rows
from targets.catalogue.rows import one_of, required
from targets.choices import Attribution, Compartment, Modality
from targets.validators import validate_hgnc_symbol, validate_nct_id

AGENT_COLUMNS = (
    "symbol",
    "agent",
    "modality",
    "action_type",
    "directness",
    "acts_on",
    "stage_aml",
    "stage_aml_qualifiers",
    "stage_any",
    "stage_any_qualifiers",
    "nct_ids",
    "verified",
    "note",
    "aliases",
)
# Older files lack these columns; they then read as blank.
OPTIONAL_AGENT_COLUMNS = ("acts_on", "aliases")
INTERACTION_COLUMNS = ("ligand", "receptor", "ligand_compartment", "receptor_compartment", "note")
ACTION_TYPES = (
    "inhibitor",
    "antagonist",
    "agonist",
    "blocker",
    "degrader",
    "modulator",
    "neutralising antibody",
    "depleting antibody",
    "ligand trap",
    "delivery",
    "other",
)


@dataclass(frozen=True)
class AgentRow:
    """One named agent acting on one catalogue target."""

    line: int
    symbol: str
    agent: str
    modality: str
    action_type: str
    attribution: str
    acts_on: str
    stage_aml: str
    stage_aml_qualifiers: list[str]
    stage_any: str
    stage_any_qualifiers: list[str]
    nct_ids: list[str]
    verified: bool
    note: str
    aliases: list[str]


@dataclass(frozen=True)
class InteractionRow:
    """One ligand -> receptor pair."""

    line: int
    ligand: str
    receptor: str
    ligand_compartment: str
    receptor_compartment: str
    note: str


def _stage_or_blank(value: str) -> str:
    return parse_catalogue_stage(value) if value else ""


def _acts_on(value: str, attribution: str | None) -> str:
    """The symbol a via_partner or indirect agent binds: required for via_partner, blank for direct."""
    if attribution == Attribution.DIRECT and value:
        raise ValueError(f"must be blank for a direct agent (it acts on the target itself); got {value!r}")
    if attribution == Attribution.VIA_PARTNER and not value:
        raise ValueError("is required for a via_partner agent (the partner symbol it binds, e.g. IL6R)")
    if value:
        try:
            validate_hgnc_symbol(value)
        except Exception as exc:
            raise ValueError(f"{value!r} is not an HGNC symbol") from exc
    return value


def _aliases(value: str) -> list[str]:
    names = [item.strip() for item in value.split("|") if item.strip()]
    if len({name.lower() for name in names}) != len(names):
        raise ValueError("an alias is listed twice")
    return names


def _parse_agent(line: int, raw: dict[str, str], symbols: set[str]) -> tuple[AgentRow | None, list]:
    problems = []

    def check(column, parse):
        try:
            return parse(raw[column])
        except ValueError as exc:
            problems.append((line, column, str(exc)))
            return None

    check("symbol", lambda v: v if v in symbols else _unknown_symbol(v))
    check("agent", required)
    modality = check("modality", lambda v: one_of(v, Modality.values, "modality"))
    action = check("action_type", lambda v: one_of(v, ACTION_TYPES, "action type"))
    directness = check("directness", lambda v: one_of(v, Attribution.values, "directness"))
    acts_on = check("acts_on", lambda v: _acts_on(v, directness))
    stage_aml = check("stage_aml", _stage_or_blank)
    aml_q = check("stage_aml_qualifiers", parse_qualifiers)
    stage_any = check("stage_any", _stage_or_blank)
    any_q = check("stage_any_qualifiers", parse_qualifiers)
    ncts = check("nct_ids", lambda v: parse_id_list(v, validate_nct_id, "NCT id"))
    verified = check("verified", lambda v: one_of(v, ("V", "M"), "verification mark (V or M)"))
    aliases = check("aliases", _aliases)
    if problems:
        return None, problems
    row = AgentRow(
        line,
        raw["symbol"],
        raw["agent"],
        modality,
        action,
        directness,
        acts_on,
        stage_aml,
        aml_q,
        stage_any,
        any_q,
        ncts,
        verified == "V",
        raw["note"],
        aliases,
    )
    return row, []


def _unknown_symbol(value: str) -> str:
    raise ValueError(f"{value!r} is not a target of the catalogue")


def parse_agents_file(path: Path, symbols: set[str]) -> list[AgentRow]:
    """Parse the agents table; every symbol must be a catalogue target. All-or-nothing."""
    rows, problems, seen = [], [], {}
    for line, raw in read_rows(path, AGENT_COLUMNS, OPTIONAL_AGENT_COLUMNS):
        row, row_problems = _parse_agent(line, raw, symbols)
        key = (raw["symbol"], raw["agent"].lower())
        if key in seen:
            row_problems.append((line, "agent", f"{raw['agent']!r} for {raw['symbol']} repeats line {seen[key]}"))
        seen.setdefault(key, line)
        problems.extend(row_problems)
        if row:
            rows.append(row)
    if problems:
        raise CatalogueError(problems, str(path))
    return rows


def parse_interactions_file(path: Path, symbols: set[str]) -> list[InteractionRow]:
    """Parse the ligand -> receptor table; both sides must be catalogue targets. All-or-nothing."""
    rows, problems, seen = [], [], {}
    for line, raw in read_rows(path, INTERACTION_COLUMNS):
        row_problems = []
        for column in ("ligand", "receptor"):
            if raw[column] not in symbols:
                row_problems.append((line, column, f"{raw[column]!r} is not a target of the catalogue"))
        for column in ("ligand_compartment", "receptor_compartment"):
            if raw[column] not in Compartment.values:
                row_problems.append((line, column, f"{raw[column]!r} is not one of {', '.join(Compartment.values)}"))
        key = (raw["ligand"], raw["receptor"])
        if key in seen:
            row_problems.append((line, "receptor", f"pair repeats line {seen[key]}"))
        seen.setdefault(key, line)
        problems.extend(row_problems)
        if not row_problems:
            rows.append(InteractionRow(line, *(raw[column] for column in INTERACTION_COLUMNS)))
    if problems:
        raise CatalogueError(problems, str(path))
    return rows
