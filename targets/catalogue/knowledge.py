"""Write the catalogue's graded evidence and safety signals, and the safety facts derived from other files."""

from __future__ import annotations

from targets.catalogue.essentials import CITATION as HART_CITATION
from targets.catalogue.essentials import CORE_ESSENTIAL_FILE, Essentials
from targets.catalogue.evidence_file import EvidenceRow
from targets.catalogue.safety_file import SafetyRow
from targets.catalogue.side_files import AgentRow
from targets.catalogue.store import Store, remove
from targets.choices import SafetyEvidence, SafetyKind, Source, StageQualifier
from targets.models import Drug, Evidence, SafetySignal, Target
from targets.models.evidence import claim_hash

HART_SOURCE = f"data/open-data/hart2017/{CORE_ESSENTIAL_FILE}"


def sync_evidence(store: Store, targets: dict[str, Target], rows: list[EvidenceRow]) -> None:
    """Catalogue evidence becomes exactly the rows of evidence.csv; curators' evidence is never touched."""
    keep = []
    for row in rows:
        lookup = {"target": targets[row.symbol], "citation": row.citation, "claim_hash": claim_hash(row.finding)}
        values = {
            "claim": row.finding,
            "level": row.level,
            "direction": row.direction,
            "niche_mediated": row.niche_mediated,
            "context": row.context,
            "verified": row.verified,
            "checked_source": row.checked_source,
            "note": row.note,
            "source": Source.CATALOGUE,
        }
        keep.append(store.upsert(Evidence, lookup, values).pk)
    remove(Evidence.objects.filter(source=Source.CATALOGUE).exclude(pk__in=keep), "Evidence", store.report)


def sync_safety(store: Store, targets: dict[str, Target], rows: list[SafetyRow]) -> None:
    """Catalogue safety signals become exactly the rows of safety.csv."""
    keep = []
    for row in rows:
        lookup = {"target": targets[row.symbol], "kind": row.kind, "signal": row.signal, "source": Source.CATALOGUE}
        values = {
            "severity": row.severity,
            "evidence": row.evidence,
            "citation": row.citation,
            "verified": row.verified,
            "checked_source": row.checked_source,
            "note": row.note,
        }
        keep.append(store.upsert(SafetySignal, lookup, values).pk)
    stale = SafetySignal.objects.filter(source=Source.CATALOGUE).exclude(pk__in=keep)
    remove(stale, "SafetySignal", store.report)


def sync_core_essential(store: Store, targets: dict[str, Target], essentials: Essentials) -> None:
    """A core_essential safety signal for each catalogue target in Hart's CEGv2 (Target.core_essential is set
    with the target's other fields)."""
    keep = []
    for symbol, target in targets.items():
        if essentials.status(symbol):
            lookup = {"target": target, "kind": SafetyKind.CORE_ESSENTIAL, "source": Source.DERIVED}
            values = {
                "signal": "Core-essential gene (Hart et al. 2017 CEGv2): knockout impairs fitness in most human cell "
                "lines, so normal haematopoietic cells are likely to depend on it too.",
                "evidence": SafetyEvidence.IN_VITRO,
                "citation": HART_CITATION,
                "verified": True,
                "checked_source": HART_SOURCE,
            }
            keep.append(store.upsert(SafetySignal, lookup, values).pk)
    stale = SafetySignal.objects.filter(kind=SafetyKind.CORE_ESSENTIAL, source=Source.DERIVED).exclude(pk__in=keep)
    remove(stale, "SafetySignal", store.report)


def sync_stopped_for_harm(store: Store, targets: dict[str, Target], agents: list[AgentRow], drugs: dict[str, Drug]):
    """A stopped_harm stage qualifier on an agent becomes a stopped_for_harm safety signal of its target."""
    keep = []
    for agent in agents:
        sides = [
            f"{scope} {stage}"
            for scope, stage, qualifiers in (
                ("AML/MDS", agent.stage_aml, agent.stage_aml_qualifiers),
                ("any indication", agent.stage_any, agent.stage_any_qualifiers),
            )
            if StageQualifier.STOPPED_HARM in qualifiers
        ]
        if not sides:
            continue
        drug = drugs[agent.agent.lower()]
        lookup = {"target": targets[agent.symbol], "kind": SafetyKind.STOPPED_FOR_HARM, "drug": drug}
        values = {
            "source": Source.DERIVED,
            "signal": f"{agent.agent}: development stopped for safety or harm ({'; '.join(sides)}).",
            "evidence": SafetyEvidence.CLINICAL,
            "verified": agent.verified,
            "note": f"From the agents table, line {agent.line} (stage qualifier stopped_harm).",
        }
        keep.append(store.upsert(SafetySignal, lookup, values).pk)
    stale = SafetySignal.objects.filter(kind=SafetyKind.STOPPED_FOR_HARM, source=Source.DERIVED).exclude(pk__in=keep)
    remove(stale, "SafetySignal", store.report)
