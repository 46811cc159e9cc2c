"""The IDX reader against files written here in the official format, good and corrupt."""

import gzip
import struct

import numpy as np
import pytest

from gradcheck.data import IMAGES, LABELS, read_idx
from gradcheck.errors import GradcheckError
from tests.data.data_writers import idx_bytes, write


@pytest.fixture
def images():
    """A random (3, 4, 5) uint8 array."""
    return np.random.default_rng(1).integers(0, 256, (3, 4, 5), dtype=np.uint8)


@pytest.mark.parametrize("gz", [False, True])
def test_reads_raw_and_gzipped(tmp_path, images, gz):
    path = write(tmp_path / "x-images-idx3-ubyte.gz", idx_bytes(images), gz)
    got = read_idx(path, IMAGES)
    assert got.dtype == np.uint8
    np.testing.assert_array_equal(got, images)


def test_gzip_detected_by_magic_bytes_not_by_name(tmp_path, images):
    gz_without_suffix = write(tmp_path / "images", idx_bytes(images), gz=True)
    raw_with_suffix = write(tmp_path / "images.gz", idx_bytes(images), gz=False)
    np.testing.assert_array_equal(read_idx(gz_without_suffix, IMAGES), images)
    np.testing.assert_array_equal(read_idx(raw_with_suffix, IMAGES), images)


def test_labels(tmp_path):
    labels = np.array([7, 0, 9, 3], np.uint8)
    path = write(tmp_path / "labels", struct.pack(">II", 2049, 4) + labels.tobytes())
    np.testing.assert_array_equal(read_idx(path, LABELS), labels)


def _error(path, magic) -> str:
    """The one-line message of the GradcheckError that reading path raises."""
    with pytest.raises(GradcheckError) as info:
        read_idx(path, magic)
    message = str(info.value)
    assert str(path) in message
    assert "\n" not in message
    return message


def test_labels_file_read_as_images_is_wrong_magic(tmp_path):
    path = write(tmp_path / "labels", idx_bytes(np.zeros(4, np.uint8)))
    message = _error(path, IMAGES)
    assert "wrong magic number 0x00000801 (2049): expected 0x00000803 (2051" in message


def test_data_type_other_than_uint8_is_wrong_magic(tmp_path, images):
    path = write(tmp_path / "floats", idx_bytes(images, magic=0x0D03))  # 0x0d: float
    assert "wrong magic number 0x00000d03" in _error(path, IMAGES)


def test_too_short_for_magic(tmp_path):
    assert "too short for the 4-byte magic number" in _error(write(tmp_path / "x", b"\0\0"), LABELS)


def test_truncated_header(tmp_path):
    path = write(tmp_path / "x", struct.pack(">II", 2051, 3))
    assert "truncated: the header needs 16 bytes, file has 8" in _error(path, IMAGES)


def test_truncated_data(tmp_path, images):
    path = write(tmp_path / "x.gz", idx_bytes(images)[:-7], gz=True)
    assert "truncated: header says 3×4×5 = 60 bytes of pixels, file has 53" in _error(path, IMAGES)


def test_trailing_garbage(tmp_path, images):
    path = write(tmp_path / "x", idx_bytes(images) + b"junk")
    assert "trailing garbage: header says 3×4×5 = 60 bytes of pixels, file has 64" in _error(
        path, IMAGES
    )


def test_gzip_magic_with_junk(tmp_path):
    path = write(tmp_path / "x.gz", b"\x1f\x8b" + b"not really gzip at all")
    assert "bad gzip data" in _error(path, IMAGES)


def test_cut_gzip_stream(tmp_path, images):
    whole = gzip.compress(idx_bytes(images))
    path = write(tmp_path / "x.gz", whole[: len(whole) // 2])
    assert "bad gzip data" in _error(path, IMAGES)


def test_missing_file(tmp_path):
    assert "cannot read" in _error(tmp_path / "nothing.gz", IMAGES)


def test_real_mnist_header_with_1000_bytes_of_pixels(tmp_path, mnist_dir):
    real = gzip.decompress((mnist_dir / "train-images-idx3-ubyte.gz").read_bytes())
    path = write(tmp_path / "train-images-idx3-ubyte.gz", real[: 16 + 1000], gz=True)
    assert _error(path, IMAGES).endswith(
        "train-images-idx3-ubyte.gz: truncated: header says 60000×28×28 = 47040000 bytes of "
        "pixels, file has 1000"
    )
