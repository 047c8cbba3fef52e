"""Profile validation names the offending field; shipped profiles are valid and round-trip."""

import math
import re

import pytest

from scoring.criteria import CRITERION_KEYS
from scoring.errors import FieldError
from scoring.profiles import DEFAULT_PROFILES, Gates, Profile, profile_from_dict, validate_profile


def _data(**overrides):
    data = {"name": "mine", "weights": {"hsc_safety": 1.0}}
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"weights": {"hsc_safety": -1}}, "weights.hsc_safety: must be finite and >= 0"),
        ({"weights": {"hsc_safety": math.inf}}, "weights.hsc_safety: must be finite and >= 0"),
        ({"weights": {"hsc_safety": math.nan}}, "weights.hsc_safety: must be finite and >= 0"),
        ({"weights": {"hsc_safety": "1"}}, "weights.hsc_safety: must be a number"),
        ({"weights": {"hsc_safety": True}}, "weights.hsc_safety: must be a number"),
        ({"weights": {"charisma": 1}}, "weights.charisma: unknown criterion"),
        ({"weights": {"hsc_safety": 0, "novelty": 0}}, "weights: at least one weight must be > 0"),
        ({"weights": {}}, "weights: at least one weight must be > 0"),
        ({"weights": [1, 2]}, "weights: must be a mapping"),
        ({"method": "borda"}, "method: must be one of"),
        ({"missing": "guess"}, "missing: must be one of"),
        ({"dual_policy": "ignore"}, "dual_policy: must be one of"),
        ({"concentration": 0}, "concentration: must be a number within 1e-06..1e+06"),
        ({"top_k": 0}, "top_k: must be an integer within 1..100000"),
        ({"top_k": 2.5}, "top_k: must be an integer; got 2.5"),
        ({"gates": {"min_coverage": 1.5}}, "gates.min_coverage: must be a number within 0..1"),
        ({"gates": {"antibody_only": "yes"}}, "gates.antibody_only: must be true or false"),
        ({"gates": {"strict": True}}, "gates.strict: unknown field"),
        ({"gates": []}, "gates: must be an object"),
        ({"colour": "red"}, "colour: unknown field"),
        ({"name": ""}, "name: must be a non-empty string"),
    ],
)
def test_invalid_profile_errors_name_the_field(overrides, message):
    with pytest.raises(FieldError, match=re.escape(message)) as caught:
        profile_from_dict(_data(**overrides))
    assert caught.value.field == message.split(":", 1)[0]  # the typed error carries the field the message names


def test_missing_required_field_is_named():
    with pytest.raises(ValueError, match="^weights: required"):
        profile_from_dict({"name": "x"})


def test_missing_weight_keys_mean_zero():
    profile = profile_from_dict(_data(weights={"novelty": 2}))
    vector = profile.weight_vector()
    assert vector[CRITERION_KEYS.index("novelty")] == 2.0
    assert sum(vector) == 2.0


def test_shipped_profiles_are_valid_and_include_the_five_named_ones():
    assert {"balanced", "clinical-first", "antibody-first", "novelty-seeking", "enhance-anti-leukemic"} <= set(
        DEFAULT_PROFILES
    )
    for profile in DEFAULT_PROFILES.values():
        validate_profile(profile)
    assert DEFAULT_PROFILES["antibody-first"].gates.antibody_only


def test_shipped_profiles_rank_in_one_direction_and_penalise_dual_roles():
    for name, profile in DEFAULT_PROFILES.items():
        assert profile.gates.direction == ("enhance" if name == "enhance-anti-leukemic" else "inhibit"), name
        assert profile.dual_policy == "penalise", name
    enhance = DEFAULT_PROFILES["enhance-anti-leukemic"].weights
    assert enhance.get("niche_biology", 0) == enhance.get("clinical_precedent", 0) == 0
    for name in ("balanced", "clinical-first", "antibody-first", "novelty-seeking"):
        weights = DEFAULT_PROFILES[name].weights
        assert weights.get("enhancement_biology", 0) == weights.get("enhancement_precedent", 0) == 0
        assert DEFAULT_PROFILES[name].version == "2"  # criteria changed: a new version, old runs keep theirs


@pytest.mark.parametrize(
    ("gates", "message"),
    [
        ({"direction": "sideways"}, "gates.direction: must be one of"),
        ({"compartments": ["liver"]}, "gates.compartments: must be a list of"),
        ({"compartments": "msc"}, "gates.compartments: must be a list of"),
    ],
)
def test_bad_direction_and_compartment_gates_name_the_field(gates, message):
    with pytest.raises(ValueError, match=f"^{message}"):
        profile_from_dict({"name": "p", "weights": {"hsc_safety": 1}, "gates": gates})


@pytest.mark.parametrize("name", sorted(DEFAULT_PROFILES))
def test_profiles_round_trip_through_dicts(name):
    profile = DEFAULT_PROFILES[name]
    assert profile_from_dict(profile.as_dict()) == profile


def test_profile_weights_cannot_be_mutated_after_creation():
    weights = {"hsc_safety": 1.0}
    profile = Profile(name="p", weights=weights, gates=Gates())
    weights["hsc_safety"] = 5.0
    assert profile.weights["hsc_safety"] == 1.0
    with pytest.raises(TypeError):
        profile.weights["hsc_safety"] = 2.0


def test_weights_above_the_cap_are_refused_so_their_sum_stays_finite():
    with pytest.raises(ValueError, match=r"^weights.novelty: must be at most 1e\+06"):
        profile_from_dict({"name": "huge", "weights": {"novelty": 1e308, "hsc_safety": 1e308}})
    assert profile_from_dict({"name": "fine", "weights": {"novelty": 1e6}}).weights["novelty"] == 1e6
