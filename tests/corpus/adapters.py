"""How the self-check reads each convention of the corpus: loading by path, and one adapter per
convention (not student code; test_corpus_selfcheck.py loads this file by path).

A layer adapter gives fwd(x) -> y, bwd(v) -> (dx, [gradient per parameter]) and params(), the live
parameter arrays; a loss adapter gives cost(z, labels) in the class's own reduction and
grad(z, labels, g), the gradient of Σ_b g_b c_b for per-sample costs, of the cost otherwise.
"""

import importlib
import importlib.util
import sys
from functools import cache
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
LOSSES = {"CrossEntropy", "CrossEntropyLog", "SoftMax+CrossEntropy"}
LR = 0.5  # learning rate handed to an SGD step taken inside backward


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
    parts = path.relative_to(HERE / cwd).with_suffix("").parts

    def ours(key: str) -> bool:
        return key == parts[0] or key.startswith(parts[0] + ".")

    saved = {key: sys.modules.pop(key) for key in list(sys.modules) if ours(key)}
    sys.path.insert(0, str(HERE / cwd))
    try:
        return importlib.import_module(".".join(parts))
    finally:  # leave no `mlp` behind: other tests import packages of the same name
        sys.path.remove(str(HERE / cwd))
        for key in [key for key in sys.modules if ours(key)]:
            del sys.modules[key]
        sys.modules.update(saved)


def load_class(entry: dict) -> type:
    return getattr(load_module(entry["file"], entry["cwd"]), entry["class"])


# ---------------------------------------------------------------- adapters, one per convention


class Layer:
    """fprop/bprop/params of one convention: fwd(x) -> y, bwd(v) -> (dx, [grad per param])."""

    def __init__(self, module, conv: dict):
        self.m, self.conv = module, conv

    def params(self) -> list:
        return [
            getattr(self.m, name)
            for name in self.conv.get("params", [])
            if getattr(self.m, name, None) is not None
        ]

    def attr_grads(self) -> list:
        return [getattr(self.m, name) for name in self.conv.get("grads", [])][: len(self.params())]


class Skeleton(Layer):
    def fwd(self, x):
        return self.m.fprop(x)

    def bwd(self, v):
        dx = self.m.bprop(v)  # first: some solutions store dW, db here
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


LAYERS = {
    "skeleton": Skeleton,
    "dicts": Dicts,
    "attrs": Attrs,
    "accumulate": Accumulate,
    "sgd": SgdInside,
    "mlp3": Mlp3,
    "lists": Lists,
}


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


LOSS_APIS = {
    "skeleton": SkeletonLoss,
    "set_target": SetTargetLoss,
    "forward": ForwardLoss,
    "call_grad": CallGradLoss,
    "target_first": TargetFirstLoss,
}


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
