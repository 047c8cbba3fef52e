"""The ranking page: rank order, filters, sorting, profile choice, stale badges and who may read it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from targets.models import RefreshRun, SourceRecord, Target
from tests.targets.web.conftest import row_symbols

pytestmark = pytest.mark.django_db


def test_rows_come_in_rank_order_with_bars_intervals_and_coverage(client, ranked):
    response = client.get("/")
    html = response.content.decode()
    expected = list(ranked.rows.filter(rank__isnull=False).order_by("rank").values_list("target__symbol", flat=True))
    assert response.status_code == 200
    assert row_symbols(html)[: len(expected)] == expected
    assert html.count('class="bar"') == ranked.rows.count()
    top = ranked.rows.get(rank=1)
    assert f"{top.rank_p05}–{top.rank_p95}" in html
    assert 'class="segment"' in html
    assert html.count('name="t" value=') == ranked.rows.count()  # tick boxes feeding the compare page


def test_filters_keep_only_matching_targets(client, ranked):
    html = client.get("/", {"role": "dual"}).content.decode()
    symbols = row_symbols(html)
    assert symbols
    assert set(symbols) == set(Target.objects.filter(role="dual").values_list("symbol", flat=True))


def test_stage_and_text_filters_combine(client, ranked):
    html = client.get("/", {"stage_aml": "phase2", "q": "CXCR4"}).content.decode()
    assert row_symbols(html) == ["CXCR4"]


def test_sorting_by_symbol_and_by_descending_score(client, ranked):
    by_symbol = row_symbols(client.get("/", {"sort": "symbol"}).content.decode())
    assert by_symbol == sorted(by_symbol)
    html = client.get("/", {"sort": "-coverage"}).content.decode()
    assert 'aria-sort="descending"' in html


def test_a_profile_without_a_stored_run_is_previewed(client, ranked):
    response = client.get("/", {"profile": "clinical-first"})
    html = response.content.decode()
    assert "unsaved preview" in html
    assert len(row_symbols(html)) == Target.objects.count()


def test_stale_source_is_badged_on_targets_with_its_records(client, ranked):
    target = Target.objects.get(symbol="CXCR4")
    SourceRecord.objects.create(
        source="chembl",
        record_type="mechanism",
        key="CHEMBL1",
        target=target,
        fetched_at=timezone.now(),
        content_hash="x",
        payload={},
    )
    RefreshRun.objects.create(  # as the refresh runner records a failed source
        source="chembl",
        status="failed",
        finished_at=timezone.now(),
        errors=["HTTP 503"],
        stale_reason="1 of 1 batches failed, their earlier data is kept: HTTP 503",
    )
    html = client.get("/").content.decode()
    assert "stale chembl" in html
    cxcr4_row = html.split('data-symbol="CXCR4"')[1].split("</tr>")[0]
    bcl2_row = html.split('data-symbol="BCL2"')[1].split("</tr>")[0]
    assert "stale chembl" in cxcr4_row and "stale chembl" not in bcl2_row


def test_anonymous_users_are_sent_to_sign_in_when_reading_needs_an_account(client, ranked, settings):
    settings.NICHERANK_ANONYMOUS_READ = False
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_read_only_users_see_no_edit_controls_and_curators_do(viewer_client, curator_client, ranked):
    assert "save a new profile version" not in viewer_client.get("/").content.decode()
    assert "Import evidence" not in viewer_client.get("/").content.decode()
    html = curator_client.get("/").content.decode()
    assert "save a new profile version" in html and "Import evidence" in html


def test_no_run_yet_says_how_to_make_one(client, db):
    assert "python manage.py rank" in client.get("/").content.decode()


def test_ranking_page_uses_a_fixed_number_of_queries(client, ranked, django_assert_max_num_queries):
    # Coverage panel: refresh status in five queries whatever the number of sources; one for the team stances.
    with django_assert_max_num_queries(13):
        client.get("/")


@pytest.mark.parametrize(("params", "field"), [({"compartment": "bone"}, "compartment"), ({"role": "tumour"}, "role")])
def test_a_bad_filter_value_is_shown_and_left_out_of_the_export_links(client, ranked, params, field):
    html = client.get("/", {**params, "axis": "CXCL12"}).content.decode()
    errors = html.split('id="filter-errors"')[1].split("</div>")[0]
    assert f"{field}={params[field]}" in errors and "not applied" in html
    exports = html.split('class="exports"')[1].split("</p>")[0]
    assert field not in exports and "axis=CXCL12" in exports  # links carry only the filters the table applied
    csv_link = exports.split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert client.get(csv_link).status_code == 200


@pytest.mark.parametrize(
    ("params", "value"), [({"compartment": "MSC"}, "msc"), ({"role": "pro-leukemic"}, "pro_leukemic")]
)
def test_choice_filters_accept_the_labels_the_page_shows(client, ranked, params, value):
    html = client.get("/", params).content.decode()
    assert 'id="filter-errors"' not in html
    field = next(iter(params))
    shown = set(row_symbols(html))
    assert shown and shown <= set(Target.objects.filter(**{field: value}).values_list("symbol", flat=True))
    assert len(shown) < Target.objects.count()


def test_a_refused_export_is_a_readable_page(client, ranked):
    response = client.get("/ranking/export.csv", {"compartment": "bone"})
    assert response.status_code == 400
    html = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "compartment" in html.split('id="export-problem"')[1] and "<nav" in html


def test_the_ranking_says_which_sources_were_never_refreshed(client, ranked):
    html = client.get("/").content.decode()
    gaps = html.split('id="never-refreshed"')[1].split("</li>")[0]
    assert "Open Targets Platform" in gaps and "never refreshed" in gaps
    RefreshRun.objects.create(source="opentargets", status="succeeded", finished_at=timezone.now())
    html = client.get("/").content.decode()
    assert "Open Targets Platform" not in html.split('id="never-refreshed"')[1].split("</li>")[0]


def test_the_ranking_names_the_criteria_empty_for_every_target(client, ranked):
    from scoring.criteria import CRITERIA

    first = CRITERIA[0]
    for row in ranked.rows.all():
        row.values = {**row.values, first.key: None}
        row.save(update_fields=["values"])
    html = client.get("/").content.decode()
    notice = html.split('id="empty-criteria"')[1].split("</li>")[0]
    assert first.label in notice
    filled = [c for c in CRITERIA if any(row.values.get(c.key) is not None for row in ranked.rows.all())]
    assert filled and all(c.label not in notice for c in filled)


def test_a_criterion_no_bundled_data_can_fill_says_so_in_the_notice(client, ranked):
    for row in ranked.rows.all():
        row.values = {**row.values, "trial_activity": None, "disease_association": None}
        row.save(update_fields=["values"])
    notice = client.get("/").content.decode().split('id="empty-criteria"')[1].split("</li>")[0]
    assert "no offline source: only a ClinicalTrials.gov refresh brings trial statuses" in notice
    assert "no offline source: only an Open Targets refresh brings AML association scores" in notice
