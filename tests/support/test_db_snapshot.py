"""The catalogue and ranking fixtures are built once and restored per test: a test's writes never leak into
the next test, a test that does not ask for them sees an empty database, and new rows get fresh keys."""

from __future__ import annotations

import pytest

from targets.models import Axis, Evidence, RankingRow, RankingRun, Target

pytestmark = pytest.mark.django_db


def test_a_test_may_change_the_catalogue_and_its_ranking(ranked):
    Target.objects.filter(symbol="CXCR4").delete()
    Evidence.objects.all().delete()
    RankingRow.objects.filter(run=ranked).update(score=0.0)
    assert not Target.objects.filter(symbol="CXCR4").exists()


def test_the_next_test_gets_them_back_intact(ranked):
    assert Target.objects.filter(symbol="CXCR4").exists()
    assert Evidence.objects.exists()
    assert Target.history.filter(symbol="CXCR4").exists()  # history rows are restored too
    assert RankingRow.objects.filter(run=ranked).count() == Target.objects.count()
    assert RankingRow.objects.filter(run=ranked, score__gt=0).exists()


def test_a_test_without_the_fixtures_sees_no_catalogue():
    assert not Target.objects.exists()
    assert not RankingRun.objects.exists()


def test_rows_added_after_a_restore_get_new_keys(catalogue):
    axis = Axis.objects.create(name="assembled test axis")
    target = Target.objects.create(
        symbol="TESTX1", ensembl_id="ENSG99999999999", uniprot="Q9ZZZ9", name="assembled test target", axis=axis
    )
    assert target.pk > max(Target.objects.exclude(pk=target.pk).values_list("pk", flat=True))
