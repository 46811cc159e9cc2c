"""The students' classes of tests/corpus/ (written independently, verdicts checked there by plain
numpy) through check_module / check_criterion alone, as a student's test would call them: every
correct class PASSES, every bprop mistake FAILS, with no symbolic reference to lean on."""

import json
import os
from pathlib import Path

import numpy as np
import pytest

from gradcheck.checker import check_criterion, check_module
from gradcheck.threeway.load import instantiate, load_class

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
# fprop mistakes with a bprop that matches them, or an overflow at large inputs only: finite
# differences of fprop agree with bprop, so only verify's symbolic reference and its stability
# check can see them (tests/reading/test_corpus_verdicts.py requires verify to FAIL them)
BEYOND_FD = {
    "SoftmaxNoMaxShift",
    "LogSoftmaxNoShift",
    "NLLLossMeanOverAllEntries",
    "NLLLossPositive",
}
ENTRIES = [
    e
    for e in json.loads((CORPUS / "manifest.json").read_text())
    if e["as"] != "SoftMax+CrossEntropy" and e["class"] not in BEYOND_FD
]


def _id(e) -> str:
    return f"{e['family']}/{Path(e['file']).name}:{e['class']}"


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_each_class_gets_the_right_verdict_from_the_checker(entry, monkeypatch):
    cwd = CORPUS / entry["cwd"] if entry.get("cwd") else CORPUS
    monkeypatch.chdir(cwd)
    np.random.seed(0)  # noqa: NPY002 - students' constructors draw from the global state
    path = os.path.relpath(CORPUS / entry["file"], cwd)
    module = instantiate(load_class(f"{path}:{entry['class']}"), tuple(entry["args"]))
    rng = np.random.default_rng(0)
    n = entry["args"][0] if entry["args"] else 5
    if entry["as"].startswith("CrossEntropy"):
        p = rng.dirichlet(np.ones(n), 3)
        z = p if entry["as"] == "CrossEntropy" else np.log(p)
        result = check_criterion(module, z, rng.integers(0, n, 3))
    else:
        result = check_module(module, rng.standard_normal((3, n)) * 2, rng=0)
    assert result.passed == entry["correct"], (entry["bug"], result)


def test_the_corpus_is_all_there():
    assert len(ENTRIES) == 110 and sum(e["correct"] for e in ENTRIES) == 69
