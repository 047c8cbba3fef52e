"""One typed field error (scoring.errors.FieldError) carries the field and the message; both faces render it
without parsing "field: message" strings (issue 14)."""

from __future__ import annotations

import pytest

from scoring.errors import FieldError
from scoring.profiles import profile_from_dict
from targets.api.base import value_error
from targets.web.forms import ProfileForm


def test_the_api_answers_a_field_error_under_its_field_even_when_the_message_holds_colons():
    error = FieldError("gates.direction", "must be one of: inhibit, enhance; got 'up: down'")
    assert value_error(error).detail == {"gates.direction": ["must be one of: inhibit, enhance; got 'up: down'"]}


def test_an_error_naming_no_field_is_a_non_field_error_in_the_api():
    assert value_error(ValueError("weights: looks like a field but is not typed")).detail == {
        "non_field_errors": ["weights: looks like a field but is not typed"]
    }


def test_the_profile_form_puts_a_scoring_error_on_the_field_it_names():
    with pytest.raises(FieldError) as caught:
        profile_from_dict({"name": "x", "weights": {"novelty": -1}})
    form = ProfileForm(data={})
    form.is_valid()
    form.add_service_error(caught.value)
    assert "must be finite and >= 0; got -1" in form.errors["weight_novelty"]
