"""Records carry provenance whose hash identifies the content, and connectors never load Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from targets.connectors.records import Provenance, content_hash


def test_content_hash_ignores_key_order_but_not_values():
    assert content_hash({"a": 1, "b": [1, 2]}) == content_hash({"b": [1, 2], "a": 1})
    assert content_hash({"a": 1}) != content_hash({"a": 2})


def test_provenance_equality_is_by_hash_not_by_raw_object():
    first = Provenance.of("chembl", None, {"x": 1})
    assert first == Provenance.of("chembl", None, {"x": 1})
    assert first != Provenance.of("chembl", "ChEMBL_35", {"x": 1})


def test_connectors_import_without_django():
    code = (
        "import sys\n"
        "import targets.connectors.opentargets, targets.connectors.chembl\n"
        "import targets.connectors.clinicaltrials, targets.connectors.dgidb\n"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'\n"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
