"""Read a CSV file row by row with the line each row starts on, checking its header."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from targets.catalogue.errors import CatalogueError


def read_rows(
    path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data row; the header must list ``columns`` in order (columns named in
    ``optional`` may be left out, and then read as blank)."""
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise CatalogueError([(0, "file", f"cannot open: {exc.strerror}")], str(path)) from exc
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise CatalogueError([(1, "header", "the file is empty")], str(path)) from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise CatalogueError([(1, "header", str(exc))], str(path)) from exc
        found = tuple(name.strip() for name in header)
        if found not in _accepted_headers(columns, optional):
            raise CatalogueError(
                [(1, "header", f"expected columns {', '.join(columns)}; found {', '.join(header)}")],
                str(path),
            )
        missing = dict.fromkeys(set(columns) - set(found), "")
        line = reader.line_num + 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                raise CatalogueError([(line, "row", str(exc))], str(path)) from exc
            if any(value.strip() for value in values):
                if len(values) != len(found):
                    raise CatalogueError([(line, "row", f"has {len(values)} fields, expected {len(found)}")], str(path))
                yield line, missing | dict(zip(found, (value.strip() for value in values), strict=True))
            line = reader.line_num + 1


def _accepted_headers(columns: tuple[str, ...], optional: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Every header ``columns`` allows: all of them in order, with any subset of ``optional`` left out."""
    headers = {columns}
    for name in optional:
        headers |= {tuple(column for column in header if column != name) for header in headers}
    return headers
