"""Rank statistics of `scoring.validation`: known values, scipy agreement, and general properties."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.validation import (
    average_ranks,
    bootstrap_auc_interval,
    kendall_tau_b,
    roc_auc,
    spearman,
    spearman_matrix,
    top_k_overlap,
    top_k_tau,
)

scipy_stats = pytest.importorskip("scipy.stats")


def test_midranks_share_the_mean_position_of_tied_values():
    np.testing.assert_array_equal(average_ranks([10, 20, 20, 5, 20]), [2, 4, 4, 1, 4])


def test_auc_known_values_count_a_tied_pair_as_half():
    assert roc_auc([0.9, 0.8, 0.1, 0.2], [1, 1, 0, 0]) == 1.0
    assert roc_auc([0.1, 0.2, 0.9, 0.8], [1, 1, 0, 0]) == 0.0
    # positives 0.5, 0.7 vs negatives 0.5, 0.3: pairs 0.5/0.5 tie (1/2), the other three are wins -> 3.5 / 4
    assert roc_auc([0.5, 0.7, 0.5, 0.3], [True, True, False, False]) == 0.875


def test_auc_needs_both_classes_and_no_missing_scores():
    with pytest.raises(ValueError, match="both classes"):
        roc_auc([0.1, 0.2], [1, 1])
    with pytest.raises(ValueError, match="NaN"):
        roc_auc([0.1, np.nan], [1, 0])


@given(st.lists(st.integers(0, 6), min_size=4, max_size=30), st.data())
def test_auc_matches_scipy_mann_whitney(scores, data):
    labels = data.draw(st.lists(st.booleans(), min_size=len(scores), max_size=len(scores)))
    y = np.array(labels)
    if y.all() or not y.any():
        return
    s = np.array(scores, dtype=float)
    u = scipy_stats.mannwhitneyu(s[y], s[~y]).statistic
    assert roc_auc(s, y) == pytest.approx(u / (y.sum() * (~y).sum()))


@settings(max_examples=60)
@given(st.lists(st.integers(0, 64), min_size=4, max_size=25), st.randoms(use_true_random=False))
def test_auc_invariant_to_monotone_transforms_and_flips_when_scores_are_reversed(scores, rnd):
    s = np.array(scores) / 64  # a grid, so strictly monotone transforms keep distinct values distinct in floats
    y = np.array([rnd.random() < 0.5 for _ in scores])
    y[0], y[1] = True, False
    auc = roc_auc(s, y)
    assert roc_auc(np.exp(3 * s) + 7, y) == pytest.approx(auc)
    assert roc_auc(s**3, y) == pytest.approx(auc)
    assert roc_auc(1 - s, y) == pytest.approx(1 - auc)


def test_bootstrap_interval_is_seeded_contains_the_auc_and_narrows_with_more_data():
    rng = np.random.default_rng(3)
    small = rng.normal(size=20) + np.r_[np.ones(10), np.zeros(10)]
    labels = np.r_[np.ones(10), np.zeros(10)].astype(bool)
    low, high = bootstrap_auc_interval(small, labels, samples=1000, seed=1)
    assert (low, high) == bootstrap_auc_interval(small, labels, samples=1000, seed=1)
    assert low <= roc_auc(small, labels) <= high
    big_labels = np.r_[np.ones(400), np.zeros(400)].astype(bool)
    big = rng.normal(size=800) + big_labels
    big_low, big_high = bootstrap_auc_interval(big, big_labels, samples=1000, seed=1)
    assert big_high - big_low < (high - low) / 2


def test_a_perfect_separation_has_a_degenerate_interval_at_one():
    assert bootstrap_auc_interval([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0], samples=200) == (1.0, 1.0)


@given(
    st.lists(st.one_of(st.integers(0, 5).map(float), st.just(math.nan)), min_size=3, max_size=25),
    st.randoms(use_true_random=False),
)
def test_spearman_pairwise_matches_scipy_on_complete_rows_and_is_symmetric(xs, rnd):
    x = np.array(xs)
    y = np.array([math.nan if rnd.random() < 0.2 else float(rnd.randint(0, 5)) for _ in xs])
    rho, pairs = spearman(x, y)
    assert (rho, pairs) == spearman(y, x) or (math.isnan(rho) and math.isnan(spearman(y, x)[0]))
    both = ~np.isnan(x) & ~np.isnan(y)
    assert pairs == both.sum()
    if pairs >= 3 and len(set(x[both])) > 1 and len(set(y[both])) > 1:
        assert rho == pytest.approx(scipy_stats.spearmanr(x[both], y[both]).statistic)
    else:
        assert math.isnan(rho)


@given(st.lists(st.floats(0, 1), min_size=3, max_size=20).filter(lambda v: len(set(v)) > 1))
def test_spearman_of_a_column_with_itself_is_one(values):
    assert spearman(values, values)[0] == pytest.approx(1.0)


def test_spearman_matrix_is_symmetric_with_pair_counts():
    matrix = np.array([[0.1, 0.9, np.nan], [0.2, 0.8, 0.5], [0.3, 0.7, 0.1], [0.4, np.nan, 0.3]])
    rho, pairs = spearman_matrix(matrix)
    np.testing.assert_array_equal(rho, rho.T)
    assert rho[0, 1] == pytest.approx(-1.0)
    assert pairs[0, 2] == 3 and pairs[1, 2] == 2 and math.isnan(rho[1, 2])  # 2 pairs < MIN_PAIRS


@given(st.lists(st.integers(0, 4), min_size=2, max_size=25), st.randoms(use_true_random=False))
def test_kendall_tau_b_matches_scipy_with_ties(xs, rnd):
    ys = [rnd.randint(0, 4) for _ in xs]
    expected = scipy_stats.kendalltau(xs, ys).statistic
    got = kendall_tau_b(xs, ys)
    assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)


@given(st.lists(st.integers(0, 60), min_size=1, max_size=30, unique=True), st.integers(1, 25))
def test_top_k_tau_is_one_for_identical_lists(items, k):
    assert top_k_tau(items, list(items), k) == 1.0
    assert top_k_overlap(items, list(items), k) == 1.0


def test_top_k_tau_places_targets_outside_a_list_at_k_plus_one():
    base = ["A", "B", "C", "D"]
    # D leaves the top 3 and E enters: union A B C E; ranks base 1 2 3 4(k+1), other 1 2 4(k+1) 3
    assert top_k_tau(base, ["A", "B", "E", "C"], 3) == pytest.approx(kendall_tau_b([1, 2, 3, 4], [1, 2, 4, 3]))
    assert top_k_overlap(base, ["A", "B", "E", "C"], 3) == pytest.approx(2 / 3)
    assert top_k_tau(["A", "B"], ["B", "A"], 2) == -1.0
    # Dropping to 4th or to 40th is the same for a top-3 comparison.
    assert top_k_tau(base, ["A", "B", "D", "C"], 3) == top_k_tau(base, ["A", "B", "D"] + list("EFGH") + ["C"], 3)


def test_top_k_tau_rejects_a_list_with_a_repeated_item():
    with pytest.raises(ValueError, match="twice"):
        top_k_tau(["A", "A"], ["A", "B"], 2)
