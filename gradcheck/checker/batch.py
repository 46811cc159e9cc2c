"""The whole batch at once: bprop of one random incoming gradient g against g·J by FD.

Per-entry checks feed one-hot gradients for one sample at a time, so a bprop that mixes the
samples of a batch (a sum over axis 0 where axis 1 was meant) can pass them. Here
grad_x[b] = Σ_i g_bi ∂y_bi/∂x_b and grad_p = Σ_b Σ_i g_bi ∂y_bi/∂p, with the finite-difference
Jacobians already measured, held to the tolerance the per-entry one propagates to. A gradient
entry fed by a kink entry of the Jacobian (declared, or found by the ladder) is a kink too.
"""

from __future__ import annotations

import numpy as np

from gradcheck.checker.compare import compare, dense_label, judge
from gradcheck.checker.ladder import Contracted
from gradcheck.checker.result import TensorCheck
from gradcheck.checker.stepsize import Tolerance


def batch_gradients(
    module, x: np.ndarray, g: np.ndarray, fds: dict, tol: Tolerance, worst: int = 5
) -> tuple[TensorCheck, ...]:
    """fds: name -> (FD Jacobian, bprop's, its Ladder, kinks or None): "x" (B, M, N), params
    (B·M, P)."""
    g = g.astype(x.dtype)  # (B, M)
    module.fprop(x)
    grad_x = module.bprop(g)
    grads = [np.array(gr, dtype=np.float64) for gr in getattr(module, "grads", None) or []]
    found = []
    if grad_x is not None and "x" in fds:
        found.append(_grad_x(fds["x"], g, np.asarray(grad_x), tol, worst))
    params = [name for name in fds if name != "x"]
    for name, grad in zip(params, grads, strict=True):
        found.append(_grad_p(name, fds[name], g, grad, tol, worst))
    return tuple(found)


def _grad_x(fd, g, grad_x, tol, worst) -> TensorCheck:
    jac, _, ladder, _ = fd  # (B, M, N)
    b, _, n = jac.shape
    g64 = g.astype(np.float64)

    def contract(j):
        return np.einsum("bm,bmn->bn", g64, j)  # (B, N)

    scale = (
        np.broadcast_to(np.abs(g64).sum(axis=1, keepdims=True), (b, n)),
        np.einsum("bm,bmn->bn", np.abs(g64), np.abs(jac)),
    )
    lad = Contracted(
        ladder,
        contract,
        lambda j: np.einsum("bm,bmn->bn", np.abs(g64), j),
        lambda mask: np.broadcast_to(mask[:, None, :], jac.shape),
        (b, n),
    )
    return compare(
        "grad_x",
        contract(jac),
        grad_x,
        tol,
        dense_label((), (b, n)),
        shape=(b, n),
        kinks=_kinks(fd, tol).any(axis=1),
        worst=worst,
        ladder=lad,
        scale=scale,
    )


def _grad_p(name, fd, g, grad, tol, worst) -> TensorCheck:
    jac, _, ladder, _ = fd  # (B·M, P)
    r = g.astype(np.float64).ravel()  # (B·M,)

    def contract(j):
        return (r @ j).reshape(grad.shape)

    scale = (np.full(grad.shape, np.abs(r).sum()), (np.abs(r) @ np.abs(jac)).reshape(grad.shape))
    lad = Contracted(
        ladder,
        contract,
        lambda j: (np.abs(r) @ j).reshape(grad.shape),
        lambda mask: np.broadcast_to(mask.reshape(1, -1), jac.shape),
        grad.shape,
    )
    kinks = _kinks(fd, tol).any(axis=0).reshape(grad.shape)
    return compare(
        f"grad_{name}",
        contract(jac),
        grad,
        tol,
        dense_label((), grad.shape),
        shape=grad.shape,
        kinks=kinks,
        worst=worst,
        ladder=lad,
        scale=scale,
    )


def _kinks(fd, tol: Tolerance) -> np.ndarray:
    """The Jacobian's kink entries, as the per-entry comparison found them (no new fprop)."""
    jac, cand, ladder, kinks = fd
    return judge(jac, cand, tol, kinks=kinks, ladder=ladder)[2].reshape(jac.shape)
