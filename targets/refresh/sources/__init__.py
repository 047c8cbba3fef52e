"""One module per external source, each with the same three functions:

- ``fetch(targets) -> Fetched``: network only (through the connectors), no database writes;
- ``parse(record_type, key, payload, release)``: a stored payload back into the connector's record;
- ``apply(rows, targets) -> int``: derived model writes (Target fields, drugs, mechanisms, trials) from the
  records; returns the number of rows it changed. Runs inside the batch's transaction.
"""

from __future__ import annotations

from types import ModuleType

from targets.refresh.sources import chembl, clinicaltrials, dgidb, opentargets
from targets.refresh.sources.base import Fetched

SOURCE_MODULES: dict[str, ModuleType] = {
    "opentargets": opentargets,
    "chembl": chembl,
    "clinicaltrials": clinicaltrials,
    "dgidb": dgidb,
}

__all__ = ["SOURCE_MODULES", "Fetched", "source_module"]


def source_module(source: str) -> ModuleType:
    """The refresh module of ``source`` (KeyError for an unknown source)."""
    return SOURCE_MODULES[source]
