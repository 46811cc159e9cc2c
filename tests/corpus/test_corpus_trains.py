"""The complete sets of families a, b, c train: softmax regressions made of their own classes.

Driven through the same adapters as the self-check (adapters.py), plain numpy, no gradcheck.
"""

import gzip
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
MANIFEST = json.loads((HERE / "manifest.json").read_text())
TRAINED_FAMILIES = ("skeleton", "cs231n", "torchlike")
SIX = {"Linear", "SoftMax", "CrossEntropy", "Tanh", "LogSoftMax", "CrossEntropyLog"}
PAIRS = [("SoftMax", "CrossEntropy"), ("LogSoftMax", "CrossEntropyLog")]


def load_adapters():
    spec = importlib.util.spec_from_file_location("corpus_adapters", HERE / "adapters.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = load_adapters().build


def pick(family: str, kind: str, file: str = "") -> dict:
    """A correct class of the family for `kind`, from `file` when it has one."""
    found = [e for e in MANIFEST if e["family"] == family and e["correct"] and e["as"] == kind]
    return next((e for e in found if e["file"] == file), found[0])


def regression(linear: dict, pair: tuple[str, str]):
    """Linear, activation and criterion of the linear's family, preferably from its file."""
    family, file = linear["family"], linear["file"]
    criterion = pick(family, pair[1], file)
    return (
        build(linear),
        build(pick(family, pair[0], file)),
        build(criterion),
        criterion["convention"]["reduction"],
    )


def sgd(model, x, labels, batches, lr: float) -> list[float]:
    """Minibatch gradient descent on the batch-mean cost; the mean cost of each step."""
    lin, act, cost, reduction = model
    costs = []
    for idx in batches:
        n = len(idx)
        z = act.fwd(lin.fwd(x[idx]))  # (n, classes)
        c = cost.cost(z.copy(), labels[idx])
        costs.append(float(np.mean(c)) if reduction != "sum" else c / n)
        g = np.full(n, 1.0 / n)  # (n,) d mean / d c_b
        dz = cost.grad(z.copy(), labels[idx], g) / (n if reduction == "sum" else 1)
        _, grads = lin.bwd(act.bwd(dz)[0])
        for p, dp in zip(lin.params(), grads, strict=True):
            p -= lr * np.reshape(dp, p.shape)
    return costs


def errors(model, x, labels) -> int:
    lin, act, _, _ = model
    return int(np.sum(np.argmax(act.fwd(lin.fwd(x)), axis=1) != labels))


LINEARS = [
    e for e in MANIFEST if e["family"] in TRAINED_FAMILIES and e["correct"] and e["as"] == "Linear"
]


def name(entry: dict) -> str:
    return f"{entry['file']}:{entry['class']}"


@pytest.mark.parametrize("pair", PAIRS, ids="+".join)
@pytest.mark.parametrize("linear", LINEARS, ids=name)
def test_complete_set_separates_four_blobs(linear, pair):
    rng = np.random.default_rng(4)
    labels = rng.integers(0, 4, 200)
    x = 4.0 * np.eye(4, 5)[labels] + rng.normal(size=(200, 5))  # (200, 5)
    model = regression(linear, pair)
    costs = sgd(model, x, labels, [np.arange(200)] * 150, lr=0.5)
    assert costs[-1] < costs[0] / 4 and errors(model, x, labels) < 10, (costs[0], costs[-1])


def test_families_a_b_c_have_all_six_modules():
    for family in TRAINED_FAMILIES:
        assert SIX <= {e["as"] for e in MANIFEST if e["family"] == family and e["correct"]}


def idx(path: Path, offset: int) -> np.ndarray:
    with gzip.open(path) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


@pytest.mark.slow
@pytest.mark.parametrize("family", TRAINED_FAMILIES)
def test_complete_set_trains_on_mnist(family, mnist_dir):
    """One epoch, batch 100, lr 0.5 from zero weights: fewer than 900 errors on 10,000."""
    x = idx(mnist_dir / "train-images-idx3-ubyte.gz", 16).reshape(-1, 784) / 255.0  # (60000, 784)
    labels = idx(mnist_dir / "train-labels-idx1-ubyte.gz", 8).astype(int)  # (60000,)
    model = regression(dict(pick(family, "Linear"), args=[784, 10]), PAIRS[0])
    for p in model[0].params():
        p[...] = 0.0
    batches = np.random.default_rng(0).permutation(50_000).reshape(-1, 100)
    sgd(model, x, labels, batches, lr=0.5)
    assert errors(model, x[50_000:], labels[50_000:]) < 900
