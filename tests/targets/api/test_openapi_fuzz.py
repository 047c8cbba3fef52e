"""Property-based fuzzing of the whole OpenAPI schema (schemathesis): no 5xx, no response outside the schema.

Deterministic (derandomized, no example database) and bounded (a few examples per operation), run as an
admin so that writes are exercised too, against the bundled catalogue with two stored runs."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

MAX_EXAMPLES = 10
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def keep_test_connection():
    """Requests go straight to the WSGI app; like Django's test client, keep its request signals from closing
    the test's database connection (on PostgreSQL that would close the transaction the test runs in)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, ranked, second_run, keep_test_connection):
    loaded = schemathesis.openapi.from_dict(
        SchemaGenerator(urlconf="tests.targets.api.urls").get_schema(request=None, public=True)
    )
    loaded.app = get_wsgi_application()
    return loaded


@pytest.fixture
def admin_token(admin_user) -> str:
    from rest_framework.authtoken.models import Token

    return Token.objects.get_or_create(user=admin_user)[0].key


def fuzz(operation, mode: GenerationMode, token: str) -> None:
    """Run one operation's generated cases through the app in-process, checking every response."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)

    try:
        run()
    except Unsatisfiable:
        # Nothing in the operation can be made invalid (no parameters, no body): only positive cases exist.
        assert mode is GenerationMode.NEGATIVE and not operation.query and not operation.body, operation.label


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_operation_crashes_or_breaks_its_schema(api_schema, admin_token, mode, subtests):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 35
    for operation in operations:
        with subtests.test(msg=f"{mode} {operation.label}"):
            fuzz(operation, mode, admin_token)
