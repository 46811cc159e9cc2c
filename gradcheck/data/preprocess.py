"""Pixel preprocessing: scale to [0, 1], or standardize with the training set's statistics."""

import numpy as np

from gradcheck.errors import GradcheckError

DTYPES = (np.dtype(np.float32), np.dtype(np.float64))
TEXT = {
    "scale": "scale: x = pixel / 255",
    "standardize": "standardize: x = (pixel - mean) / std per feature, mean and population std "
    "(ddof=0) of the training set, std 0 (constant feature) replaced by 1",
}


def float_dtype(dtype) -> np.dtype:
    """The dtype, checked to be float32 or float64."""
    dt = np.dtype(dtype)
    if dt not in DTYPES:
        raise GradcheckError(f"dtype: expected float32 or float64, got {dt}")
    return dt


def scale(x: np.ndarray, dtype=np.float64) -> np.ndarray:
    """Pixels 0..255 to [0, 1]: x / 255, computed in float64."""
    return (np.asarray(x, np.float64) / 255.0).astype(float_dtype(dtype), copy=False)


def train_stats(x_train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-feature mean and population std of the training set, std 0 replaced by 1."""
    x = np.asarray(x_train, np.float64)  # (N, D); sums of uint8 are exact, so constants give 0
    std = x.std(axis=0)
    return x.mean(axis=0), np.where(std == 0, 1.0, std)


def standardize(x_train: np.ndarray, x_val: np.ndarray, dtype=np.float64):
    """Both sets minus the training mean, over the training std; scaling x first changes nothing."""
    dt = float_dtype(dtype)
    mean, std = train_stats(x_train)
    return tuple(
        ((np.asarray(x, np.float64) - mean) / std).astype(dt, copy=False) for x in (x_train, x_val)
    )


def preprocess(how: str, x_train: np.ndarray, x_val: np.ndarray, dtype=np.float64):
    """Training and validation inputs after the named preprocessing."""
    if how == "scale":
        return scale(x_train, dtype), scale(x_val, dtype)
    if how == "standardize":
        return standardize(x_train, x_val, dtype)
    raise GradcheckError(f"preprocess: expected one of {', '.join(TEXT)}, got {how!r}")
