"""The changes page in a browser: restarts that re-ranked nothing new are merged, and a weight change is named
with its old and new value (issue 12, point 8)."""

from __future__ import annotations

import re

import pytest

from targets.ranking.profiles import current_profile, profile_payload, profile_save_version
from targets.ranking.runs import ranking_run_create

pytestmark = pytest.mark.services


def test_the_changes_page_names_the_weight_that_changed_and_merges_identical_reruns(page, ranked):
    from playwright.sync_api import expect

    data = profile_payload(current_profile("balanced"))
    data["weights"] = {**data["weights"], "novelty": 2.0}
    reweighted = ranking_run_create(profile=profile_save_version(name="balanced", data=data), samples=0)
    restart = ranking_run_create(profile=current_profile("balanced"), triggered_by="restart", samples=0)

    page.goto(page.url_for("/changes/"))
    summary = page.locator("#changes-summary")
    expect(summary).to_contain_text(f"Run #{ranked.pk} (balanced v1) → run #{restart.pk} (balanced v2)")
    expect(summary).to_contain_text("weights changed")
    novelty = page.locator("#profile-changes tr", has_text="weight of Novelty")
    expect(novelty).to_contain_text("0 (0%)")
    expect(novelty).to_contain_text(re.compile(r"2 \(\d+%\)"))
    options = page.locator("#run-b option").all_inner_texts()
    assert not any(text.startswith(f"#{reweighted.pk} ") for text in options)
    assert any(text.startswith(f"#{restart.pk} ") and f"same as #{reweighted.pk}" in text for text in options)

    page.get_by_label("Before").select_option(str(ranked.pk))
    page.get_by_label("After").select_option(str(ranked.pk))
    page.get_by_role("button", name="Compare runs").click()
    page.wait_for_url(re.compile(rf"a={ranked.pk}&b={ranked.pk}"))
    expect(page.locator("#identical-runs")).to_contain_text("Nothing changed")
    expect(page.locator("#profile-changes")).to_have_count(0)
