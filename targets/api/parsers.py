"""The API's JSON parser: DRF's, refusing what PostgreSQL or Python cannot take with a 400 naming the field.

- nesting deeper than ``MAX_JSON_DEPTH`` (Python's parser would hit its recursion limit: a 500);
- NUL characters in any string or key (PostgreSQL text cannot hold them)."""

from __future__ import annotations

import json

from django.conf import settings
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser

MAX_JSON_DEPTH = 32


def _path(parent: str, key) -> str:
    """Field names as the API's error body names them: 'ids.0', 'weights.safety'."""
    return f"{parent}.{key}" if parent else str(key)


def check_json(data) -> None:
    """Raise ValidationError for a NUL character, ParseError for nesting deeper than MAX_JSON_DEPTH."""
    stack = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise ParseError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels (at {path or 'the top'}).")
        if isinstance(value, str):
            if "\x00" in value:
                raise ValidationError({path or "non_field_errors": ["NUL characters are not allowed."]})
        elif isinstance(value, dict):
            for key, item in value.items():
                if "\x00" in key:
                    raise ValidationError({path or "non_field_errors": ["NUL characters are not allowed in keys."]})
                stack.append((item, _path(path, key), depth + 1))
        elif isinstance(value, list):
            stack.extend((item, _path(path, index), depth + 1) for index, item in enumerate(value))


class SafeJSONParser(JSONParser):
    """JSON bodies, depth- and NUL-checked."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(stream.read().decode(encoding), parse_constant=_reject_constant)
        except RecursionError:
            raise ParseError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels.") from None
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from None
        check_json(data)
        return data


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")
