"""Linear: y = x W + b."""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.modules.module import Module
from gradcheck.modules.spec import Bug, Spec
from gradcheck.modules.validate import cached

INITS = ("xavier", "normal", "zeros")


class Linear(Module):
    """Affine map y = x W + b.

    fprop: y = x @ W + b                      # (B, n_in) @ (n_in, n_out) + (n_out,)
    bprop: grad_W = xᵀ g, grad_b = Σ_rows g, grad_x = g Wᵀ
    """

    formula = "y = x W + b"

    def __init__(
        self,
        n_in: int,
        n_out: int,
        *,
        init: str = "xavier",
        rng=None,
        dtype=np.float64,
        requires_input_grad: bool = True,
    ) -> None:
        super().__init__()
        if init not in INITS:
            raise GradcheckError(f"Linear init must be one of {', '.join(INITS)}, got {init!r}")
        dtype = np.dtype(dtype)
        if dtype.kind != "f":
            raise GradcheckError(f"Linear dtype must be a float type, got {dtype}")
        self.n_in, self.n_out, self.init = _width("n_in", n_in), _width("n_out", n_out), init
        self.requires_input_grad = requires_input_grad
        self.W = _init_weights(init, self.n_in, self.n_out, np.random.default_rng(rng), dtype)
        self.b = np.zeros(self.n_out, dtype)  # (n_out,)
        self.grad_W = np.zeros_like(self.W)  # (n_in, n_out)
        self.grad_b = np.zeros_like(self.b)  # (n_out,)
        self.params = [self.W, self.b]
        self.grads = [self.grad_W, self.grad_b]
        self.x: np.ndarray | None = None

    def fprop(self, x: np.ndarray) -> np.ndarray:
        self._input(x, self.n_in, finite=False)  # (B, n_in)
        if x.dtype != self.W.dtype:
            raise GradcheckError(
                f"Linear.fprop expects dtype {self.W.dtype} (its weights'), got {x.dtype}"
            )
        with np.errstate(over="ignore", invalid="ignore"):  # reported just below
            y = x @ self.W  # (B, n_out)
            y += self.b
        if not np.isfinite(y).all():  # a non-finite x shows here too, at 1/n_in of the cost
            self._input(x)  # names the bad input entry, if that is the cause
            raise GradcheckError(f"Linear.fprop output is not finite: {_cause(self, x)}")
        self.x = x
        return y

    def bprop(self, grad_y: np.ndarray) -> np.ndarray | None:
        x = cached(self.name, self.x)  # (B, n_in)
        self._grad(grad_y, x, (len(x), self.n_out))
        np.matmul(x.T, grad_y, out=self.grad_W)  # (n_in, n_out)
        np.sum(grad_y, axis=0, out=self.grad_b)  # (n_out,)
        return grad_y @ self.W.T if self.requires_input_grad else None  # (B, n_in)

    def __repr__(self) -> str:
        return f"Linear({self.n_in}, {self.n_out})"


def _width(name: str, n) -> int:
    """n as a positive integer (an int or numpy integer, not a bool or a float)."""
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
        raise GradcheckError(f"Linear {name} must be a positive integer, got {n!r}")
    return int(n)


def _init_weights(init: str, n_in: int, n_out: int, rng, dtype) -> np.ndarray:
    """Glorot uniform, normal with std 1/sqrt(n_in), or zeros."""
    if init == "zeros":
        return np.zeros((n_in, n_out), dtype)
    if init == "normal":
        return (rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)).astype(dtype)
    a = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-a, a, (n_in, n_out)).astype(dtype)


def _cause(lin: Linear, x: np.ndarray) -> str:
    """Why x W + b is not finite for a finite x: non-finite parameters, or overflow."""
    for name, p in (("W", lin.W), ("b", lin.b)):
        if not np.isfinite(p).all():
            return f"{name} holds {p[~np.isfinite(p)].flat[0]} (training diverged?)"
    return (
        f"overflow in {lin.W.dtype}: max |x| = {np.abs(x).max():.3g}, "
        f"max |W| = {np.abs(lin.W).max():.3g}"
    )


# Planted bugs: realistic mistakes the checks must catch, each with its expected triage.


class LinearTransposed(Linear):
    def bprop(self, grad_y):
        grad_x = super().bprop(grad_y)
        self.grad_W[...] = grad_y.T @ self.x
        return grad_x


class LinearFirstRowBias(Linear):
    def bprop(self, grad_y):
        grad_x = super().bprop(grad_y)
        self.grad_b[...] = grad_y[0]
        return grad_x


class LinearAccumulate(Linear):
    def bprop(self, grad_y):
        old = self.grad_W.copy()
        grad_x = super().bprop(grad_y)
        self.grad_W += old
        return grad_x


class LinearUntransposed(Linear):
    def bprop(self, grad_y):
        super().bprop(grad_y)
        return grad_y @ self.W


class LinearBiasMean(Linear):
    """grad_b the mean over the batch instead of the sum."""

    def bprop(self, grad_y):
        grad_x = super().bprop(grad_y)
        self.grad_b[...] = grad_y.mean(axis=0)
        return grad_x


class LinearNoBias(Linear):
    """fprop forgets + b; bprop is right for y = x W + b."""

    def fprop(self, x):
        y = super().fprop(x)
        return y - self.b  # (B, n_out)


SPEC = Spec(
    Linear,
    derivation="gradcheck.derivations.linear",
    facts=("∂y/∂x = Wᵀ, the same for every sample", "∂y_i/∂W_jk = 0 unless k = i", "∂y/∂b = I"),
    bugs=(
        Bug("linear-transposed", "weight gradient transposed: grad_W = gᵀ x", LinearTransposed),
        Bug(
            "linear-no-batch-sum",
            "grad_b of the first row only, not summed over the batch",
            LinearFirstRowBias,
        ),
        Bug(
            "linear-accumulate", "grad_W accumulated (+=) instead of overwritten", LinearAccumulate
        ),
        Bug("linear-grad-x-untransposed", "input gradient g W instead of g Wᵀ", LinearUntransposed),
        Bug("linear-bias-mean", "grad_b the mean over the batch, not the sum", LinearBiasMean),
        Bug(
            "linear-fprop-no-bias", "fprop forgets + b; bprop is right", LinearNoBias, "fprop-only"
        ),
    ),
    aliases=(
        "linear",
        "dense",
        "fullyconnected",
        "fc",
        "affine",
        "linearlayer",
        "denselayer",
        "affinelayer",
        "fullyconnectedlayer",
        "fclayer",
        "mylinear",
    ),
    hint="the weights grew until they overflowed: try a lower --lr",
    args=("n_in", "n_out"),
    params=("W", "b"),
)
