"""Where load_dataset looks: data_dir, GRADCHECK_DATA, the cache, Debian's folder, in that order."""

import dataclasses

import numpy as np
import pytest

from gradcheck.data import load_dataset, sources
from gradcheck.data.catalog import SPECS
from gradcheck.errors import GradcheckError
from tests.data.data_writers import write_mnist


def _val_labels(*args, **kwargs) -> np.ndarray:
    """The validation labels load_dataset finds (each test folder has its own)."""
    return load_dataset("mnist", *args, download=False, preprocess="scale", **kwargs).y_val


def test_data_dir_holding_the_files(tmp_path):
    train, _, _, val_labels = write_mnist(tmp_path / "here", seed=1)
    data = load_dataset("mnist", tmp_path / "here", download=False, preprocess="scale")
    np.testing.assert_array_equal(data.y_val, val_labels)
    np.testing.assert_array_equal(data.x_train, train.reshape(6, 784) / 255)


def test_data_dir_holding_a_dataset_subfolder(tmp_path):
    val_labels = write_mnist(tmp_path / "parent" / "mnist", seed=2)[3]
    np.testing.assert_array_equal(_val_labels(tmp_path / "parent"), val_labels)


def test_uncompressed_files(tmp_path):
    val_labels = write_mnist(tmp_path, seed=3, gz=False)[3]
    np.testing.assert_array_equal(_val_labels(tmp_path), val_labels)


@pytest.mark.parametrize("sub", ["", "mnist"])
def test_environment_variable(tmp_path, monkeypatch, sub):
    val_labels = write_mnist(tmp_path / "env" / sub, seed=4)[3]
    monkeypatch.setenv("GRADCHECK_DATA", str(tmp_path / "env"))
    np.testing.assert_array_equal(_val_labels(), val_labels)


def test_order_data_dir_then_environment_then_cache(tmp_path, monkeypatch):
    mine = write_mnist(tmp_path / "mine", seed=5)[3]
    env = write_mnist(tmp_path / "env", seed=6)[3]
    cache = write_mnist(tmp_path / "xdg-cache" / "gradcheck" / "mnist", seed=7)[3]
    monkeypatch.setenv("GRADCHECK_DATA", str(tmp_path / "env"))
    np.testing.assert_array_equal(_val_labels(tmp_path / "mine"), mine)
    np.testing.assert_array_equal(_val_labels(), env)
    monkeypatch.delenv("GRADCHECK_DATA")
    np.testing.assert_array_equal(_val_labels(), cache)


def test_cache_without_xdg_is_home_dot_cache(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME")
    val_labels = write_mnist(tmp_path / "home" / ".cache" / "gradcheck" / "mnist", seed=8)[3]
    np.testing.assert_array_equal(_val_labels(), val_labels)


def test_folder_missing_a_file_is_passed_over(tmp_path):
    write_mnist(tmp_path / "partial", seed=9)
    (tmp_path / "partial" / "t10k-labels-idx1-ubyte.gz").unlink()
    val_labels = write_mnist(tmp_path / "xdg-cache" / "gradcheck" / "mnist", seed=10)[3]
    np.testing.assert_array_equal(_val_labels(tmp_path / "partial"), val_labels)


def test_fashion_system_folder_comes_last(tmp_path, monkeypatch):
    spec = dataclasses.replace(SPECS["fashion-mnist"], system_dirs=(str(tmp_path / "sys"),))
    monkeypatch.setitem(SPECS, "fashion-mnist", spec)
    system = write_mnist(tmp_path / "sys", seed=11)[3]
    assert np.array_equal(load_dataset("fashion-mnist", download=False).y_val, system)
    cache = write_mnist(tmp_path / "xdg-cache" / "gradcheck" / "fashion-mnist", seed=12)[3]
    assert np.array_equal(load_dataset("fashion-mnist", download=False).y_val, cache)


def test_not_found_says_where_to_put_which_files(tmp_path, monkeypatch):
    monkeypatch.setenv("GRADCHECK_DATA", str(tmp_path / "env"))
    with pytest.raises(GradcheckError) as info:
        load_dataset("mnist", tmp_path / "mine", download=False)
    message = str(info.value)
    assert "\n" not in message
    for text in (
        "train-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
        "--data-dir",
        "GRADCHECK_DATA",
        str(tmp_path / "mine" / "mnist"),
        str(tmp_path / "env"),
        str(tmp_path / "xdg-cache" / "gradcheck" / "mnist"),
    ):
        assert text in message


def test_not_found_fashion_mentions_the_debian_package(monkeypatch):
    spec = dataclasses.replace(SPECS["fashion-mnist"], system_dirs=("/nonexistent/fashion",))
    monkeypatch.setitem(SPECS, "fashion-mnist", spec)
    with pytest.raises(GradcheckError, match="apt-get install dataset-fashion-mnist"):
        load_dataset("fashion-mnist", download=False)


def test_not_found_cifar_names_the_archive():
    with pytest.raises(GradcheckError, match=r"put cifar-100-binary\.tar\.gz \(or its unpacked"):
        load_dataset("cifar100", download=False)


def test_download_folder(tmp_path, monkeypatch):
    spec = SPECS["mnist"]
    assert sources.download_dir(spec) == tmp_path / "xdg-cache" / "gradcheck" / "mnist"
    monkeypatch.setenv("GRADCHECK_DATA", str(tmp_path / "env"))
    assert sources.download_dir(spec) == tmp_path / "env" / "mnist"
    assert sources.download_dir(spec, tmp_path / "d") == tmp_path / "d" / "mnist"
    assert sources.download_dir(spec, tmp_path / "mnist") == tmp_path / "mnist"
