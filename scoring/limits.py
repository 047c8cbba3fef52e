"""The bounds of every number a profile or a ranking request carries, defined once.

`scoring.profiles` validates with them; the Django model (validators, and columns able to hold them), the web
form and the API serializer derive theirs from them, so the faces accept exactly what scoring and the
database accept."""

from __future__ import annotations

import math
from dataclasses import dataclass

from scoring.errors import FieldError

INT32_MAX = 2**31 - 1  # the largest value of a 4-byte integer column (PostgreSQL integer)


def _number(value: float) -> str:
    return str(value) if isinstance(value, int) else f"{value:g}"


@dataclass(frozen=True)
class Bounds:
    """Inclusive numeric bounds; ``integer`` when only whole numbers are allowed."""

    low: float
    high: float
    integer: bool = False

    def min_max(self) -> dict:
        """``min_value`` / ``max_value`` keyword arguments (Django form fields and DRF serializer fields)."""
        return {"min_value": self.low, "max_value": self.high}

    def check(self, field: str, value) -> None:
        """Raise FieldError naming ``field`` unless ``value`` is a number (an integer if required) within bounds."""
        kind = "an integer" if self.integer else "a number"
        if isinstance(value, bool) or not isinstance(value, int if self.integer else (int, float)):
            raise FieldError(field, f"must be {kind}; got {value!r}")
        if not math.isfinite(value) or not self.low <= value <= self.high:
            raise FieldError(field, f"must be {kind} within {_number(self.low)}..{_number(self.high)}; got {value!r}")


# Weights are relative (normalised to sum 1); the cap keeps their sum finite.
WEIGHT = Bounds(0.0, 1e6)
# Dirichlet concentration of the stability draws: the floor keeps the draws defined, the cap their cost finite.
CONCENTRATION = Bounds(1e-6, 1e6)
# P(top k) is asked for the first k targets; the cap is far above any catalogue or universe we rank.
TOP_K = Bounds(1, 100_000, integer=True)
MIN_COVERAGE = Bounds(0.0, 1.0)
# Stability draws: a stored run may use any count a 4-byte column holds; a request answered while the user
# waits (what-if) at most WHAT_IF_SAMPLES.
STABILITY_SAMPLES = Bounds(0, INT32_MAX, integer=True)
WHAT_IF_SAMPLES = Bounds(0, 2000, integer=True)
SEED = Bounds(0, INT32_MAX, integer=True)
