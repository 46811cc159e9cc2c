"""The corpus of students' modules (tests/corpus/, written from public sources independently of
the reading layer, its verdicts checked there by plain numpy): through `gradcheck verify` as a
student runs it, every correct class passes, every buggy one fails with a named cause."""

import json
import os
from pathlib import Path

import numpy as np
import pytest

from gradcheck.cli import main
from gradcheck.threeway import verify

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ENTRIES = [
    e for e in json.loads((CORPUS / "manifest.json").read_text()) if e["as"] != "Sigmoid"
]  # no built-in Sigmoid to check against yet


def _id(e) -> str:
    return f"{e['family']}/{Path(e['file']).name}:{e['class']}"


@pytest.fixture
def in_place(monkeypatch):
    def go(entry):
        cwd = CORPUS / entry["cwd"] if entry.get("cwd") else CORPUS
        monkeypatch.chdir(cwd)
        np.random.seed(0)  # noqa: NPY002 - their constructors use the global generator
        return os.path.relpath(CORPUS / entry["file"], cwd)

    return go


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_each_class_gets_the_right_verdict(entry, in_place, capsys):
    path = in_place(entry)
    argv = ["verify", f"{path}:{entry['class']}", "--as", entry["as"]]
    if entry["args"]:
        argv += ["--args", *map(str, entry["args"])]
    code = main(argv)
    out = capsys.readouterr()
    assert code == (0 if entry["correct"] else 1), out.out[-3000:] + out.err
    if not entry["correct"]:
        mv = verify(
            f"{path}:{entry['class']}", reference=entry["as"], args=tuple(entry["args"])
        ).results[0]
        assert mv.mistakes or mv.error or mv.triage not in ("crash",), mv
