"""The OpenAPI 3 schema at /api/schema/ validates and documents every operation's parameters and errors."""

import pytest
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db

ERRORS_EVERYWHERE = {"400", "401", "403", "404", "429"}


@pytest.fixture
def schema(api):
    response = api.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # raises on an invalid schema


def test_every_operation_documents_its_error_responses_with_the_error_body(schema):
    for path, method, operation in operations(schema):
        documented = set(operation["responses"])
        assert documented >= ERRORS_EVERYWHERE, (method, path, documented)
        error = operation["responses"]["400"]["content"]["application/json"]["schema"]
        assert error == {"$ref": "#/components/schemas/Error"}, (method, path)


def test_every_path_parameter_is_documented(schema):
    for path, method, operation in operations(schema):
        names = {parameter["name"] for parameter in operation.get("parameters", []) if parameter["in"] == "path"}
        assert names == {part[1:-1] for part in path.split("/") if part.startswith("{")}, (method, path)


def test_the_schema_covers_every_resource_of_the_issue(schema):
    paths = set(schema["paths"])
    for expected in [
        "/api/targets/",
        "/api/targets/{symbol}/",
        "/api/axes/",
        "/api/interactions/",
        "/api/drugs/",
        "/api/trials/",
        "/api/evidence/",
        "/api/rankings/",
        "/api/rankings/latest/",
        "/api/rankings/{id}/rows/",
        "/api/rankings/{id}/diff/",
        "/api/rankings/{id}/export/",
        "/api/what-if/",
        "/api/batch/",
        "/api/profiles/",
        "/api/profiles/{name}/",
        "/api/criteria/",
        "/api/refresh/",
        "/api/refresh/{id}/",
    ]:
        assert expected in paths


def test_the_interactive_docs_page_loads(api):
    response = api.get("/api/docs/")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()
