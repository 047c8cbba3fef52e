"""Checked reading of decoded JSON: every wrong shape becomes a MalformedResponseError naming the path.

node = Node("chembl", body)
for row in node.list("mechanisms"):
    row.str("molecule_chembl_id")          # raises MalformedResponseError("chembl", "$.mechanisms[0]...")
"""

from __future__ import annotations

from typing import Any

from targets.connectors.errors import MalformedResponseError

_KINDS: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "list": (list,),
    "str": (str,),
    "bool": (bool,),
    "number": (int, float),
    "int": (int,),
}


class Node:
    """A JSON value with the source it came from and its path, for error messages."""

    __slots__ = ("source", "value", "path")

    def __init__(self, source: str, value: Any, path: str = "$"):
        self.source = source
        self.value = value
        self.path = path

    def fail(self, detail: str, path: str | None = None) -> MalformedResponseError:
        """An error naming this node's source and path (or ``path``)."""
        return MalformedResponseError(self.source, path or self.path, detail)

    def _get(self, key: str, kind: str, optional: bool) -> Any:
        if not isinstance(self.value, dict):
            raise self.fail(f"expected an object, got {_type_name(self.value)}")
        path = f"{self.path}.{key}"
        if key not in self.value or self.value[key] is None:
            if optional:
                return None
            raise self.fail("missing" if key not in self.value else "null where a value is required", path)
        value = self.value[key]
        if not _is_kind(value, kind):
            raise self.fail(f"expected {kind}, got {_type_name(value)}", path)
        return value

    def child(self, key: str, *, optional: bool = False) -> Node | None:
        """The object under ``key`` as a Node (None if optional and absent/null)."""
        value = self._get(key, "object", optional)
        return None if value is None else Node(self.source, value, f"{self.path}.{key}")

    def list(self, key: str, *, optional: bool = False) -> list[Node]:
        """The list under ``key`` as Nodes; absent/null gives [] when optional."""
        value = self._get(key, "list", optional)
        if value is None:
            return []
        return [Node(self.source, item, f"{self.path}.{key}[{index}]") for index, item in enumerate(value)]

    def str(self, key: str, *, optional: bool = False) -> str | None:
        """The string under ``key``."""
        return self._get(key, "str", optional)

    def bool(self, key: str, *, optional: bool = False) -> bool | None:
        """The boolean under ``key``."""
        return self._get(key, "bool", optional)

    def number(self, key: str, *, optional: bool = False) -> float | None:
        """The number under ``key`` as a float."""
        value = self._get(key, "number", optional)
        return None if value is None else float(value)

    def int(self, key: str, *, optional: bool = False) -> int | None:
        """The integer under ``key``."""
        return self._get(key, "int", optional)

    def strings(self, key: str, *, optional: bool = False) -> tuple[str, ...]:
        """The list of strings under ``key`` as a tuple."""
        items = self.list(key, optional=optional)
        for item in items:
            if not isinstance(item.value, str):
                raise item.fail(f"expected str, got {_type_name(item.value)}")
        return tuple(item.value for item in items)

    def raw(self, key: str) -> Any:
        """The value under ``key`` unchecked (None if absent)."""
        if not isinstance(self.value, dict):
            raise self.fail(f"expected an object, got {_type_name(self.value)}")
        return self.value.get(key)

    def as_object(self) -> Node:
        """This node, checked to be an object."""
        if not isinstance(self.value, dict):
            raise self.fail(f"expected an object, got {_type_name(self.value)}")
        return self


def _is_kind(value: Any, kind: str) -> bool:
    if kind in ("number", "int") and isinstance(value, bool):
        return False
    return isinstance(value, _KINDS[kind])


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__
