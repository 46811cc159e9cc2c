"""Tiny seeded data for fast training tests: a Dataset in memory, or MNIST-format IDX files."""

import urllib.request

import numpy as np
import pytest

from gradcheck.data import Dataset
from tests.data.data_writers import idx_bytes, write


def blobs(n_train: int = 90, n_val: int = 30, dtype=np.float32, seed: int = 0) -> Dataset:
    """Three Gaussian blobs in 6 dimensions: learnable in a few epochs, not perfectly; float32
    by default, like the presets."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((3, 6)) * 1.5  # (C, D)
    y = rng.integers(0, 3, n_train + n_val)  # (N,)
    x = (centres[y] + rng.standard_normal((len(y), 6))).astype(dtype)  # (N, D)
    return Dataset(
        x[:n_train], y[:n_train], x[n_train:], y[n_train:], "blobs", 3, "three Gaussian blobs"
    )


@pytest.fixture
def tiny() -> Dataset:
    return blobs()


@pytest.fixture
def idx_dir(tmp_path):
    """A folder with the four MNIST files holding 60 training and 20 test images."""
    rng = np.random.default_rng(1)
    folder = tmp_path / "mnist"
    folder.mkdir()
    for split, n in (("train", 60), ("t10k", 20)):
        labels = rng.integers(0, 10, n)  # (N,)
        images = rng.integers(0, 40, (n, 28, 28)) + 20 * labels[:, None, None]  # (N, 28, 28)
        write(folder / f"{split}-images-idx3-ubyte.gz", idx_bytes(images), gz=True)
        write(folder / f"{split}-labels-idx1-ubyte.gz", idx_bytes(labels), gz=True)
    return folder


@pytest.fixture(autouse=True)
def no_downloads(tmp_path, monkeypatch):
    """No test may use the user's data cache or the network."""
    monkeypatch.delenv("GRADCHECK_DATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def refuse(url, *args, **kwargs):
        pytest.fail(f"a test tried to download {url}")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
