"""Send a GraphQL query through a SourceClient and return ``data``; ``errors[]`` are permanent errors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from targets.connectors.errors import PermanentSourceError
from targets.connectors.http import SourceClient
from targets.connectors.shape import Node


def run_query(client: SourceClient, query: str, variables: Mapping[str, Any] | None = None) -> Node:
    """Send ``query`` and return its ``data`` object as a Node.

    A body with a non-empty ``errors`` list (HTTP 200 or 400) raises PermanentSourceError carrying the
    messages: GraphQL errors come from the query or its variables, and sending it again will not help.
    """
    body = Node(client.config.name, client.post_json(payload={"query": query, "variables": dict(variables or {})}))
    body.as_object()
    errors = body.raw("errors")
    if errors:
        messages = tuple(_message(error) for error in errors) if isinstance(errors, list) else (str(errors),)
        raise PermanentSourceError(client.config.name, "GraphQL errors: " + "; ".join(messages), messages=messages)
    data = body.child("data")
    assert data is not None
    return data


def _message(error: Any) -> str:
    if isinstance(error, dict) and isinstance(error.get("message"), str):
        return error["message"]
    return str(error)
