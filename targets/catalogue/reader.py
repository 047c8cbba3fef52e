"""Read a CSV file row by row with the line each row starts on, checking its header."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from targets.catalogue.errors import CatalogueError


def read_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data row; the header must list exactly ``columns``."""
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
        if tuple(name.strip() for name in header) != columns:
            raise CatalogueError(
                [(1, "header", f"expected columns {', '.join(columns)}; found {', '.join(header)}")],
                str(path),
            )
        line = reader.line_num + 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                raise CatalogueError([(line, "row", str(exc))], str(path)) from exc
            if any(value.strip() for value in values):
                if len(values) != len(columns):
                    raise CatalogueError(
                        [(line, "row", f"has {len(values)} fields, expected {len(columns)}")], str(path)
                    )
                yield line, dict(zip(columns, (value.strip() for value in values), strict=True))
            line = reader.line_num + 1
