"""load_dataset's arguments, the Dataset it returns, and a fast import."""

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gradcheck.data import load_dataset
from gradcheck.errors import GradcheckError
from tests.data.data_writers import write_mnist

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder(tmp_path):
    """A folder with a small MNIST-format dataset."""
    write_mnist(tmp_path, seed=1)
    return tmp_path


def test_description_says_source_and_preprocessing(folder):
    data = load_dataset("mnist", folder, download=False, preprocess="scale", dtype="float32")
    assert data.description == (
        f"mnist: 6 training and 4 validation inputs of 784 features, 10 classes, from {folder}; "
        "scale: x = pixel / 255; float32"
    )


def test_dataset_is_frozen(folder):
    data = load_dataset("mnist", folder, download=False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.x_train = np.zeros(1)


@pytest.mark.parametrize(
    ("kwargs", "why"),
    [
        (
            {"name": "mnist2"},
            "dataset: expected one of mnist, fashion-mnist, cifar10, cifar100, got ",
        ),
        ({"preprocess": "whiten"}, "preprocess: expected one of scale, standardize, got 'whiten'"),
        ({"labels": "coarse"}, "labels: mnist has fine labels, got 'coarse'"),
        ({"dtype": "int8"}, "dtype: expected float32 or float64, got int8"),
    ],
)
def test_bad_arguments(folder, kwargs, why):
    with pytest.raises(GradcheckError, match=why):
        load_dataset(**{"name": "mnist", "data_dir": folder, "download": False, **kwargs})


def test_wrong_label_in_a_file(tmp_path):
    write_mnist(tmp_path)
    labels = tmp_path / "t10k-labels-idx1-ubyte"
    labels.write_bytes(bytes([0, 0, 8, 1, 0, 0, 0, 4, 1, 2, 3, 10]))
    (tmp_path / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(GradcheckError, match=f"{labels}: label 10 out of range: expected 0..9"):
        load_dataset("mnist", tmp_path, download=False)


def test_labels_and_images_disagree(tmp_path):
    write_mnist(tmp_path, n=(6, 3))
    write_mnist(tmp_path / "other", n=(6, 4))
    (tmp_path / "other" / "t10k-labels-idx1-ubyte.gz").replace(
        tmp_path / "t10k-labels-idx1-ubyte.gz"
    )
    with pytest.raises(GradcheckError, match="4 labels for the 3 images of t10k-images"):
        load_dataset("mnist", tmp_path, download=False)


def test_import_loads_neither_rich_nor_sympy():
    code = (
        "import sys, gradcheck.data; "
        "print(sorted(m for m in ('rich', 'sympy') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "[]"
