"""A cheap fingerprint of a dataset, so that a checkpoint resumes only on its own data."""

from __future__ import annotations

import hashlib

import numpy as np

from gradcheck.data import Dataset

SAMPLE = 64  # input rows hashed per split, evenly spaced


def data_fingerprint(data: Dataset) -> str:
    """sha256 of each split's shape, dtype and labels, and of SAMPLE evenly spaced input rows.

    A few hundred KB hashed for MNIST (the 70,000 labels dominate): other files under the same
    dataset name, or another preprocessing, change it.
    """
    h = hashlib.sha256()
    for x, y in ((data.x_train, data.y_train), (data.x_val, data.y_val)):
        h.update(f"{x.shape} {x.dtype} {len(y)};".encode())
        h.update(np.ascontiguousarray(y, dtype=np.int64).tobytes())  # (N,)
        if len(x):
            rows = np.unique(np.linspace(0, len(x) - 1, SAMPLE).astype(np.int64))  # (S,)
            h.update(np.ascontiguousarray(x[rows]).tobytes())  # (S, D)
    return h.hexdigest()
