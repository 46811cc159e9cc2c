"""`gradcheck data`: the folders in order, the files with checksums, `--use DIR` for every command."""

import gzip
import hashlib
import json

import numpy as np
import pytest

from gradcheck.cli import main
from gradcheck.data import load_dataset, sources
from gradcheck.data.catalog import SPECS
from gradcheck.data.config import config_path, configured_data_dir, use_data_dir
from gradcheck.data.inventory import status
from gradcheck.errors import GradcheckError
from tests.data.data_writers import write_mnist


def test_use_persists_the_folder_for_every_command(tmp_path):
    val_labels = write_mnist(tmp_path / "mine" / "mnist", seed=5)[3]
    with pytest.raises(GradcheckError, match="data not found"):
        load_dataset("mnist", download=False)
    path = use_data_dir(tmp_path / "mine")
    assert path == config_path() and path.parent.name == "gradcheck"
    assert json.loads(path.read_text()) == {"data_dir": str(tmp_path / "mine")}
    assert [p.name for p in path.parent.iterdir()] == ["config.json"]  # no temp file left
    data = load_dataset("mnist", download=False, preprocess="scale")
    np.testing.assert_array_equal(data.y_val, val_labels)


def test_the_order_is_data_dir_environment_config_cache(tmp_path, monkeypatch):
    for d in ("arg", "env", "cfg"):
        (tmp_path / d).mkdir()
    use_data_dir(tmp_path / "cfg")
    monkeypatch.setenv("GRADCHECK_DATA", str(tmp_path / "env"))
    found = [(str(p), why) for p, why in sources.labelled(SPECS["mnist"], tmp_path / "arg")]
    assert found == [
        (str(tmp_path / "arg"), "--data-dir"),
        (str(tmp_path / "arg" / "mnist"), "--data-dir"),
        (str(tmp_path / "env"), "$GRADCHECK_DATA"),
        (str(tmp_path / "env" / "mnist"), "$GRADCHECK_DATA"),
        (str(tmp_path / "cfg"), "gradcheck data --use"),
        (str(tmp_path / "cfg" / "mnist"), "gradcheck data --use"),
        (str(sources.cache_root() / "mnist"), "user cache"),
    ]


def test_use_refuses_a_missing_folder_and_a_broken_config(tmp_path, capsys):
    assert main(["data", "--use", str(tmp_path / "nowhere")]) == 2
    assert "--use expects an existing folder" in capsys.readouterr().err
    config_path().parent.mkdir(parents=True)
    config_path().write_text("[1, 2")
    assert main(["data", "mnist"]) == 2
    err = capsys.readouterr().err
    assert "expected a JSON object" in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_checksums_are_the_files_and_a_wrong_file_fails(tmp_path):
    """Fake MNIST files: their own checksums are reported, and they do not match MNIST's."""
    write_mnist(tmp_path / "fake", seed=6)
    s = status("mnist", tmp_path / "fake")
    assert s.found == str(tmp_path / "fake") and not s.ok
    assert [f.name for f in s.files] == list(SPECS["mnist"].md5)
    for f in s.files:
        raw = (tmp_path / "fake" / f.name).read_bytes()
        assert f.sha256 == hashlib.sha256(raw).hexdigest() and f.size == len(raw)
        assert f.md5 == hashlib.md5(raw).hexdigest()
        assert f.matches is False and "differs" in f.detail


def test_a_recompressed_gz_of_the_right_data_matches(tmp_path, mnist_dir):
    """The real MNIST, recompressed: its .gz MD5 differs, its content has the published one."""
    s = status("mnist", mnist_dir)
    assert s.ok and all(f.matches for f in s.files)
    for f in s.files:
        content = gzip.decompress((mnist_dir / f.name).read_bytes())
        assert hashlib.md5(content).hexdigest() == f.expected_md5 == f.content_md5
        assert f.md5 != SPECS["mnist"].md5[f.name]  # the .gz itself is not the published one


def test_missing_dataset_says_how_to_get_it(capsys):
    assert main(["data", "cifar10", "--json"]) == 0
    (s,) = json.loads(capsys.readouterr().out)["result"]["datasets"]
    assert s["found"] is None and s["files"] == [] and s["ok"] is False
    assert "gradcheck train --dataset cifar10" in s["how"] and "gradcheck data --use" in s["how"]
    assert [f["source"] for f in s["folders"]] == ["user cache"]


def test_table_marks_the_folder_used(tmp_path, capsys):
    write_mnist(tmp_path / "d" / "mnist", seed=7)
    assert main(["data", "--use", str(tmp_path / "d")]) == 0
    assert f"every command now looks in {tmp_path / 'd'}" in capsys.readouterr().out
    assert main(["data", "mnist", "--no-color"]) == 1  # fake files: their MD5s differ
    out = capsys.readouterr().out
    assert "→" in out and "holds the files" in out and "differs" in out
    assert configured_data_dir() == tmp_path / "d"
