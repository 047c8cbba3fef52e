"""NicheRank's scoring engine: pure Python and numpy, no Django.

Rows of target facts become one criteria matrix in `scoring.criteria`; the rest works on arrays.
Public API: `TargetFacts`/`EvidenceFact` (facts; `scoring.facts` also has `AgentFact`, `SafetyFact`,
`NichePair`), `CRITERIA`/`build_matrix(facts, criteria, overrides)`/`criteria_definitions` (criteria; each
transform takes `(facts, thresholds)`), `Profile`/`Gates`/`validate_profile`/`profile_from_dict`/
`DEFAULT_PROFILES` (profiles), `rank_targets`/`rank_matrix`/`rank_under_profile`/`explain_pair` (engine),
`scoring.explain_text.explain_target` (each value's facts in words).
"""

__version__ = "2.1.0"

from scoring.criteria import CRITERIA, CRITERION_KEYS, build_matrix, criteria_definitions  # noqa: E402
from scoring.engine import (  # noqa: E402
    MatrixRanking,
    PairExplanation,
    RankedTarget,
    Ranking,
    engine_definitions,
    explain_pair,
    rank_matrix,
    rank_targets,
)
from scoring.facts import EvidenceFact, TargetFacts  # noqa: E402
from scoring.profiles import DEFAULT_PROFILES, Gates, Profile, profile_from_dict, validate_profile  # noqa: E402

__all__ = [
    "CRITERIA",
    "CRITERION_KEYS",
    "DEFAULT_PROFILES",
    "EvidenceFact",
    "Gates",
    "MatrixRanking",
    "PairExplanation",
    "Profile",
    "RankedTarget",
    "Ranking",
    "TargetFacts",
    "__version__",
    "build_matrix",
    "criteria_definitions",
    "engine_definitions",
    "explain_pair",
    "profile_from_dict",
    "rank_matrix",
    "rank_targets",
    "validate_profile",
]
