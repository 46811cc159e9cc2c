"""CIFAR-10 and CIFAR-100 binary versions, written here record by record as the official files."""

import numpy as np
import pytest

from gradcheck.data import cifar, load_dataset
from gradcheck.errors import GradcheckError
from tests.data.data_writers import cifar_records, tar_gz, write


def _records(rng, n: int, classes: tuple[int, ...]):
    """n random records: label bytes (n, k) and pixels (n, 3072)."""
    labels = np.stack([rng.integers(0, c, n) for c in classes], axis=1).astype(np.uint8)
    return labels, rng.integers(0, 256, (n, 3072), dtype=np.uint8)


def _cifar10_files(rng) -> tuple[dict[str, bytes], tuple[np.ndarray, ...]]:
    """The six batch files (2 records each, test 3) and the arrays they hold."""
    files, xs, ts = {}, [], []
    for i in range(1, 6):
        labels, pixels = _records(rng, 2, (10,))
        files[f"cifar-10-batches-bin/data_batch_{i}.bin"] = cifar_records(labels, pixels)
        xs.append(pixels)
        ts.append(labels[:, 0])
    labels, pixels = _records(rng, 3, (10,))
    files["cifar-10-batches-bin/test_batch.bin"] = cifar_records(labels, pixels)
    return files, (np.concatenate(xs), np.concatenate(ts), pixels, labels[:, 0])


def _write_all(folder, files: dict[str, bytes]) -> None:
    """Write each file under folder."""
    for name, data in files.items():
        write(folder / name, data)


def test_cifar10_unpacked_folder(tmp_path, rng):
    files, expected = _cifar10_files(rng)
    _write_all(tmp_path, files)
    for got, want in zip(cifar.read(tmp_path, "cifar10"), expected, strict=True):
        np.testing.assert_array_equal(got, want)


def test_cifar10_from_the_archive(tmp_path, rng):
    files, (x_train, t_train, x_val, t_val) = _cifar10_files(rng)
    tar_gz(tmp_path / "cifar-10-binary.tar.gz", files)
    data = load_dataset("cifar10", tmp_path, download=False, preprocess="scale")
    np.testing.assert_array_equal(data.x_train, x_train / 255)  # channel-major, as recorded
    np.testing.assert_array_equal(data.x_val, x_val / 255)
    np.testing.assert_array_equal(data.y_train, t_train)
    np.testing.assert_array_equal(data.y_val, t_val)
    assert data.n_classes == 10
    assert (tmp_path / "cifar-10-batches-bin" / "test_batch.bin").is_file()


@pytest.mark.parametrize(("labels", "column", "n_classes"), [("fine", 1, 100), ("coarse", 0, 20)])
def test_cifar100_fine_or_coarse(tmp_path, rng, labels, column, n_classes):
    t_train, x_train = _records(rng, 4, (20, 100))
    t_val, x_val = _records(rng, 2, (20, 100))
    write(tmp_path / "cifar-100-binary" / "train.bin", cifar_records(t_train, x_train))
    write(tmp_path / "cifar-100-binary" / "test.bin", cifar_records(t_val, x_val))
    data = load_dataset("cifar100", tmp_path, download=False, labels=labels)
    np.testing.assert_array_equal(data.y_train, t_train[:, column])
    np.testing.assert_array_equal(data.y_val, t_val[:, column])
    assert data.n_classes == n_classes
    assert f"{labels} labels" in data.description


def test_partial_record(tmp_path, rng):
    files, _ = _cifar10_files(rng)
    files["cifar-10-batches-bin/data_batch_2.bin"] += b"12345"
    _write_all(tmp_path, files)
    with pytest.raises(
        GradcheckError,
        match=r"data_batch_2.bin: 6151 bytes is not a whole number "
        r"of 3073-byte CIFAR records",
    ):
        cifar.read(tmp_path, "cifar10")


def test_label_out_of_range(tmp_path, rng):
    files, _ = _cifar10_files(rng)
    files["cifar-10-batches-bin/test_batch.bin"] = b"\x0a" + bytes(3072)
    _write_all(tmp_path, files)
    with pytest.raises(
        GradcheckError, match=r"test_batch.bin: label 10 out of range: expected 0..9"
    ):
        cifar.read(tmp_path, "cifar10")


def test_missing_batch(tmp_path, rng):
    files, _ = _cifar10_files(rng)
    del files["cifar-10-batches-bin/data_batch_3.bin"]
    _write_all(tmp_path, files)
    with pytest.raises(GradcheckError, match="data_batch_3.bin: cannot read"):
        cifar.read(tmp_path, "cifar10")


def test_coarse_labels_only_for_cifar100():
    with pytest.raises(GradcheckError, match="labels: cifar10 has fine labels, got 'coarse'"):
        load_dataset("cifar10", labels="coarse")
