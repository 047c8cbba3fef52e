"""The error a bad catalogue row raises: it names the file line and the field."""

from __future__ import annotations


class CatalogueError(ValueError):
    """One or more rows of a catalogue file do not parse; nothing was written."""

    def __init__(self, problems: list[tuple[int, str, str]], path: str = "") -> None:
        self.problems = problems
        self.path = path
        lines = [f"line {line}, field '{field}': {message}" for line, field, message in problems]
        where = f"{path}: " if path else ""
        super().__init__(f"{where}{len(problems)} problem(s); nothing was written\n" + "\n".join(lines))
