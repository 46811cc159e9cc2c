"""The student corpus checked by itself: plain numpy, no gradcheck.

Every class of tests/corpus/manifest.json is loaded by path, as a student's file would be, and
driven through a small adapter for its convention. A class marked correct must compute the
exercise's formula in fprop (and stay finite at inputs × 1000 where the formula is stable) and
have a bprop equal to central differences of its own fprop, parameters included; a buggy class
must fail at least one of these. Families a, b, c must also train a softmax regression.
"""

import importlib
import importlib.util
import json
import sys
from functools import cache
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
MANIFEST = json.loads((HERE / "manifest.json").read_text())
LOSSES = {"CrossEntropy", "CrossEntropyLog", "SoftMax+CrossEntropy"}
B, N = 3, 4            # batch size, width of activations and losses
H = 1e-6               # central-difference step (float64)
LR = 0.5               # learning rate handed to an SGD step taken inside backward


# ---------------------------------------------------------------- loading


@cache
def load_module(file: str, cwd: str | None):
    """Import a corpus file by path; inside a package, as part of it with `cwd` on sys.path."""
    path = HERE / file
    if cwd is None:
        name = "corpus_" + "_".join(path.relative_to(HERE).with_suffix("").parts)
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    root = str(HERE / cwd)
    sys.path.insert(0, root)
    try:
        return importlib.import_module(".".join(path.relative_to(HERE / cwd).with_suffix("").parts))
    finally:
        sys.path.remove(root)


def load_class(entry: dict) -> type:
    return getattr(load_module(entry["file"], entry["cwd"]), entry["class"])


# ---------------------------------------------------------------- adapters, one per convention


class Layer:
    """fprop/bprop/params of one convention: fwd(x) -> y, bwd(v) -> (dx, [grad per param])."""

    def __init__(self, module, conv: dict):
        self.m, self.conv = module, conv

    def params(self) -> list:
        return [getattr(self.m, name) for name in self.conv.get("params", [])
                if getattr(self.m, name, None) is not None]

    def attr_grads(self) -> list:
        return [getattr(self.m, name) for name in self.conv.get("grads", [])][: len(self.params())]


class Skeleton(Layer):
    def fwd(self, x):
        return self.m.fprop(x)

    def bwd(self, v):
        dx = self.m.bprop(v)                         # first: some solutions store dW, db here
        grads = self.m.get_grad_param(v)
        return dx, [] if grads is None else list(grads)


class Dicts(Layer):
    def params(self):
        return list(getattr(self.m, "params", {}).values())

    def fwd(self, x):
        return self.m.forward(x)

    def bwd(self, v):
        dx = self.m.backward(v)
        return dx, [self.m.grads[k] for k in getattr(self.m, "params", {})]


class Attrs(Layer):
    """forward/backward (or another pair of names), gradients left in attributes."""

    def fwd(self, x):
        return getattr(self.m, self.conv.get("fprop", "forward"))(x)

    def bwd(self, v):
        dx = getattr(self.m, self.conv.get("bprop", "backward"))(v)
        return dx, self.attr_grads()


class Accumulate(Attrs):
    """Gradients summed with +=: zero_grad() before every backward, as the training loop does."""

    def bwd(self, v):
        self.m.zero_grad()
        return super().bwd(v)


class SgdInside(Attrs):
    """backward(grad, lr) updates the parameters: grad = (before - after) / lr, then restored."""

    def bwd(self, v):
        names = [n for n in self.conv.get("params", []) if getattr(self.m, n, None) is not None]
        before = [getattr(self.m, n).copy() for n in names]
        dx = self.m.backward(v, LR)
        grads = [(b - getattr(self.m, n)) / LR for n, b in zip(names, before, strict=True)]
        for n, b in zip(names, before, strict=True):
            getattr(self.m, n)[...] = b
        return dx, grads


class Mlp3(Layer):
    """Edinburgh mlp: fprop(inputs), bprop(inputs, outputs, grads), grads_wrt_params(inputs, grads)."""

    def params(self):
        return list(getattr(self.m, "params", []))

    def fwd(self, x):
        self.x, self.y = x, self.m.fprop(x)
        return self.y

    def bwd(self, v):
        dx = self.m.bprop(self.x, self.y, v)
        return dx, list(self.m.grads_wrt_params(self.x, v)) if self.params() else []


class Lists(Layer):
    """fprop/bprop with params and grads lists."""

    def params(self):
        return list(getattr(self.m, "params", []))

    def fwd(self, x):
        return self.m.fprop(x)

    def bwd(self, v):
        return self.m.bprop(v), list(getattr(self.m, "grads", []))


LAYERS = {"skeleton": Skeleton, "dicts": Dicts, "attrs": Attrs, "accumulate": Accumulate,
          "sgd": SgdInside, "mlp3": Mlp3, "lists": Lists}


class Loss:
    """cost(z, t) in the class's own reduction; grad(z, t, g): gradient of Σ g c (per-sample) or c."""

    def __init__(self, module, conv: dict):
        self.m, self.conv = module, conv

    def target(self, labels, n):
        return np.eye(n)[labels] if self.conv["target"] == "one-hot" else labels


class SkeletonLoss(Loss):
    def cost(self, z, t):
        self.m.set_targets(self.target(t, z.shape[-1]))
        return self.m.fprop(z)

    def grad(self, z, t, g):
        self.cost(z, t)
        return self.m.bprop(g)


class SetTargetLoss(Loss):
    def cost(self, z, t):
        self.m.set_target(self.target(t, z.shape[-1]))
        return self.m.fprop(z)

    def grad(self, z, t, g):
        self.cost(z, t)
        return self.m.bprop()


class ForwardLoss(Loss):
    """forward(z, t) then backward() without arguments."""

    def cost(self, z, t):
        return self.m.forward(z, self.target(t, z.shape[-1]))

    def grad(self, z, t, g):
        self.cost(z, t)
        return self.m.backward()


class CallGradLoss(Loss):
    """__call__(outputs, targets) and grad(outputs, targets)."""

    def cost(self, z, t):
        return self.m(z, self.target(t, z.shape[-1]))

    def grad(self, z, t, g):
        return self.m.grad(z, self.target(t, z.shape[-1]))


class TargetFirstLoss(Loss):
    """forward(y_true, y_pred) and backward(y_true, y_pred)."""

    def cost(self, z, t):
        return self.m.forward(self.target(t, z.shape[-1]), z)

    def grad(self, z, t, g):
        return self.m.backward(self.target(t, z.shape[-1]), z)


LOSS_APIS = {"skeleton": SkeletonLoss, "set_target": SetTargetLoss, "forward": ForwardLoss,
             "call_grad": CallGradLoss, "target_first": TargetFirstLoss}


def build(entry: dict):
    """The class instantiated with its args, parameters set from a seeded generator."""
    conv = entry["convention"]
    module = load_class(entry)(*entry["args"])
    if entry["as"] in LOSSES:
        return LOSS_APIS[conv["api"]](module, conv)
    if conv.get("init"):
        getattr(module, conv["init"])()
    adapter = LAYERS[conv["api"]](module, conv)
    rng = np.random.default_rng(1)
    for p in adapter.params():
        p[...] = rng.normal(0.0, 0.5, p.shape)
    return adapter


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
    return {"SoftMax": softmax, "LogSoftMax": log_softmax, "Tanh": np.tanh,
            "ReLU": lambda a: np.maximum(a, 0.0),
            "Sigmoid": lambda a: 1.0 / (1.0 + np.exp(-a))}[kind](x)


LOG_PROBABILITIES = {"CrossEntropy": np.log, "CrossEntropyLog": lambda z: z,
                     "SoftMax+CrossEntropy": log_softmax}


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
    return (np.squeeze(a).shape == np.squeeze(b).shape
            and np.allclose(np.squeeze(a), np.squeeze(b), rtol=1e-5, atol=1e-7))


def shapes(entry: dict):
    single = entry["convention"].get("batch") == "single"
    n_in, n_out = entry["args"] if entry["as"] == "Linear" else (N, N)
    return ((n_in,), (n_out,)) if single else ((B, n_in), (B, n_out))


def layer_problems(entry: dict) -> list[str]:
    """What differs from the formula or from finite differences; [] for a correct module."""
    a, rng = build(entry), np.random.default_rng(2)
    shape_in, shape_out = shapes(entry)
    a.fwd(rng.normal(size=shape_in))                   # a first batch, as in training
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
    problems += [f"gradient of parameter {k} differs from finite differences"
                 for k, (g, fd) in enumerate(zip(grads, fd_p, strict=False)) if not close(g, fd)]
    return problems


def loss_problems(entry: dict) -> list[str]:
    a, rng = build(entry), np.random.default_rng(3)
    conv, kind = entry["convention"], entry["as"]
    shape = (N,) if conv.get("batch") == "single" else (B, N)
    labels = lambda: rng.integers(0, N) if len(shape) == 1 else rng.integers(0, N, B)
    inputs = {"CrossEntropy": softmax, "CrossEntropyLog": log_softmax,
              "SoftMax+CrossEntropy": lambda a: 2.0 * a}[kind]
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
    assert problems(entry) != [], f"{name(entry)} is listed as buggy ({entry['bug']}) but checks out"


# ---------------------------------------------------------------- the complete sets train


TRAINED_FAMILIES = ("skeleton", "cs231n", "torchlike")


def pick(family: str, kind: str, file: str) -> dict:
    """A correct class of the family for `kind`, from `file` when it has one."""
    found = [e for e in MANIFEST if e["family"] == family and e["correct"] and e["as"] == kind]
    return next((e for e in found if e["file"] == file), found[0])


def train(linear: dict, activation: dict, criterion: dict, steps: int = 150, lr: float = 0.5):
    """Full-batch gradient descent on 4 Gaussian blobs in 5-D; (first cost, last cost, accuracy)."""
    rng = np.random.default_rng(4)
    labels = rng.integers(0, 4, 200)
    x = 4.0 * np.eye(4, 5)[labels] + rng.normal(size=(200, 5))              # (200, 5)
    lin, act, cost = build(linear), build(activation), build(criterion)
    reduction = criterion["convention"]["reduction"]
    to_mean = {"per-sample": np.mean, "mean": float, "sum": lambda c: c / len(labels)}[reduction]
    g = np.full(len(labels), 1.0 / len(labels))                             # (200,) d mean / d c_b
    scale = 1.0 / len(labels) if reduction == "sum" else 1.0
    costs = []
    for _ in range(steps):
        z = act.fwd(lin.fwd(x.copy()))                                      # (200, 4)
        costs.append(to_mean(cost.cost(z.copy(), labels)))
        _, grads = lin.bwd(act.bwd(scale * cost.grad(z.copy(), labels, g))[0])
        for p, dp in zip(lin.params(), grads, strict=True):
            p -= lr * np.reshape(dp, p.shape)
    accuracy = np.mean(np.argmax(act.fwd(lin.fwd(x.copy())), axis=1) == labels)
    return costs[0], costs[-1], accuracy


LINEARS = [e for e in MANIFEST if e["family"] in TRAINED_FAMILIES and e["correct"]
           and e["as"] == "Linear"]


@pytest.mark.parametrize("pair", [("SoftMax", "CrossEntropy"), ("LogSoftMax", "CrossEntropyLog")])
@pytest.mark.parametrize("linear", LINEARS, ids=name)
def test_complete_set_trains_a_softmax_regression(linear, pair):
    family, file = linear["family"], linear["file"]
    first, last, accuracy = train(linear, pick(family, pair[0], file), pick(family, pair[1], file))
    assert last < first / 4 and accuracy > 0.95, (first, last, accuracy)


def test_families_a_b_c_have_all_six_modules():
    for family in TRAINED_FAMILIES:
        kinds = {e["as"] for e in MANIFEST if e["family"] == family and e["correct"]}
        assert {"Linear", "SoftMax", "CrossEntropy", "Tanh", "LogSoftMax",
                "CrossEntropyLog"} <= kinds, family


# ---------------------------------------------------------------- the manifest itself

KINDS = {"Linear", "SoftMax", "CrossEntropy", "Tanh", "LogSoftMax", "CrossEntropyLog", "ReLU",
         "Sigmoid", "SoftMax+CrossEntropy"}
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
        if path.name != Path(__file__).name:
            assert "gradcheck" not in path.read_text(), path
