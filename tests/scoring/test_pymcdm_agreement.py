"""Weighted sum, weighted product and TOPSIS agree with pymcdm on complete random matrices."""

import numpy as np
import pytest
from pymcdm import normalizations
from pymcdm.methods import TOPSIS, WPM, WSM

from scoring import rank_matrix
from scoring.aggregation import GEOMETRIC_FLOOR

pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")


def _identity(x, cost=False):
    return x


def _problem(seed: int, rows: int = 25, cols: int = 7):
    rng = np.random.default_rng(seed)
    matrix = rng.uniform(GEOMETRIC_FLOOR, 1.0, size=(rows, cols))
    weights = rng.dirichlet(np.ones(cols))
    return matrix, weights, np.ones(cols, dtype=int)


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize(
    ("method", "reference"),
    [
        ("weighted_sum", WSM(normalization_function=_identity)),
        ("geometric", WPM(normalization_function=_identity)),
        ("topsis", TOPSIS(normalization_function=normalizations.vector_normalization)),
    ],
)
@pytest.mark.parametrize("missing", ["renormalise", "neutral", "zero"])  # no missing cells: policies agree
def test_scores_and_order_match_pymcdm(seed, method, reference, missing):
    matrix, weights, types = _problem(seed)
    ours = rank_matrix(matrix, weights, method=method, missing=missing)
    expected = reference(matrix, weights, types)
    np.testing.assert_allclose(ours.scores, expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(ours.order, np.argsort(-expected, kind="stable"))


@pytest.mark.parametrize("seed", range(5))
def test_topsis_ideal_ignores_ineligible_rows(seed):
    matrix, weights, types = _problem(seed)
    eligible = np.ones(len(matrix), dtype=bool)
    eligible[::3] = False
    ours = rank_matrix(matrix, weights, method="topsis", missing="zero", eligible=eligible)
    expected = TOPSIS(normalization_function=normalizations.vector_normalization)(matrix[eligible], weights, types)
    np.testing.assert_allclose(ours.scores[eligible], expected, rtol=1e-10)
