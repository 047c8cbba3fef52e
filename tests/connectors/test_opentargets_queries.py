"""Every Open Targets query the connector sends is valid against the platform's real schema (v26.03.1),
and the assembled answers have exactly the shape the schema gives those queries."""

from __future__ import annotations

import pytest
from graphql import build_schema, graphql_sync, parse, validate

from targets.connectors import opentargets
from tests.connectors.conftest import FIXTURES, load_fixture

SCHEMA = build_schema((FIXTURES / "opentargets" / "schema_v26.03.1.graphql").read_text())


@pytest.mark.parametrize("name", sorted(opentargets.QUERIES))
def test_query_validates_against_the_schema(name):
    errors = validate(SCHEMA, parse(opentargets.QUERIES[name]))
    assert errors == []


def test_an_outdated_query_fails_validation():
    """Guard that the check has teeth: ``knownDrugs`` was removed in v26.03."""
    errors = validate(SCHEMA, parse("query Old($id: String!) { target(ensemblId: $id) { knownDrugs { count } } }"))
    assert any("knownDrugs" in error.message for error in errors)


@pytest.mark.parametrize(
    ("fixture", "query", "variables"),
    [
        (
            "opentargets/assembled_targets_batch_niche.json",
            "TargetProfiles",
            {"ensemblIds": ["ENSG00000115232", "ENSG00000121966", "ENSG00000162692"]},
        ),
        ("opentargets/assembled_mapids_symbols.json", "MapIds", {"terms": ["CXCR4"], "entityNames": ["target"]}),
        ("opentargets/assembled_mapids_aml.json", "MapIds", {"terms": ["acute myeloid leukemia"]}),
        (
            "opentargets/assembled_associations_aml.json",
            "DiseaseAssociations",
            {"diseaseId": "MONDO_0018874", "ensemblIds": ["ENSG00000121966"], "size": 1},
        ),
    ],
)
def test_assembled_answer_has_the_shape_the_schema_gives_the_query(fixture, query, variables):
    """Executing the query over the assembled data reproduces it only if every field, type and null fits."""
    data = load_fixture(fixture)["data"]
    result = graphql_sync(SCHEMA, opentargets.QUERIES[query], root_value=data, variable_values=variables)
    assert result.errors is None
    assert result.data == data


def _depth(selection_set) -> int:
    if selection_set is None:
        return 0
    return 1 + max(_depth(selection.selection_set) for selection in selection_set.selections)


@pytest.mark.parametrize("name", sorted(opentargets.QUERIES))
def test_query_stays_within_the_platform_depth_limit(name):
    """The platform refuses queries deeper than 15 levels (platform-api GraphQLController)."""
    (operation,) = parse(opentargets.QUERIES[name]).definitions
    assert _depth(operation.selection_set) <= 15
