"""Small field checks shared by the catalogue's companion-file parsers; each raises ValueError with a message."""

from __future__ import annotations

from targets.validators import citation_kind, normalise_citation


def one_of(value: str, allowed, what: str) -> str:
    """The value if it is one of ``allowed``."""
    if value not in allowed:
        raise ValueError(f"{value!r} is not a {what}; expected one of {', '.join(allowed)}")
    return value


def required(value: str) -> str:
    """The value if it is not blank."""
    if not value:
        raise ValueError("is required")
    return value


def citation(value: str) -> str:
    """A PMID or DOI in its stored form ('PMID: 123' -> '123')."""
    try:
        citation_kind(value)
    except Exception as exc:
        raise ValueError(getattr(exc, "messages", [str(exc)])[0]) from exc
    return normalise_citation(value)


def verified_mark(value: str) -> bool:
    """V (checked against a source) -> True, M (from memory) -> False."""
    return one_of(value, ("V", "M"), "verification mark (V or M)") == "V"


def checked_source(value: str, verified: bool | None) -> str:
    """What a finding was checked against: required for a V row, at most 500 characters."""
    if verified and not value:
        raise ValueError("is required when verified is V (the URL or 'search:pages <title>' you checked)")
    if len(value) > 500:
        raise ValueError(f"has {len(value)} characters; at most 500")
    return value


class RowChecker:
    """Collect (line, field, message) problems while reading one row's fields."""

    def __init__(self, line: int, raw: dict[str, str]) -> None:
        self.line, self.raw, self.problems = line, raw, []

    def __call__(self, column: str, parse, *args):
        """``parse(raw[column], *args)``, or None with the problem recorded."""
        try:
            return parse(self.raw[column], *args)
        except ValueError as exc:
            self.problems.append((self.line, column, str(exc)))
            return None
