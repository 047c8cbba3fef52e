"""The typed error every layer raises for bad input in one named field, and both faces render."""

from __future__ import annotations


class FieldError(ValueError):
    """Bad input in one field: ``field`` is its dotted path ("weights.safety", "gates.min_coverage", "top_k"),
    ``message`` says what is wrong. ``str()`` reads "field: message". A ValueError, so callers that catch
    ValueError keep working; the API answers ``{field: [message]}``, the web puts the message on the field."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    @property
    def leaf(self) -> str:
        """The last part of the path ("safety" for "weights.safety")."""
        return self.field.rsplit(".", 1)[-1]
