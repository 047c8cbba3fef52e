"""Read an export CSV exactly as `pandas.read_csv(url)` and a spreadsheet do by default (pandas is not a
dependency): the first line is the header, commas separate, double quotes quote, nothing is a comment, and
every line must have as many fields as the header (else pandas raises or shifts columns)."""

from __future__ import annotations

import csv
import io

META_PREFIX = "meta_"


def read_default_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """(header, rows as dicts) of a CSV read with the defaults; AssertionError when a line is ragged."""
    lines = list(csv.reader(io.StringIO(text)))  # the 'excel' dialect: pandas' and spreadsheets' default
    header, body = lines[0], [line for line in lines[1:] if line]  # pandas skips blank lines
    assert all(len(line) == len(header) for line in body), "a line has more or fewer fields than the header"
    return header, [dict(zip(header, line, strict=True)) for line in body]


def csv_metadata(rows: list[dict[str, str]]) -> dict[str, str]:
    """The metadata block of an export: its `meta_<key>` columns, the same on every line."""
    blocks = [
        {key[len(META_PREFIX) :]: value for key, value in row.items() if key.startswith(META_PREFIX)} for row in rows
    ]
    assert all(block == blocks[0] for block in blocks), "the metadata differs between lines"
    return blocks[0]
