"""The real MNIST beside the repo, checked against the facts in shared/data/README.md."""

import hashlib
import struct
from pathlib import Path

import numpy as np
import pytest

from gradcheck.data import IMAGES, LABELS, load_dataset, read_idx

# shared/data/README.md: sha256 of each decompressed IDX file, and the label counts 0-9.
SHA256 = {
    "train-images-idx3-ubyte.gz": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte.gz": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte.gz": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte.gz": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}
TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
SHAPES = {
    "train-images-idx3-ubyte.gz": (60000, 28, 28),
    "t10k-images-idx3-ubyte.gz": (10000, 28, 28),
    "train-labels-idx1-ubyte.gz": (60000,),
    "t10k-labels-idx1-ubyte.gz": (10000,),
}


MNIST_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "mnist"  # as tests/conftest


@pytest.fixture(scope="module")
def mnist():
    """The real MNIST, standardized, float64, loaded once for the module."""
    return load_dataset("mnist", MNIST_DIR, download=False)


@pytest.mark.parametrize("name", SHA256)
def test_arrays_are_the_published_bytes(mnist_dir, name):
    array = read_idx(mnist_dir / name, IMAGES if "images" in name else LABELS)
    assert array.shape == SHAPES[name]
    header = struct.pack(f">I{array.ndim}I", 0x0800 | array.ndim, *array.shape)
    assert hashlib.sha256(header + array.tobytes()).hexdigest() == SHA256[name]


def test_label_counts(mnist):
    assert np.bincount(mnist.y_train).tolist() == TRAIN_COUNTS
    assert np.bincount(mnist.y_val).tolist() == TEST_COUNTS


def test_dataset_shapes_and_types(mnist):
    assert mnist.x_train.shape == (60000, 784)
    assert mnist.x_val.shape == (10000, 784)
    assert mnist.x_train.dtype == np.float64
    assert mnist.y_train.dtype == np.int64
    assert (mnist.name, mnist.n_classes) == ("mnist", 10)
    assert "standardize" in mnist.description
    assert "60000 training" in mnist.description


def test_standardized_features_have_mean_0_std_1(mnist):
    std = mnist.x_train.std(axis=0)
    constant = std == 0
    assert 0 < constant.sum() < 784  # the always-blank border pixels
    assert np.all(mnist.x_train[:, constant] == 0)
    np.testing.assert_allclose(mnist.x_train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(std[~constant], 1, rtol=1e-9)  # rare pixels: few nonzeros


def test_validation_uses_training_statistics(mnist, mnist_dir):
    raw_val = read_idx(mnist_dir / "t10k-images-idx3-ubyte.gz", IMAGES).reshape(10000, 784)
    raw_train = read_idx(mnist_dir / "train-images-idx3-ubyte.gz", IMAGES).reshape(60000, 784)
    pixel = 14 * 28 + 14  # the centre, never constant
    column = raw_train[:, pixel].astype(np.float64)
    expected = (raw_val[:, pixel] - column.mean()) / column.std()
    np.testing.assert_allclose(mnist.x_val[:, pixel], expected, rtol=1e-12)


def test_scaled_float32(mnist_dir):
    data = load_dataset("mnist", mnist_dir, download=False, preprocess="scale", dtype=np.float32)
    assert data.x_train.dtype == np.float32
    assert data.x_val.dtype == np.float32
    assert data.x_train.min() == 0
    assert data.x_train.max() == 1


def test_found_through_parent_folder_in_env(mnist_dir, monkeypatch):
    monkeypatch.setenv("GRADCHECK_DATA", str(mnist_dir.parent))  # shared/data holds mnist/
    data = load_dataset("mnist", download=False, preprocess="scale")
    assert str(mnist_dir) in data.description
    assert np.bincount(data.y_val).tolist() == TEST_COUNTS
