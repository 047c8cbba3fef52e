"""A schema-driven fuzz with the value ranges that found the 500s of issue 13: NUL, control characters,
long strings, integers beyond 16, 32 and 64 bits, extreme time-zone offsets and deep nesting, in every query
parameter, path parameter and top-level body field of every operation, as an admin (writes included).

No answer may be a 5xx. Meant for PostgreSQL (DATABASE_URL=postgres://...), where NUL bytes, small integer
columns and time-zone displacements fail; it runs (and passes) on SQLite too."""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.targets.api.test_openapi_fuzz import keep_test_connection  # noqa: F401  (fixture)

HOSTILE = [
    "\x00",
    "CXCR4\x00",
    "\x01\x07\x1b",
    "x" * 5000,
    '=HYPERLINK("x")',
    50000,
    2**31,
    2**63,
    -(2**63),
    10**30,
    "0001-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59-23:59",
    "NaN",
    "-1",
    "1e309",
]
DEEP_LIST = "[" * 5000 + "]" * 5000
DEEP_OBJECT = '{"a": ' * 3000 + "1" + "}" * 3000
METHODS = ("get", "post", "put", "patch", "delete")


def _operations() -> list[tuple[str, str, dict, dict]]:
    schema = SchemaGenerator(urlconf="tests.targets.api.urls").get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    found = []
    for path, item in schema["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body_ref = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            body = components.get(body_ref.get("$ref", "").rsplit("/", 1)[-1], {})
            found.append((method, path, operation, body))
    return found


def _path_for(path: str, operation: dict, override: tuple[str, object] | None = None) -> str:
    defaults = {"id": "1", "symbol": "CXCR4", "name": "balanced", "nct_id": "NCT00000000"}
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            name = parameter["name"]
            value = override[1] if override and override[0] == name else defaults.get(name, "1")
            path = path.replace("{" + name + "}", quote(str(value), safe=""))
    return path


@pytest.mark.parametrize("method,path,operation,body", _operations(), ids=lambda value: str(value)[:40])
def test_hostile_values_never_cause_a_5xx(client_for, ranked, keep_test_connection, method, path, operation, body):  # noqa: F811
    client = client_for("admin")
    failures = []

    def send(url: str, payload: str | None = None) -> None:
        response = (
            getattr(client, method)(url, payload, content_type="application/json")
            if payload is not None
            else getattr(client, method)(url)
        )
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {url[:120]} {str(payload)[:80]!r}: {response.status_code}")

    for parameter in operation.get("parameters", []):
        for value in HOSTILE:
            if parameter["in"] == "query":
                send(_path_for(path, operation) + "?" + urlencode({parameter["name"]: value}))
            elif parameter["in"] == "path":
                send(_path_for(path, operation, (parameter["name"], value)))
    if method in ("post", "put", "patch"):
        url = _path_for(path, operation)
        for field in body.get("properties", {}):
            for value in HOSTILE:
                send(url, json.dumps({field: value}))
            send(url, '{"' + field + '": ' + DEEP_LIST + "}")
        send(url, DEEP_OBJECT)
    assert not failures, "\n".join(failures)
