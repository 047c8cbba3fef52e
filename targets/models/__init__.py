"""All NicheRank models, one module per area."""

from targets.models.catalogue import Axis, Interaction, Target
from targets.models.deliberation import (
    Comment,
    DecisionLogEntry,
    MemberStance,
    Shortlist,
    ShortlistItem,
    TeamDecision,
)
from targets.models.drugs import ClinicalTrial, Drug, DrugMechanism
from targets.models.evidence import Evidence
from targets.models.operations import DataGeneration, OutboxTask, ServiceBeat
from targets.models.provenance import RefreshRun, SourceRecord
from targets.models.ranking import RankingRow, RankingRun, ScoringProfile
from targets.models.safety import SafetySignal
from targets.models.universe import DiscoveryRun, DiscoveryScore, Gene, LigandReceptorPair, UniverseSource

__all__ = [
    "Axis",
    "ClinicalTrial",
    "DataGeneration",
    "Drug",
    "DrugMechanism",
    "Evidence",
    "Interaction",
    "OutboxTask",
    "RankingRow",
    "RankingRun",
    "RefreshRun",
    "SafetySignal",
    "ScoringProfile",
    "ServiceBeat",
    "SourceRecord",
    "Target",
    # the gene universe (issue 11)
    "DiscoveryRun",
    "DiscoveryScore",
    "Gene",
    "LigandReceptorPair",
    "UniverseSource",
    # team deliberation (issue 12)
    "Comment",
    "DecisionLogEntry",
    "MemberStance",
    "Shortlist",
    "ShortlistItem",
    "TeamDecision",
]
