"""Hypothesis strategies: criteria matrices with missing cells, weight vectors, and target facts."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scoring.facts import (
    ATTRIBUTIONS,
    EVIDENCE_CONTEXTS,
    EVIDENCE_DIRECTIONS,
    EVIDENCE_LEVELS,
    MODALITIES,
    SAFETY_KINDS,
    STAGE_QUALIFIERS,
    AgentFact,
    EvidenceFact,
    NichePair,
    SafetyFact,
    TargetFacts,
)
from scoring.stages import STAGE_VALUES

# Values on a 1/64 grid keep sums exact enough that ties are real ties, and include 0 and 1.
_cell = st.one_of(st.integers(0, 64).map(lambda k: k / 64), st.just(np.nan))


@st.composite
def matrices(
    draw, min_rows: int = 1, max_rows: int = 12, min_cols: int = 1, max_cols: int = 6, allow_missing: bool = True
):
    rows = draw(st.integers(min_rows, max_rows))
    cols = draw(st.integers(min_cols, max_cols))
    cell = _cell if allow_missing else st.integers(0, 64).map(lambda k: k / 64)
    return draw(arrays(np.float64, (rows, cols), elements=cell))


def weights_for(cols: int):
    return arrays(np.float64, (cols,), elements=st.integers(0, 8).map(float)).filter(lambda w: w.sum() > 0)


_stage = st.one_of(st.none(), st.sampled_from(sorted(STAGE_VALUES)))
_qualifiers = st.frozensets(st.sampled_from(STAGE_QUALIFIERS), max_size=3)
evidence_facts = st.builds(
    EvidenceFact,
    level=st.sampled_from(EVIDENCE_LEVELS),
    direction=st.sampled_from(EVIDENCE_DIRECTIONS),
    verified=st.booleans(),
    niche_mediated=st.one_of(st.none(), st.booleans()),
    context=st.sampled_from(EVIDENCE_CONTEXTS),
)
agent_facts = st.builds(
    AgentFact,
    name=st.sampled_from(["a", "b", "c", "d"]),
    attribution=st.sampled_from(ATTRIBUTIONS),
    modality=st.sampled_from(MODALITIES),
    stage_aml=_stage,
    stage_aml_qualifiers=_qualifiers,
    stage_any=_stage,
    stage_any_qualifiers=_qualifiers,
    verified=st.booleans(),
    action=st.sampled_from(["inhibitor", "agonist", "delivery", ""]),
)
safety_facts = st.builds(
    SafetyFact,
    kind=st.sampled_from([k for k in SAFETY_KINDS if k != "no_signal_found"]),
    severity=st.sampled_from(["high", "moderate", "low"]),
    verified=st.booleans(),
)
_datatypes = st.one_of(
    st.none(),
    st.dictionaries(
        st.sampled_from(["known_drug", "literature", "animal_model", "somatic_mutation", "rna_expression"]),
        st.integers(0, 20).map(lambda k: k / 20),
    ),
)


def target_facts(symbol: str):
    return st.builds(
        TargetFacts,
        symbol=st.just(symbol),
        role=st.sampled_from(["pro_leukemic", "anti_leukemic", "dual"]),
        compartment=st.sampled_from(["msc", "aml_blast", "both", "endothelium", "other"]),
        agents=st.lists(agent_facts, max_size=3, unique_by=lambda a: a.name).map(tuple),
        modalities=st.frozensets(st.sampled_from(["small_molecule", "antibody", "other"])),
        stage_aml=_stage,
        stage_aml_qualifiers=_qualifiers,
        stage_any=_stage,
        is_membrane_or_secreted=st.one_of(st.none(), st.booleans()),
        aml_association_datatypes=_datatypes,
        evidence=st.lists(evidence_facts, max_size=3).map(tuple),
        niche_pairs=st.lists(
            st.builds(
                NichePair,
                partner=st.just("P"),
                side=st.sampled_from(["ligand", "receptor"]),
                ligand_compartment=st.sampled_from(["msc", "endothelium", "aml_blast"]),
                receptor_compartment=st.sampled_from(["aml_blast", "msc"]),
            ),
            max_size=2,
        ).map(tuple),
        active_aml_trials=st.one_of(st.none(), st.integers(0, 4)),
        latest_aml_trial_year=st.one_of(st.none(), st.integers(2010, 2026)),
        safety=st.lists(safety_facts, max_size=3).map(tuple),
        core_essential=st.one_of(st.none(), st.booleans()),
    )


@st.composite
def facts_lists(draw, min_size: int = 1, max_size: int = 10):
    size = draw(st.integers(min_size, max_size))
    return [draw(target_facts(f"G{i:02d}")) for i in range(size)]
