"""The whole batch at once: bprop of one random incoming gradient g, parameter gradients summed
over the rows, against g contracted with the per-entry symbolic and FD Jacobians."""

from __future__ import annotations

import numpy as np

from gradcheck.checker.compare import dense_label
from gradcheck.checker.ladder import Contracted
from gradcheck.checker.sparse import RowSparse
from gradcheck.checker.stepsize import tolerance
from gradcheck.threeway.jacobians import params_of
from gradcheck.threeway.three import Triple, found_kinks


def gradient_triples(module, x: np.ndarray, g: np.ndarray, triples: list[Triple]) -> list[Triple]:
    """grad_x and each parameter's gradient for g (B, M), three ways.

    grad_x[b] = g_b J_b (per sample), grad_p = Σ_b Σ_i g_bi ∂y_bi/∂p (summed over the batch).
    An entry fed by a kink entry of the per-entry Jacobian is a kink.
    """
    tol = tolerance(x.dtype)
    module.fprop(x)
    grad_x = module.bprop(g)
    grads = [np.array(gr, dtype=np.float64) for gr in getattr(module, "grads", [])]
    by_name = {tr.name: tr for tr in triples}
    found = []
    if grad_x is not None and "x" in by_name:
        tr = by_name["x"]  # (B, M, N) blocks
        k = found_kinks(tr, tol)
        kinks = None if k is None else k.any(axis=1)  # (B, N)
        found.append(
            _contracted(
                tr,
                lambda w, j: np.einsum("bm,bmn->bn", w, j),
                g,
                grad_x,
                lambda mask, s=tr.fd.shape: np.broadcast_to(mask[:, None, :], s),
                kinks,
            )
        )
    names = [tr.name for tr in triples if tr.name != "x"]
    for name, p, grad in zip(names, params_of(module), grads, strict=True):
        jp = by_name[name]  # (B·M, P)
        k = found_kinks(jp, tol)
        found.append(
            _contracted(
                jp,
                lambda w, j, p=p: _times(w.ravel(), j, p.shape),
                g,
                grad,
                lambda mask, s=jp.fd.shape: np.broadcast_to(mask.reshape(1, -1), s),
                None if k is None else k.any(axis=0).reshape(p.shape),
            )
        )
    return found


def _times(w: np.ndarray, j, shape) -> np.ndarray:
    """w J for a dense (B·M, P) or row-sparse Jacobian (checker/sparse.py), as the shape."""
    return (j.contract(w) if isinstance(j, RowSparse) else w @ j).reshape(shape)


def _contracted(tr: Triple, contract, g, bprop, expand, kinks=None) -> Triple:
    """The gradient for one tensor: bprop's against the contracted symbolic and FD Jacobians,
    held to the bound of a sum of terms, (Σ|g|, Σ|g J|) (checker/compare.py)."""
    shape = np.shape(bprop)

    def with_g(j):
        return contract(g, j)

    sym = None if tr.sym is None else with_g(tr.sym)
    refd = None if tr.refd is None else (lambda: with_g(tr.refd()))
    if isinstance(tr.fd, RowSparse):  # Σ_r |g_r| for every column, and |g| |J| row-sparse
        scale = (np.full(shape, np.abs(g).sum()), contract(np.abs(g), tr.fd.abs()))
    else:
        scale = (contract(np.abs(g), np.ones(tr.fd.shape)), contract(np.abs(g), np.abs(tr.fd)))
    ladder = (
        None
        if tr.ladder is None
        else Contracted(tr.ladder, with_g, lambda j: contract(np.abs(g), j), expand, shape)
    )
    return Triple(
        f"grad_{tr.name}",
        sym,
        np.asarray(bprop, np.float64),
        with_g(tr.fd),
        dense_label((), shape),
        shape,
        kinks,
        refd,
        ladder,
        scale,
    )
