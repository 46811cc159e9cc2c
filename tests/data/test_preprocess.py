"""Scaling and standardization against hand calculations."""

import numpy as np
import pytest

from gradcheck.data import scale, standardize
from gradcheck.errors import GradcheckError

# Feature 0 = 0, 2, 4: mean 2, population std sqrt(8/3). Feature 1 constant 10: std 0 -> 1.
X_TRAIN = np.array([[0, 10], [2, 10], [4, 10]], np.uint8)
X_VAL = np.array([[6, 11]], np.uint8)
R = np.sqrt(1.5)  # 2 / sqrt(8/3)


def test_scale_by_hand():
    np.testing.assert_array_equal(scale(np.array([0, 51, 255], np.uint8)), [0.0, 0.2, 1.0])


def test_standardize_by_hand():
    train, val = standardize(X_TRAIN, X_VAL)
    np.testing.assert_allclose(train, [[-R, 0], [0, 0], [R, 0]], rtol=1e-15)
    np.testing.assert_allclose(val, [[2 * R, 1]], rtol=1e-15)  # (6-2)/sqrt(8/3), (11-10)/1


def test_standardize_ignores_scaling():
    train, val = standardize(X_TRAIN, X_VAL)
    scaled_train, scaled_val = standardize(scale(X_TRAIN), scale(X_VAL))
    np.testing.assert_allclose(scaled_train, train, atol=1e-12)
    np.testing.assert_allclose(scaled_val, val / np.array([1, 255]), atol=1e-12)  # constant: /1


def test_standardized_random_features(rng):
    x = rng.integers(0, 256, (50, 6)).astype(np.uint8)
    x[:, 2] = 7
    train, _ = standardize(x, x[:3])
    np.testing.assert_allclose(train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(train.std(axis=0), [1, 1, 0, 1, 1, 1], atol=1e-12)


@pytest.mark.parametrize("dtype", [np.float32, "float64"])
def test_dtype_as_asked(dtype):
    train, val = standardize(X_TRAIN, X_VAL, dtype)
    assert train.dtype == np.dtype(dtype) == val.dtype == scale(X_VAL, dtype).dtype


@pytest.mark.parametrize("dtype", [np.int64, np.float16, "complex128"])
def test_other_dtypes_refused(dtype):
    with pytest.raises(GradcheckError, match="dtype: expected float32 or float64"):
        scale(X_TRAIN, dtype)
