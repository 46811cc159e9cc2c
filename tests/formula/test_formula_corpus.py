"""The corpus's Sigmoid classes (tests/corpus/, written from public course code, verdicts
checked there by plain numpy), which have no built-in: checked against the formula instead."""

import json
from pathlib import Path

import pytest

from gradcheck.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SIGMOIDS = [e for e in json.loads((CORPUS / "manifest.json").read_text()) if e["as"] == "Sigmoid"]


def test_the_corpus_has_correct_and_buggy_sigmoids():
    assert {e["correct"] for e in SIGMOIDS} == {True, False}


@pytest.mark.parametrize("entry", SIGMOIDS, ids=lambda e: f"{e['family']}:{e['class']}")
def test_each_sigmoid_gets_the_right_verdict(entry, monkeypatch, capsys):
    monkeypatch.chdir(CORPUS)
    code = main(
        ["verify", f"{entry['file']}:{entry['class']}", "--formula", "1/(1+exp(-x))", "--no-color"]
    )
    out = capsys.readouterr().out
    assert code == (0 if entry["correct"] else 1), out[-3000:]
    assert ("✓ PASS" if entry["correct"] else "✗ FAIL: bprop is wrong") in out
