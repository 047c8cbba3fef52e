"""The heatmap keeps missing values distinct from zeros; the niche map pairs ligands and receptors with ranks."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_heatmap_shows_missing_values_differently_from_zeros(client, ranked):
    html = client.get("/heatmap/").content.decode()
    row = html.split('href="/targets/CXCR4/"')[1].split("</tr>")[0]
    cells = re.findall(r"<td class=\"heat( missing-cell)?\"[^>]*>([^<]*)</td>", row)
    assert ("", "0.00") in cells  # a real zero, coloured
    assert (" missing-cell", "n/a") in cells  # a missing value, hatched and labelled
    assert len(cells) == 10


def test_niche_map_draws_each_pair_with_both_ranks(client, ranked):
    html = client.get("/niche-map/").content.decode()
    cxcr4 = ranked.rows.get(target__symbol="CXCR4").rank
    cxcl12 = ranked.rows.get(target__symbol="CXCL12").rank
    pair = html.split("<strong>CXCL12</strong>")[1].split('class="niche-note"')[0]
    assert f"#{cxcl12}" in pair and f"#{cxcr4}" in pair and "<strong>CXCR4</strong>" in pair
    assert "→" in pair  # ligand on the stromal side points to the receptor on the blast


def test_niche_map_lists_targets_without_a_partner(client, ranked):
    html = client.get("/niche-map/").content.decode()
    unpaired = html.split('id="unpaired-h"')[1]
    assert "BCL2" in unpaired and "CXCR4" not in unpaired
