"""What changed between two ranking runs, in words: each profile setting (every weight old -> new), each kind
of data (sources, curated records) and the targets whose values changed; and which stored runs are identical
reruns (same profile version, same ranking inputs, same data), so a page can merge them."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from scoring.criteria import CRITERION_KEYS, criterion_label
from scoring.profiles import Gates, Profile
from targets.choices import Source
from targets.models import RankingRun
from targets.ranking.profiles import profile_spec

WEIGHT_TOLERANCE = 1e-12  # normalised weights closer than this are the same weight
_DATA_LABELS = {
    **{str(source): source.label for source in Source},
    "catalogue": "Catalogue targets",
    "evidence": "Evidence",
    "safety": "Safety signals",
    "mechanisms": "Drug mechanisms",
    "trials": "Clinical trials",
    "trial_links": "Trial–target links",
    "source_records": "Source records",
}
_GATE_LABELS = {
    "antibody_only": "only membrane or secreted targets",
    "exclude_dual": "exclude dual-role targets",
    "min_coverage": "minimum coverage",
    "direction": "direction",
    "compartments": "compartments admitted",
}


@dataclass(frozen=True)
class Change:
    """One thing that differs between two runs, in words."""

    what: str
    before: str
    after: str


def _shares(weights) -> dict[str, float]:
    total = sum(weights.values()) or 1.0
    return {key: value / total for key, value in weights.items() if value}


def _weight_changes(a: Profile, b: Profile) -> list[Change]:
    share_a, share_b = _shares(a.weights), _shares(b.weights)
    keys = [k for k in CRITERION_KEYS if k in share_a or k in share_b]
    keys += sorted((share_a.keys() | share_b.keys()) - set(keys))
    return [
        Change(
            f"weight of {criterion_label(key)}",
            f"{a.weights.get(key, 0):g} ({share_a.get(key, 0.0):.0%})",
            f"{b.weights.get(key, 0):g} ({share_b.get(key, 0.0):.0%})",
        )
        for key in keys
        if abs(share_a.get(key, 0.0) - share_b.get(key, 0.0)) > WEIGHT_TOLERANCE
    ]


def _setting_words(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (tuple, list)):
        return ", ".join(value) or "all"
    if value == "":
        return "any"
    return str(value).replace("_", " ")


def setting_changes(run_a: RankingRun, run_b: RankingRun) -> list[Change]:
    """The profile settings that can move ranks and differ between the runs: each weight (raw and share of the
    total; scaling every weight alike changes nothing), method, missing-data policy, dual-role policy, gates."""
    a, b = profile_spec(run_a.profile), profile_spec(run_b.profile)
    changes = _weight_changes(a, b)
    for name, label in (("method", "method"), ("missing", "missing data"), ("dual_policy", "dual-role targets")):
        if getattr(a, name) != getattr(b, name):
            changes.append(Change(label, _setting_words(getattr(a, name)), _setting_words(getattr(b, name))))
    for item in fields(Gates):
        before, after = getattr(a.gates, item.name), getattr(b.gates, item.name)
        if before != after:
            changes.append(Change(f"gate: {_GATE_LABELS[item.name]}", _setting_words(before), _setting_words(after)))
    return changes


def _fingerprint_rows(version) -> int | None:
    if isinstance(version, str) and version.partition(":")[0].isdigit():
        return int(version.partition(":")[0])
    return None


def _version_words(version) -> str:
    """A recorded data version in words (row counts, releases, fetch dates), never a hash."""
    if version is None:
        return "not recorded"
    rows = _fingerprint_rows(version)
    if rows is not None:
        return f"{rows} row{'s' if rows != 1 else ''}"
    if isinstance(version, dict) and "state" in version:
        words = f"{version.get('fetched', 0)} fetched, {version.get('assembled', 0)} assembled"
        if "assembled_values_counted" in version:
            words += "; assembled values " + ("counted" if version["assembled_values_counted"] else "not counted")
        return words
    if isinstance(version, dict):
        parts = [
            f"release {version['release']}" if version.get("release") else "",
            f"fetched {str(version['last_fetched'])[:16].replace('T', ' ')}" if version.get("last_fetched") else "",
            f"{version['records']} records" if version.get("records") is not None else "",
        ]
        return ", ".join(part for part in parts if part) or "recorded"
    return "recorded (older format)"


def data_changes(run_a: RankingRun, run_b: RankingRun) -> list[Change]:
    """Each kind of data whose recorded version differs between the runs, before and after in words."""
    before, after = run_a.data_versions or {}, run_b.data_versions or {}
    changes = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (_DATA_LABELS.get(k, k).lower(), k)):
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        words_b = _version_words(b)
        if _fingerprint_rows(a) is not None and _fingerprint_rows(a) == _fingerprint_rows(b):
            words_b += ", some edited"
        changes.append(Change(_DATA_LABELS.get(key, key), _version_words(a), words_b))
    return changes


def value_changes(rows) -> list[tuple[str, list[str]]]:
    """(symbol, criterion labels) for each target whose criterion values differ, by symbol."""
    changed = sorted((row.symbol, row.changed_criteria) for row in rows if row.changed_criteria)
    return [(symbol, [criterion_label(key) for key in keys]) for symbol, keys in changed]


def _identity(run: RankingRun) -> tuple:
    return run.profile_id, run.input_hash, run.data_versions


def identical(run_a: RankingRun, run_b: RankingRun) -> bool:
    """Same profile version, same ranking inputs (input hash) and same recorded data: the same ranking."""
    return _identity(run_a) == _identity(run_b)


@dataclass
class RunChoice:
    """A run to choose, standing for the identical reruns before it (``same_as``, newest first)."""

    run: RankingRun
    same_as: list[RankingRun] = field(default_factory=list)


def run_choices(runs: list[RankingRun]) -> list[RunChoice]:
    """``runs`` (newest first) with each run identical to the previous run of its profile version merged into
    the newest of them: restarts that re-ranked nothing new appear once."""
    choices: list[RunChoice] = []
    last: dict[int, RunChoice] = {}
    for run in reversed(runs):
        previous = last.get(run.profile_id)
        if previous is not None and identical(previous.run, run):
            previous.same_as.insert(0, previous.run)
            previous.run = run
            continue
        last[run.profile_id] = RunChoice(run)
        choices.append(last[run.profile_id])
    choices.sort(key=lambda choice: (choice.run.created_at, choice.run.pk), reverse=True)
    return choices
