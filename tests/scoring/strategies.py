"""Hypothesis strategies: criteria matrices with missing cells, weight vectors, and target facts."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scoring.facts import EvidenceFact, TargetFacts
from scoring.stages import STAGE_VALUES

# Values on a 1/64 grid keep sums exact enough that ties are real ties, and include 0 and 1.
_cell = st.one_of(st.integers(0, 64).map(lambda k: k / 64), st.just(np.nan))


@st.composite
def matrices(draw, min_rows: int = 1, max_rows: int = 12, min_cols: int = 1, max_cols: int = 6,
             allow_missing: bool = True):
    rows = draw(st.integers(min_rows, max_rows))
    cols = draw(st.integers(min_cols, max_cols))
    cell = _cell if allow_missing else st.integers(0, 64).map(lambda k: k / 64)
    return draw(arrays(np.float64, (rows, cols), elements=cell))


def weights_for(cols: int):
    return arrays(np.float64, (cols,), elements=st.integers(0, 8).map(float)).filter(lambda w: w.sum() > 0)


_stage = st.one_of(st.none(), st.sampled_from(sorted(STAGE_VALUES)))
_evidence = st.builds(
    EvidenceFact,
    level=st.sampled_from(["in_vitro", "in_vivo", "patient_samples", "clinical"]),
    direction=st.sampled_from(["pro_leukemic", "anti_leukemic"]),
    verified=st.booleans(),
)


def target_facts(symbol: str):
    return st.builds(
        TargetFacts,
        symbol=st.just(symbol),
        role=st.sampled_from(["pro_leukemic", "anti_leukemic", "dual"]),
        compartment=st.sampled_from(["msc", "aml_blast", "both", "endothelium", "other"]),
        modalities=st.frozensets(st.sampled_from(["small_molecule", "antibody", "other"])),
        stage_aml=_stage,
        stage_aml_qualifiers=st.frozensets(st.sampled_from(["negative", "indirect", "unverified", "mds_only"])),
        stage_any=_stage,
        is_membrane_or_secreted=st.one_of(st.none(), st.booleans()),
        aml_association=st.one_of(st.none(), st.integers(0, 20).map(lambda k: k / 20)),
        evidence=st.lists(_evidence, max_size=3).map(tuple),
        active_aml_trials=st.one_of(st.none(), st.integers(0, 4)),
        latest_aml_trial_year=st.one_of(st.none(), st.integers(2010, 2026)),
        safety_event_count=st.one_of(st.none(), st.integers(0, 10)),
        hsc_niche_essential=st.one_of(st.none(), st.booleans()),
        loeuf=st.one_of(st.none(), st.integers(0, 40).map(lambda k: k / 20)),
    )


@st.composite
def facts_lists(draw, min_size: int = 1, max_size: int = 10):
    size = draw(st.integers(min_size, max_size))
    return [draw(target_facts(f"G{i:02d}")) for i in range(size)]
