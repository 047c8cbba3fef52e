"""The one adapter between scoring results (`scoring.results.RankedTarget`) and stored ranking rows
(`RankingRow`): which fields a row keeps, and the conversion each way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scoring.results import RankedTarget
from targets.models import RankingRow, RankingRun

# What a stored row keeps of a RankedTarget (besides the target), in the order the API shows them.
ROW_FIELDS = (
    "rank",
    "score",
    "contributions",
    "values",
    "coverage",
    "eligible",
    "excluded_reason",
    "direction",
    "flags",
    "median_rank",
    "rank_p05",
    "rank_p95",
    "p_top_k",
)


def row_fields(ranked: RankedTarget) -> dict:
    """The stored fields of one scoring result (flags as a list), ready for a RankingRow or a preview row."""
    fields = {name: getattr(ranked, name) for name in ROW_FIELDS}
    fields["flags"] = list(ranked.flags)
    return fields


def stored_rows(run: RankingRun, ranked: Iterable[RankedTarget], target_ids: dict, marks: dict) -> list[RankingRow]:
    """Unsaved RankingRows of ``run``: ``target_ids`` maps symbol -> target id, ``marks`` target id -> the
    flags the database adds (unverified, assembled)."""
    rows = []
    for result in ranked:
        target_id = target_ids[result.symbol]
        row = RankingRow(run=run, target_id=target_id, **row_fields(result))
        row.flags += marks.get(target_id, [])
        rows.append(row)
    return rows


def ranked_target(row: RankingRow, criteria: Sequence[str]) -> RankedTarget:
    """The scoring result a stored row holds (its target joined), with contributions and values for
    ``criteria`` (the run's criterion keys; a key the row lacks contributes 0 and has no value)."""
    fields = {name: getattr(row, name) for name in ROW_FIELDS}
    fields.update(
        contributions={key: row.contributions.get(key, 0.0) for key in criteria},
        values={key: row.values.get(key) for key in criteria},
        flags=tuple(row.flags),
    )
    return RankedTarget(symbol=row.target.symbol, role=row.target.role, **fields)
