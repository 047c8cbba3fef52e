"""The what-if in a URL: slider weights (criterion keys as parameters) and the method, read against the stored
profile, so a shared link opens the same preview. Used by the ranking page, the sliders' JSON and the profile
forms (which start from a link's weights)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from scoring.aggregation import METHODS
from scoring.criteria import CRITERIA, CRITERION_KEYS
from scoring.errors import FieldError

METHOD = "method"
PARAMS = (*CRITERION_KEYS, METHOD)
SLIDER_MAX = 5.0


@dataclass(frozen=True)
class WhatIfQuery:
    """The weights and method a URL asks for (the stored profile's where it says nothing), what differs from
    the stored profile, and the parameters it could not use (parameter -> message)."""

    weights: dict[str, float]
    method: str
    changed: list[dict] = field(default_factory=list)  # [{key, label, stored, new}]
    method_changed: bool = False
    errors: dict[str, FieldError] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        """True while the what-if differs from the stored profile (the page is an unsaved preview)."""
        return bool(self.changed or self.method_changed)

    def profile_data(self) -> dict:
        """The profile fields `targets.ranking.whatif.what_if` replaces on the base profile."""
        return {"weights": dict(self.weights), METHOD: self.method}

    def query(self) -> str:
        """Every weight and the method as a query string (empty when nothing differs from the stored profile)."""
        if not self.active:
            return ""
        return urlencode({**{key: _number(value) for key, value in self.weights.items()}, METHOD: self.method})


def _number(value: float) -> str:
    return f"{value:g}"


def parse_what_if(params, stored_weights: dict, stored_method: str, *, maximum: float | None = SLIDER_MAX):
    """Read criterion weights and the method from query ``params`` against a stored profile's weights and method.

    A weight that is not a number, negative or above ``maximum`` is left out and named in ``errors``
    ("weights.<key>" as the API names it); so is an unknown method."""
    weights = {key: float(stored_weights.get(key, 0.0)) for key in CRITERION_KEYS}
    errors: dict[str, FieldError] = {}
    for key in CRITERION_KEYS:
        raw = params.get(key)
        if raw is None or raw == "":
            continue
        try:
            value = float(raw)
        except ValueError:
            errors[key] = FieldError(f"weights.{key}", f"not a number: {raw!r}")
            continue
        if not value >= 0 or (maximum is not None and value > maximum):
            bound = f"between 0 and {_number(maximum)}" if maximum is not None else "0 or more"
            errors[key] = FieldError(f"weights.{key}", f"must be {bound} (got {raw})")
            continue
        weights[key] = value
    method = params.get(METHOD) or stored_method
    if method not in METHODS:
        errors[METHOD] = FieldError("method", f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
        method = stored_method
    changed = [
        {"key": c.key, "label": c.label, "stored": float(stored_weights.get(c.key, 0.0)), "new": weights[c.key]}
        for c in CRITERIA
        if abs(weights[c.key] - float(stored_weights.get(c.key, 0.0))) > 1e-9
    ]
    return WhatIfQuery(weights, method, changed, method != stored_method, errors)


def for_profile(params, profile) -> WhatIfQuery | None:
    """The what-if of ``params`` against a stored profile version (None without a profile)."""
    if profile is None:
        return None
    return parse_what_if(params, profile.weights or {}, profile.method)


def form_initial(params) -> dict:
    """Profile-form initial values from a what-if link: weight_<key> for each valid weight and the method."""
    parsed = parse_what_if(params, {}, METHODS[0], maximum=None)
    given = [key for key in CRITERION_KEYS if key in params and key not in parsed.errors]
    initial = {f"weight_{key}": parsed.weights[key] for key in given}
    if params.get(METHOD) and METHOD not in parsed.errors:
        initial[METHOD] = parsed.method
    return initial
