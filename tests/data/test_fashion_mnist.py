"""Debian's Fashion-MNIST (package dataset-fashion-mnist), found without being told where."""

import hashlib
import struct
from pathlib import Path

import numpy as np
import pytest

from gradcheck.data import IMAGES, LABELS, load_dataset, read_idx

FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")
# sha256 of the decompressed official files, as recorded by several public projects
# (e.g. ones that first check the gzip MD5s published by Zalando).
SHA256 = {
    "train-images-idx3-ubyte.gz": "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    "train-labels-idx1-ubyte.gz": "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    "t10k-images-idx3-ubyte.gz": "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    "t10k-labels-idx1-ubyte.gz": "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
}

pytestmark = pytest.mark.skipif(
    not FASHION_DIR.is_dir(), reason=f"{FASHION_DIR} absent: apt-get install dataset-fashion-mnist"
)


@pytest.mark.parametrize("name", SHA256)
def test_arrays_are_the_published_bytes(name):
    array = read_idx(FASHION_DIR / name, IMAGES if "images" in name else LABELS)
    assert len(array) == (60000 if name.startswith("train") else 10000)
    header = struct.pack(f">I{array.ndim}I", 0x0800 | array.ndim, *array.shape)
    assert hashlib.sha256(header + array.tobytes()).hexdigest() == SHA256[name]


def test_found_in_the_debian_folder():
    data = load_dataset("fashion-mnist", preprocess="scale", dtype="float32")
    assert str(FASHION_DIR) in data.description
    assert data.x_train.shape == (60000, 784)
    assert data.x_val.shape == (10000, 784)
    assert np.bincount(data.y_train).tolist() == [6000] * 10  # balanced by construction
    assert np.bincount(data.y_val).tolist() == [1000] * 10
