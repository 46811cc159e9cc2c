"""The student corpus checked by itself: plain numpy, no gradcheck.

Every class of tests/corpus/manifest.json is loaded by path, as a student's file would be, and
driven through a small adapter for its convention (adapters.py). A class marked correct must
compute the exercise's formula in fprop (and stay finite at inputs × 1000 where the formula is
stable) and have a bprop equal to central differences of its own fprop, parameters included; a
buggy class must fail at least one of these.
"""

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent


def load_adapters():
    spec = importlib.util.spec_from_file_location("corpus_adapters", HERE / "adapters.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


adapters = load_adapters()
build, load_class, load_module, LOSSES = (
    adapters.build,
    adapters.load_class,
    adapters.load_module,
    adapters.LOSSES,
)
MANIFEST = json.loads((HERE / "manifest.json").read_text())
B, N = 3, 4  # batch size, width of activations and losses
H = 1e-6  # central-difference step (float64)


# ---------------------------------------------------------------- references


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(x):
    s = x - x.max(axis=-1, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=-1, keepdims=True))


def linear_wb(adapter, layout: str):
    """W as (n_in, n_out) and b as (n_out,), read from the class's own layout."""
    p = adapter.params()
    if layout == "in,out":
        return p[0], p[1].reshape(-1)
    if layout == "out,in":
        return p[0].T, p[1].reshape(-1)
    if layout == "folded-last":
        return p[0][:-1], p[0][-1]
    if layout == "folded-first":
        return p[0][1:], p[0][0]
    raise ValueError(layout)


def reference(entry: dict, adapter, x):
    """The exercise's formula for this module."""
    kind = entry["as"]
    if kind == "Linear":
        w, b = linear_wb(adapter, entry["convention"]["layout"])
        return x @ w + b
    return {
        "SoftMax": softmax,
        "LogSoftMax": log_softmax,
        "Tanh": np.tanh,
        "ReLU": lambda a: np.maximum(a, 0.0),
        "Sigmoid": lambda a: 1.0 / (1.0 + np.exp(-a)),
    }[kind](x)


LOG_PROBABILITIES = {
    "CrossEntropy": np.log,
    "CrossEntropyLog": lambda z: z,
    "SoftMax+CrossEntropy": log_softmax,
}


def per_sample_cost(kind: str, z, onehot):
    """-Σ_i t_i ln z_i, with ln z_i the input itself (CrossEntropyLog) or ln softmax (fused)."""
    return -(onehot * LOG_PROBABILITIES[kind](z)).sum(axis=-1)


def reduce(c, reduction: str):
    return {"mean": np.mean, "sum": np.sum}.get(reduction, lambda a: a)(c)


# ---------------------------------------------------------------- checks


def numgrad(f, a):
    """∂f/∂a by central differences, perturbing the array `a` in place."""
    g = np.zeros(a.shape)
    for i in np.ndindex(a.shape):
        old = a[i]
        a[i] = old + H
        up = f()
        a[i] = old - H
        down = f()
        a[i] = old
        g[i] = (up - down) / (2 * H)
    return g


def close(a, b) -> bool:
    """Same values; a (1, n) array and an (n,) one count as the same shape."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.squeeze(a).shape == np.squeeze(b).shape and np.allclose(
        np.squeeze(a), np.squeeze(b), rtol=1e-5, atol=1e-7
    )


def shapes(entry: dict):
    single = entry["convention"].get("batch") == "single"
    n_in, n_out = entry["args"] if entry["as"] == "Linear" else (N, N)
    return ((n_in,), (n_out,)) if single else ((B, n_in), (B, n_out))


def layer_problems(entry: dict) -> list[str]:
    """What differs from the formula or from finite differences; [] for a correct module."""
    a, rng = build(entry), np.random.default_rng(2)
    shape_in, shape_out = shapes(entry)
    a.fwd(rng.normal(size=shape_in))  # a first batch, as in training
    a.bwd(rng.normal(size=shape_out))
    x, v = rng.normal(size=shape_in), rng.normal(size=shape_out)
    problems = []
    if not close(a.fwd(x.copy()), reference(entry, a, x)):
        problems.append("fprop differs from the formula")
    if entry["as"] in ("SoftMax", "LogSoftMax"):
        big = 1000 * x
        with np.errstate(all="ignore"):
            y = a.fwd(big.copy())
        if not (np.all(np.isfinite(y)) and close(y, reference(entry, a, big))):
            problems.append("fprop unstable at inputs × 1000")
    xx = x.copy()
    fd_x = numgrad(lambda: np.sum(v * a.fwd(xx.copy())), xx)
    fd_p = [numgrad(lambda: np.sum(v * a.fwd(x.copy())), p) for p in a.params()]
    a.fwd(x.copy())
    dx, grads = a.bwd(v.copy())
    if not close(dx, fd_x):
        problems.append("grad_x differs from finite differences")
    if len(grads) != len(fd_p):
        problems.append(f"{len(grads)} parameter gradients for {len(fd_p)} parameters")
    problems += [
        f"gradient of parameter {k} differs from finite differences"
        for k, (g, fd) in enumerate(zip(grads, fd_p, strict=False))
        if not close(g, fd)
    ]
    return problems


def loss_problems(entry: dict) -> list[str]:
    a, rng = build(entry), np.random.default_rng(3)
    conv, kind = entry["convention"], entry["as"]
    shape = (N,) if conv.get("batch") == "single" else (B, N)
    labels = lambda: rng.integers(0, N) if len(shape) == 1 else rng.integers(0, N, B)
    inputs = {
        "CrossEntropy": softmax,
        "CrossEntropyLog": log_softmax,
        "SoftMax+CrossEntropy": lambda a: 2.0 * a,
    }[kind]
    a.grad(inputs(rng.normal(size=shape)), labels(), rng.uniform(0.5, 1.5, shape[:-1]))
    z, t, g = inputs(rng.normal(size=shape)), labels(), rng.uniform(0.5, 1.5, shape[:-1])
    problems = []
    expected = reduce(per_sample_cost(kind, z, np.eye(N)[t]), conv["reduction"])
    if not close(a.cost(z.copy(), t), expected):
        problems.append(f"cost differs from the formula ({conv['reduction']})")
    weigh = (lambda c: np.sum(g * c)) if conv["reduction"] == "per-sample" else np.sum
    zz = z.copy()
    fd = numgrad(lambda: weigh(a.cost(zz.copy(), t)), zz)
    if not close(a.grad(z.copy(), t, g.copy()), fd):
        problems.append("grad_z differs from finite differences")
    return problems


def problems(entry: dict) -> list[str]:
    return (loss_problems if entry["as"] in LOSSES else layer_problems)(entry)


def name(entry: dict) -> str:
    return f"{entry['file']}:{entry['class']}"


@pytest.mark.parametrize("entry", [e for e in MANIFEST if e["correct"]], ids=name)
def test_correct_class_matches_formula_and_finite_differences(entry):
    assert problems(entry) == []


@pytest.mark.parametrize("entry", [e for e in MANIFEST if not e["correct"]], ids=name)
def test_buggy_class_differs_somewhere(entry):
    assert problems(entry) != [], (
        f"{name(entry)} is listed as buggy ({entry['bug']}) but checks out"
    )


# ---------------------------------------------------------------- the manifest itself

KINDS = {
    "Linear",
    "SoftMax",
    "CrossEntropy",
    "Tanh",
    "LogSoftMax",
    "CrossEntropyLog",
    "ReLU",
    "Sigmoid",
    "SoftMax+CrossEntropy",
}
METHODS = {"fprop", "bprop", "forward", "backward", "back", "grad"}


def test_manifest_entries_are_complete():
    keys = {"file", "class", "as", "args", "correct", "bug", "family", "cwd", "notes", "convention"}
    for entry in MANIFEST:
        assert set(entry) == keys, name(entry)
        assert entry["as"] in KINDS and entry["file"].startswith(entry["family"] + "/"), name(entry)
        assert (entry["bug"] is None) == entry["correct"], name(entry)
        assert (entry["args"] != []) == (entry["as"] == "Linear"), name(entry)
    assert len({name(e) for e in MANIFEST}) == len(MANIFEST)
    assert sum(not e["correct"] for e in MANIFEST) >= 25


def test_every_module_class_of_the_corpus_is_in_the_manifest():
    """Unlisted classes are helpers: base classes of listed ones, or initialisers."""
    for file, cwd in {(e["file"], e["cwd"]) for e in MANIFEST}:
        module = load_module(file, cwd)
        listed = [load_class(e) for e in MANIFEST if e["file"] == file]
        ancestors = {base for cls in listed for base in cls.__mro__[1:]}
        for cls in vars(module).values():
            if isinstance(cls, type) and cls.__module__ == module.__name__ and cls not in listed:
                assert cls in ancestors or not METHODS & set(vars(cls)), f"{file}:{cls.__name__}"


def test_no_corpus_file_uses_gradcheck():
    for path in HERE.rglob("*.py"):
        if not path.name.startswith("test_"):
            assert "gradcheck" not in path.read_text(), path
