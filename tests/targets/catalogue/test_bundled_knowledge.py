"""The real bundled files: every catalogue target ends with graded evidence and a safety entry (issue 9)."""

import pytest

from targets.catalogue.bundled import bundled_files
from targets.catalogue.load import catalogue_load
from targets.models import Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def bundled(db):
    files = bundled_files()
    missing = [str(path) for path in files.values() if not path.exists()]
    assert not missing, f"bundled catalogue files missing: {missing}"
    return catalogue_load(**files)


def test_every_catalogue_target_has_graded_evidence_and_a_safety_signal(bundled):
    targets = Target.objects.all()
    assert targets.count() == 38
    ungraded = sorted(t.symbol for t in targets if not t.evidence.exclude(level="ungraded").exists())
    without_safety = sorted(t.symbol for t in targets if not t.safety_signals.exists())
    assert ungraded == []
    assert without_safety == []


def test_catalogue_evidence_is_never_boilerplate(bundled):
    assert not Target.objects.filter(evidence__claim__startswith="Catalogue citation for").exists()


def test_loading_the_bundled_files_twice_changes_nothing(bundled):
    assert catalogue_load(**bundled_files()).changed == 0
