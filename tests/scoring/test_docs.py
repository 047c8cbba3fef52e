"""docs/scoring.md names every threshold and constant the code uses, with its current value."""

from pathlib import Path

import pytest

from scoring import CRITERIA, criteria_definitions, engine_definitions

DOC = (Path(__file__).resolve().parents[2] / "docs" / "scoring.md").read_text()


@pytest.mark.parametrize("definition", criteria_definitions(), ids=lambda d: d["key"])
def test_every_criterion_threshold_is_named_in_the_docs(definition):
    assert f"`{definition['key']}` ({definition['version']})" in DOC
    for name in definition["thresholds"]:
        assert f"`{name}`" in DOC, name


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    else:
        yield value


@pytest.mark.parametrize("criterion", CRITERIA, ids=lambda c: c.key)
def test_every_numeric_threshold_value_appears_in_the_docs(criterion):
    for value in _leaves(dict(criterion.thresholds)):
        if isinstance(value, float) and value not in (0.0, 1.0):
            text = f"{value:g}"
            assert text in DOC or text.lstrip("0") in DOC, (criterion.key, value)


@pytest.mark.parametrize(
    "name", ["neutral_value", "coverage_penalty", "geometric_floor", "dual_penalty_factor", "score_rounding_decimals"]
)
def test_engine_constants_are_named_with_their_value(name):
    value = engine_definitions()[name]
    assert f"`{name}` = {value:g}" in DOC or f"`{name}` {value:g}" in DOC


def test_stability_memory_cap_is_documented_with_its_value():
    assert f"`max_rank_cells` = {engine_definitions()['stability']['max_rank_cells']:,}" in DOC
