"""Pareto layers match a brute-force definition; ranking by layer, then weighted sum."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import scoring.pareto as pareto
from scoring import rank_matrix
from scoring.pareto import pareto_layers

pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")


def _brute_force_layers(values: np.ndarray) -> np.ndarray:
    layers = np.full(len(values), -1)
    remaining = set(range(len(values)))
    layer = 0
    while remaining:
        front = {
            i
            for i in remaining
            if not any(np.all(values[j] >= values[i]) and np.any(values[j] > values[i]) for j in remaining)
        }
        for i in front:
            layers[i] = layer
        remaining -= front
        layer += 1
    return layers


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 30), st.integers(1, 4)), elements=st.integers(0, 4).map(float)))
def test_layers_match_brute_force(values):
    np.testing.assert_array_equal(pareto_layers(values), _brute_force_layers(values))


def test_chunks_smaller_than_the_input_give_the_same_layers(monkeypatch):
    values = np.random.default_rng(3).integers(0, 5, size=(200, 3)).astype(float)
    expected = _brute_force_layers(values)
    monkeypatch.setattr(pareto, "_CHUNK", 7)
    np.testing.assert_array_equal(pareto_layers(values), expected)


def test_a_dominated_target_ranks_below_its_dominator_even_with_a_higher_weighted_sum():
    # B beats A on the heavy criterion but C dominates B; A is non-dominated.
    matrix = np.array([[0.1, 1.0], [0.9, 0.2], [1.0, 0.3]])
    result = rank_matrix(matrix, [10.0, 1.0], method="pareto", missing="zero", tie_keys=["A", "B", "C"])
    assert result.layers.tolist() == [0, 1, 0]
    assert result.order.tolist() == [2, 0, 1]  # layer 0 by weighted sum (C, A), then B


def test_zero_weight_criteria_do_not_take_part_in_dominance():
    matrix = np.array([[0.5, 1.0], [0.5, 0.0]])
    result = rank_matrix(matrix, [1.0, 0.0], method="pareto", missing="zero", tie_keys=["A", "B"])
    assert result.layers.tolist() == [0, 0]


@pytest.mark.parametrize("missing", ["renormalise", "zero"])
def test_missing_values_cannot_win_dominance(missing):
    matrix = np.array([[np.nan, 0.5], [0.4, 0.5]])
    result = rank_matrix(matrix, [1.0, 1.0], method="pareto", missing=missing, tie_keys=["A", "B"])
    assert result.layers.tolist() == [1, 0]


def _naive_layers(values: np.ndarray) -> np.ndarray:
    """The definition, O(n^2) per layer: a row's layer is 0 when no remaining row dominates it (NaN compares false)."""
    with np.errstate(invalid="ignore"):
        return _brute_force_layers(values)


_cells = st.one_of(st.integers(0, 3).map(float), st.floats(0, 1, width=16), st.just(float("nan")))


@settings(max_examples=150, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(0, 40), st.integers(1, 5)), elements=_cells), st.integers(1, 70))
def test_layers_match_the_definition_with_ties_nan_and_any_chunk_size(values, chunk):
    original = pareto._CHUNK
    pareto._CHUNK = chunk
    try:
        np.testing.assert_array_equal(pareto_layers(values), _naive_layers(values))
    finally:
        pareto._CHUNK = original


def test_a_row_with_nan_is_in_the_first_layer_and_dominates_nothing():
    values = np.array([[1.0, np.nan], [0.5, 0.5], [0.2, 0.2], [np.nan, np.nan]])
    assert pareto_layers(values).tolist() == [0, 0, 1, 0]


def test_many_rows_and_layers_match_the_definition(monkeypatch):
    values = np.round(np.random.default_rng(11).random((600, 3)), 1)  # many ties, over a dozen layers
    monkeypatch.setattr(pareto, "_CHUNK", 128)
    layers = pareto_layers(values)
    assert layers.max() >= 12
    np.testing.assert_array_equal(layers, _brute_force_layers(values))
