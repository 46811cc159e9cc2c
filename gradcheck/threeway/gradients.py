"""The whole batch at once: bprop of one random incoming gradient g, parameter gradients summed
over the rows, against g contracted with the per-entry symbolic and FD Jacobians."""

from __future__ import annotations

import numpy as np

from gradcheck.checker.compare import dense_label
from gradcheck.threeway.jacobians import params_of
from gradcheck.threeway.three import Triple


def gradient_triples(module, x: np.ndarray, g: np.ndarray, triples: list[Triple]) -> list[Triple]:
    """grad_x and each parameter's gradient for g (B, M), three ways.

    grad_x[b] = g_b J_b (per sample), grad_p = Σ_b Σ_i g_bi ∂y_bi/∂p (summed over the batch).
    """
    module.fprop(x)
    grad_x = module.bprop(g)
    grads = [np.array(gr, dtype=np.float64) for gr in getattr(module, "grads", [])]
    by_name = {tr.name: tr for tr in triples}
    found = []
    if grad_x is not None and "x" in by_name:
        tr = by_name["x"]  # (B, M, N) blocks
        kinks = None if tr.kinks is None else tr.kinks.any(axis=1)  # (B, N)
        found.append(_contracted(tr, lambda j: np.einsum("bm,bmn->bn", g, j), grad_x, kinks))
    names = [tr.name for tr in triples if tr.name != "x"]
    for name, p, grad in zip(names, params_of(module), grads, strict=True):
        found.append(_contracted(by_name[name], lambda j, p=p: _times(g.ravel(), j, p.shape),
                                 grad))
    return found


def _times(g: np.ndarray, j, shape) -> np.ndarray:
    """g J for a dense (B·M, P) or row-sparse Jacobian, as the parameter's shape."""
    return (j.contract(g) if hasattr(j, "contract") else g @ j).reshape(shape)


def _contracted(tr: Triple, contract, bprop, kinks=None) -> Triple:
    """The gradient for one tensor: bprop's against the contracted symbolic and FD Jacobians."""
    shape = np.shape(bprop)
    sym = None if tr.sym is None else contract(tr.sym)
    refd = None if tr.refd is None else (lambda: contract(tr.refd()))
    return Triple(f"grad_{tr.name}", sym, np.asarray(bprop, np.float64), contract(tr.fd),
                  dense_label((), shape), shape, kinks, refd)
