"""SMAA rank stability: seeded, chunk- and thread-independent, sensible on clear and on uncertain orders."""

import numpy as np
import pytest

import scoring.stability as stability
from scoring.aggregation import prepare
from scoring.stability import rank_stability, sample_weights

pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")


def test_sampled_weights_sum_to_one_and_keep_switched_off_criteria_off():
    draws = sample_weights([2.0, 0.0, 1.0, 1.0], samples=500, concentration=50.0, seed=1)
    np.testing.assert_allclose(draws.sum(axis=1), 1.0)
    assert np.all(draws[:, 1] == 0.0)
    np.testing.assert_allclose(draws.mean(axis=0), [0.5, 0.0, 0.25, 0.25], atol=0.02)


def test_higher_concentration_keeps_sampled_weights_closer_to_the_profile():
    loose = sample_weights([1.0, 1.0], samples=2000, concentration=2.0, seed=0)
    tight = sample_weights([1.0, 1.0], samples=2000, concentration=500.0, seed=0)
    assert tight[:, 0].std() < loose[:, 0].std() / 5


def test_tiny_weights_never_produce_nan_draws():
    draws = sample_weights([1e-300, 1.0], samples=100, concentration=1e-3, seed=0)
    assert np.all(np.isfinite(draws))
    np.testing.assert_allclose(draws.sum(axis=1), 1.0)


def test_identical_targets_take_consecutive_ranks_in_tie_order_in_every_draw():
    matrix = np.array([[0.5, 0.5], [0.9, 0.9], [0.5, 0.5], [0.1, 0.1], [0.5, 0.5]])
    result = _run(matrix, [1.0, 1.0], top_k=2)
    np.testing.assert_array_equal(result.median_rank, [2, 1, 3, 5, 4])
    np.testing.assert_array_equal(result.rank_p05, [2, 1, 3, 5, 4])
    np.testing.assert_array_equal(result.p_top_k, [1, 1, 0, 0, 0])


def test_tie_order_decides_which_identical_target_comes_first():
    matrix = np.array([[0.5, 0.5], [0.9, 0.9], [0.5, 0.5], [0.1, 0.1], [0.5, 0.5]])
    result = _run(matrix, [1.0, 1.0], top_k=3, tie_order=np.array([4, 1, 3, 5, 2]))
    np.testing.assert_array_equal(result.median_rank, [4, 1, 3, 5, 2])
    np.testing.assert_array_equal(result.p_top_k, [0, 1, 1, 0, 1])


def _run(matrix, weights, **kwargs):
    prep = prepare(matrix, method=kwargs.pop("method", "weighted_sum"), missing="renormalise")
    options = {"samples": 300, "concentration": 50.0, "top_k": 2, "seed": 5}
    options.update(kwargs)
    return rank_stability(prep, weights, **options)


def test_a_dominant_target_is_always_first():
    matrix = np.array([[1.0, 1.0], [0.5, 0.4], [0.4, 0.5]])
    result = _run(matrix, [1.0, 1.0])
    assert result.median_rank[0] == 1.0 and result.rank_p95[0] == 1.0 and result.p_top_k[0] == 1.0
    assert result.rank_p05[1] == 2.0 and result.rank_p95[1] == 3.0


def test_a_close_call_shows_a_wide_interval():
    matrix = np.array([[0.6, 0.4], [0.4, 0.6], [0.0, 0.0]])
    result = _run(matrix, [1.0, 1.0], top_k=1)
    assert result.rank_p05[0] == 1 and result.rank_p95[0] == 2
    assert 0.2 < result.p_top_k[0] < 0.8
    assert result.p_top_k[0] + result.p_top_k[1] == pytest.approx(1.0)


@pytest.mark.parametrize("method", ["weighted_sum", "geometric", "topsis", "pareto"])
def test_results_do_not_depend_on_chunk_size_or_threads(monkeypatch, method):
    rng = np.random.default_rng(0)
    matrix = rng.random((40, 5))
    matrix[rng.random((40, 5)) < 0.2] = np.nan
    weights = np.array([3.0, 1.0, 0.0, 2.0, 1.0])
    single = _run(matrix, weights, method=method, workers=1)
    monkeypatch.setattr(stability, "CHUNK_CELLS", 40 * 7)  # 7 samples per chunk
    chunked = _run(matrix, weights, method=method, workers=2)
    for name in ("median_rank", "rank_p05", "rank_p95", "p_top_k"):
        np.testing.assert_array_equal(getattr(chunked, name), getattr(single, name))


def test_same_seed_same_result_other_seed_other_draws():
    matrix = np.random.default_rng(1).random((30, 4))
    first, again, other = (_run(matrix, [1, 1, 1, 1], seed=s) for s in (11, 11, 12))
    np.testing.assert_array_equal(first.median_rank, again.median_rank)
    np.testing.assert_array_equal(first.p_top_k, again.p_top_k)
    assert not np.array_equal(first.p_top_k, other.p_top_k)


def test_no_samples_or_no_rows_gives_nan():
    result = _run(np.zeros((2, 2)), [1, 1], samples=0)
    assert np.all(np.isnan(result.median_rank))


@pytest.mark.parametrize("method", ["weighted_sum", "geometric", "topsis", "pareto"])
def test_a_target_without_data_ranks_last_in_every_draw_under_renormalise(method):
    matrix = np.array([[np.nan, np.nan], [0.2, 0.5], [0.5, 0.2], [np.nan, np.nan]])
    result = _run(matrix, [1.0, 1.0], method=method)
    # The two empty targets take the last two places (consecutive, in tie order) in every draw.
    np.testing.assert_array_equal(result.rank_p05[[0, 3]], [3, 4])
    np.testing.assert_array_equal(result.rank_p95[[0, 3]], [3, 4])
    assert np.all(result.rank_p95[[1, 2]] <= 2)


def test_too_many_draws_for_the_memory_budget_is_refused_with_the_field_named(monkeypatch):
    monkeypatch.setattr(stability, "MAX_RANK_CELLS", 1_000)
    with pytest.raises(ValueError, match="^stability_samples: 300 draws x 4 distinct targets"):
        _run(np.random.default_rng(0).random((4, 2)), [1, 1], samples=300)
