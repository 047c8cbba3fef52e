"""The connectors' error model: transient (retry later), permanent (do not retry), malformed (wrong shape)."""

from __future__ import annotations


class SourceError(Exception):
    """Base class for every failure talking to an external source."""

    def __init__(self, source: str, detail: str):
        super().__init__(f"{source}: {detail}")
        self.source = source
        self.detail = detail


class TransientSourceError(SourceError):
    """A failure worth retrying later: timeout, connection error, HTTP 429 or 5xx after all tries."""

    def __init__(self, source: str, detail: str, *, status: int | None = None, retry_after: float | None = None):
        super().__init__(source, detail)
        self.status = status
        self.retry_after = retry_after


class PermanentSourceError(SourceError):
    """A failure that will not go away by retrying: HTTP 4xx (other than 429) or GraphQL errors."""

    def __init__(self, source: str, detail: str, *, status: int | None = None, messages: tuple[str, ...] = ()):
        super().__init__(source, detail)
        self.status = status
        self.messages = messages


class MalformedResponseError(PermanentSourceError):
    """A response whose shape is not the documented one; ``path`` names the offending field."""

    def __init__(self, source: str, path: str, detail: str):
        super().__init__(source, f"malformed response at {path}: {detail}")
        self.path = path
        self.detail = detail
