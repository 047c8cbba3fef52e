"""The target edit page refuses to overwrite an edit saved since the curator opened it (issue 13, point 5)."""

import pytest

from targets.models import Target

pytestmark = pytest.mark.django_db


def _post_data(target: Target, **changes) -> dict:
    data = {"name": target.name, "axis": target.axis_id, "compartment": target.compartment, "role": target.role,
            "mechanism": target.mechanism, "seen_version": target.version}  # fmt: skip
    return {**data, **changes}


def test_a_stale_edit_page_is_refused_with_409_and_keeps_the_other_edit(client, curator, catalogue):
    client.force_login(curator)
    target = Target.objects.get(symbol="CD44")
    html = client.get("/targets/CD44/edit/").content.decode()
    assert 'name="seen_version"' in html and 'type="hidden"' in html
    opened = _post_data(target)  # two curators open the page at the same version
    first = client.post("/targets/CD44/edit/", {**opened, "mechanism": "first curator's text"})
    assert first.status_code == 302
    second = client.post("/targets/CD44/edit/", {**opened, "name": "second curator's name"})
    assert second.status_code == 409
    assert "changed by someone else" in second.content.decode()
    target.refresh_from_db()
    assert target.mechanism == "first curator's text" and target.version == opened["seen_version"] + 1
