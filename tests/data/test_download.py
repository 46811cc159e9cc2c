"""Downloads, with urllib.request.urlopen replaced by a fake that serves local files."""

import dataclasses
import gzip
import hashlib
import io
import time
import urllib.error
import urllib.request

import numpy as np
import pytest

from gradcheck.data import load_dataset
from gradcheck.data.catalog import IDX_FILES, SPECS
from gradcheck.data.download import DownloadError, fetch
from gradcheck.errors import GradcheckError
from tests.data.data_writers import cifar_records, tar_gz, write

REAL_URLOPEN = urllib.request.urlopen  # taken at import, before conftest blocks the network
MIRRORS = ["https://one.example/", "https://two.example/"]


class Stalling(io.BytesIO):
    """A response whose body never comes."""

    def __init__(self):
        super().__init__()
        self.headers = {}

    def read(self, size=-1):
        raise TimeoutError("timed out")


@pytest.fixture
def routes(monkeypatch):
    """URL -> local file, exception or response served by a fake urlopen; 'calls' lists URLs."""
    table = {"calls": []}

    def fake(url, timeout=None):
        table["calls"].append(url)
        target = table.get(url)
        if target is None:
            raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)
        if isinstance(target, BaseException):
            raise target
        return target if isinstance(target, io.IOBase) else REAL_URLOPEN(target.as_uri())

    monkeypatch.setattr(urllib.request, "urlopen", fake)
    return table


def _md5(path) -> str:
    """The MD5 hex digest of a file."""
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()


def test_success_puts_the_file_in_place(tmp_path, routes):
    source = write(tmp_path / "served.gz", b"some payload" * 1000)
    routes[MIRRORS[0] + "f.gz"] = source
    (tmp_path / "dl").mkdir()
    fetch([m + "f.gz" for m in MIRRORS], tmp_path / "dl" / "f.gz", _md5(source))
    assert (tmp_path / "dl" / "f.gz").read_bytes() == source.read_bytes()
    assert [p.name for p in (tmp_path / "dl").iterdir()] == ["f.gz"]  # no temporary left


def test_second_mirror_after_a_404(tmp_path, routes):
    source = write(tmp_path / "served.gz", b"payload")
    routes[MIRRORS[1] + "f.gz"] = source
    fetch([m + "f.gz" for m in MIRRORS], tmp_path / "f.gz", _md5(source))
    assert routes["calls"] == [MIRRORS[0] + "f.gz", MIRRORS[1] + "f.gz"]
    assert (tmp_path / "f.gz").read_bytes() == b"payload"


def test_checksum_mismatch_leaves_nothing(tmp_path, routes):
    source = write(tmp_path / "served.gz", b"tampered")
    routes.update({m + "f.gz": source for m in MIRRORS})
    (tmp_path / "dl").mkdir()
    with pytest.raises(DownloadError, match="differs from the published 0123"):
        fetch([m + "f.gz" for m in MIRRORS], tmp_path / "dl" / "f.gz", "0123" * 8)
    assert list((tmp_path / "dl").iterdir()) == []


def test_timeout_while_reading_leaves_nothing(tmp_path, routes):
    routes[MIRRORS[0] + "f.gz"] = Stalling()
    with pytest.raises(DownloadError, match="one.example/f.gz: timed out"):
        fetch([m + "f.gz" for m in MIRRORS], tmp_path / "f.gz", "0" * 32)
    assert list(tmp_path.iterdir()) == []
    assert len(routes["calls"]) == 1  # a timeout stops at once: no waiting on the next mirror


def test_timeout_gives_a_fast_one_line_error(tmp_path, routes):
    routes.update(
        {
            m + f: urllib.error.URLError(TimeoutError("timed out"))
            for m in SPECS["mnist"].mirrors
            for f in IDX_FILES
        }
    )
    start = time.perf_counter()
    with pytest.raises(GradcheckError) as info:
        load_dataset("mnist", tmp_path / "d")
    assert time.perf_counter() - start < 1
    message = str(info.value)
    assert "\n" not in message
    assert "download failed: https://ossci-datasets.s3.amazonaws.com/mnist/" in message
    for text in (*IDX_FILES, str(tmp_path / "d" / "mnist"), "GRADCHECK_DATA", "--data-dir"):
        assert text in message
    assert len(routes["calls"]) == 1
    assert not (tmp_path / "d").exists()  # the folders made for the download are gone again


def test_a_failed_download_keeps_folders_that_were_there(tmp_path, routes):
    routes.update(
        {
            m + f: urllib.error.URLError(TimeoutError("timed out"))
            for m in SPECS["mnist"].mirrors
            for f in IDX_FILES
        }
    )
    (tmp_path / "d").mkdir()
    with pytest.raises(GradcheckError):
        load_dataset("mnist", tmp_path / "d")
    assert (tmp_path / "d").is_dir() and not (tmp_path / "d" / "mnist").exists()


def test_offline_fashion_mentions_the_debian_package(routes, monkeypatch):
    offline = urllib.error.URLError(OSError(-3, "Temporary failure in name resolution"))
    monkeypatch.setitem(routes, SPECS["fashion-mnist"].mirrors[0] + IDX_FILES[0], offline)
    spec = dataclasses.replace(SPECS["fashion-mnist"], system_dirs=())
    monkeypatch.setitem(SPECS, "fashion-mnist", spec)
    with pytest.raises(GradcheckError, match="name resolution.*apt-get install dataset-fashion"):
        load_dataset("fashion-mnist")


def test_load_downloads_the_missing_files(tmp_path, routes, monkeypatch, mnist_dir):
    target = tmp_path / "d" / "mnist"
    labels = gzip.decompress((mnist_dir / IDX_FILES[1]).read_bytes())
    write(target / "train-labels-idx1-ubyte", labels)  # present uncompressed: not fetched
    for name in (IDX_FILES[0], *IDX_FILES[2:]):
        routes[SPECS["mnist"].mirrors[0] + name] = mnist_dir / name
        # the shared copies were recompressed: serve them under their own MD5
        monkeypatch.setitem(SPECS["mnist"].md5, name, _md5(mnist_dir / name))
    data = load_dataset("mnist", tmp_path / "d", preprocess="scale")
    assert len(routes["calls"]) == 3
    assert sorted(p.name for p in target.iterdir()) == sorted(
        [IDX_FILES[0], "train-labels-idx1-ubyte", *IDX_FILES[2:]]
    )
    assert np.bincount(data.y_val)[:3].tolist() == [980, 1135, 1032]
    load_dataset("mnist", tmp_path / "d", preprocess="scale")
    assert len(routes["calls"]) == 3  # found now: nothing fetched again


def test_cifar_download_then_unpack(tmp_path, routes, monkeypatch, rng):
    pixels = rng.integers(0, 256, (1, 3072), dtype=np.uint8)
    record = cifar_records(np.array([[7]], np.uint8), pixels)
    names = [f"data_batch_{i}.bin" for i in range(1, 6)] + ["test_batch.bin"]
    archive = tar_gz(
        tmp_path / "served.tar.gz", {f"cifar-10-batches-bin/{n}": record for n in names}
    )
    routes["https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"] = archive
    monkeypatch.setitem(SPECS["cifar10"].md5, "cifar-10-binary.tar.gz", _md5(archive))
    data = load_dataset("cifar10", preprocess="scale")
    np.testing.assert_array_equal(data.x_val, pixels / 255)
    assert data.y_train.tolist() == [7] * 5
    cache = tmp_path / "xdg-cache" / "gradcheck" / "cifar10"
    assert (cache / "cifar-10-binary.tar.gz").read_bytes() == archive.read_bytes()
    assert (cache / "cifar-10-batches-bin" / "test_batch.bin").is_file()
