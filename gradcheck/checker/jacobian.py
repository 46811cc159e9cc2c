"""Jacobians by central differences and by bprop. Rows are outputs, columns are inputs."""

from __future__ import annotations

import numpy as np

from gradcheck.checker.coloring import color
from gradcheck.checker.stepsize import Tolerance, infer_domain, steps, tolerance


def input_jacobian_fd(
    module, x: np.ndarray, b: int, rel: float | None = None, domain: str = "real"
) -> np.ndarray:
    """J[i, j] = ∂y_bi/∂x_bj for sample b: all 2N perturbations in one batched fprop."""
    xb = x[b]  # (N,)
    n, h = xb.size, steps(xb, rel, domain)
    xs = np.repeat(xb[None], 2 * n, axis=0)  # (2N, N)
    xs[np.arange(n), np.arange(n)] += h
    xs[n + np.arange(n), np.arange(n)] -= h
    ys = np.asarray(module.fprop(xs), dtype=np.float64)  # (2N, M)
    return _quotient(ys[:n] - ys[n:], 2 * h[:, None]).T  # (M, N)


def input_jacobian_bprop(module, x: np.ndarray, b: int, m: int) -> np.ndarray:
    """J[i, :] = bprop(e_i) for sample b: all M one-hot gradients in one batched bprop."""
    y = module.fprop(np.repeat(x[b][None], m, axis=0))  # (M, M)
    return np.asarray(module.bprop(np.eye(m, dtype=y.dtype)), dtype=np.float64)  # (M, N)


def param_jacobian_fd(
    module,
    x: np.ndarray,
    k: int,
    support: np.ndarray | None = None,
    tol: Tolerance | None = None,
    rel: float | None = None,
) -> np.ndarray:
    """J[r, j] = ∂y_r/∂p_j for parameter k, r over the whole flattened output (B·M).

    Central differences, one entry at a time. With a support hint (B·M × P booleans, e.g.
    where bprop's Jacobian is non-zero), entries that touch disjoint outputs are perturbed
    together (coloring.py); a group whose second, differently weighted measurement disagrees
    with the hint is redone one entry at a time, so the values are plain central differences.
    """
    p = module.params[k]
    flat = p.reshape(-1) if p.flags.c_contiguous else _Flat(p)  # perturbing it perturbs p
    h = steps(np.ravel(p), rel).astype(np.float64)
    groups = [np.array([j]) for j in range(flat.size)] if support is None else color(support)
    jac = np.zeros((np.asarray(module.fprop(x)).size, flat.size))  # (B·M, P)
    multi = [g for g in groups if len(g) > 1]
    redo = [g for g in groups if len(g) == 1]
    if multi:
        redo += _read_groups(module, x, flat, multi, h, support, tol or tolerance(flat.dtype), jac)
    for j in (j for g in redo for j in g):
        d, span = _difference(module, x, flat, np.array([j]), h[[j]])
        jac[:, j] = _quotient(d, span[0])
    return jac


def _read_groups(module, x, flat, groups, h, support, tol, jac) -> list[np.ndarray]:
    """Fill jac from two weighted perturbations per group; return the groups the hint misled."""
    n, width = len(groups), max(len(g) for g in groups)
    idx = np.full((n, width), -1)
    for gi, g in enumerate(groups):
        idx[gi, : len(g)] = g
    weight = 1 + np.modf(np.arange(width) * 0.6180339887498949)[0]  # distinct, in [1, 2)
    d1, d2 = np.empty((n, jac.shape[0])), np.empty((n, jac.shape[0]))  # (G, B·M)
    s1, s2 = np.ones((n, width)), np.ones((n, width))  # (G, L) exact steps: 2h, then w·h
    y0 = np.asarray(module.fprop(x), dtype=np.float64).ravel()
    for gi, g in enumerate(groups):
        d1[gi], s1[gi, : len(g)] = _difference(module, x, flat, g, h[g])
        d2[gi], s2[gi, : len(g)] = _forward(module, x, flat, g, h[g] * weight[: len(g)], y0)
    sub = support.T[np.maximum(idx, 0)] & (idx >= 0)[:, :, None]  # (G, L, B·M)
    hit, pos = sub.any(axis=1), sub.argmax(axis=1)  # (G, B·M): which entry touches each row
    at1, at2 = np.take_along_axis(s1, pos, 1), np.take_along_axis(s2, pos, 1)
    value = _quotient(d1, np.where(hit, at1, s1.min(axis=1, keepdims=True)))  # (G, B·M)
    off = _quotient(np.abs(d2 - value * np.where(hit, at2, 0)), s2.min(axis=1, keepdims=True))
    bad = (off > tol.bound(value)).any(axis=1) | ((np.abs(value) > tol.atol) & ~hit).any(axis=1)
    g_ok, r = np.nonzero(hit & ~bad[:, None])
    jac[r, idx[g_ok, pos[g_ok, r]]] = value[g_ok, r]
    return [groups[gi] for gi in np.flatnonzero(bad)]


def _difference(module, x, flat, idx, dh) -> tuple[np.ndarray, np.ndarray]:
    """f(p + dh) - f(p - dh) over the flattened output, and the exact spans 2h used."""
    old = flat[idx]
    flat[idx] = old + dh
    up = flat[idx] - old
    yp = np.asarray(module.fprop(x), dtype=np.float64).ravel()
    flat[idx] = old - dh
    down = old - flat[idx]
    ym = np.asarray(module.fprop(x), dtype=np.float64).ravel()
    flat[idx] = old
    return yp - ym, up.astype(np.float64) + down


def _forward(module, x, flat, idx, dh, y0) -> tuple[np.ndarray, np.ndarray]:
    """f(p + dh) - f(p), the one-sided check of a group, and the exact steps used."""
    old = flat[idx]
    flat[idx] = old + dh
    up = flat[idx] - old
    yp = np.asarray(module.fprop(x), dtype=np.float64).ravel()
    flat[idx] = old
    return yp - y0, up.astype(np.float64)


def param_jacobians_bprop(module, x: np.ndarray) -> list[np.ndarray]:
    """For every parameter, J[r, :] = its gradient after bprop of the one-hot e_r."""
    y = module.fprop(x)
    rows: list[list[np.ndarray]] = [[] for _ in module.params]
    for r in range(y.size):
        e = np.zeros_like(y)
        e.flat[r] = 1
        module.bprop(e)
        for k, g in enumerate(module.grads):
            rows[k].append(np.array(g, dtype=np.float64).ravel())
    return [np.stack(rs) for rs in rows]  # each (B·M, P_k)


def criterion_gradient_fd(
    criterion, z: np.ndarray, rel: float | None = None, domain: str | None = None
) -> np.ndarray:
    """∂cost/∂z by central differences, one entry at a time (criteria are small).

    domain None: 'nonnegative' when every z >= 0 (probabilities), else 'real' (stepsize.py).
    """
    h = steps(z, rel, infer_domain(z) if domain is None else domain)
    grad = np.zeros(z.shape)
    zp = z.copy()
    for idx in np.ndindex(*z.shape):
        zp[idx] = z[idx] + h[idx]
        cp = criterion.fprop(zp)
        zp[idx] = z[idx] - h[idx]
        cm = criterion.fprop(zp)
        zp[idx] = z[idx]
        grad[idx] = _quotient(cp - cm, 2 * np.float64(h[idx]))
    return grad


def criterion_gradient_bprop(criterion, z: np.ndarray) -> np.ndarray:
    """∂cost/∂z from bprop, after an fprop at z."""
    criterion.fprop(z)
    return np.asarray(criterion.bprop(), dtype=np.float64)


class _Flat:
    """Flat indexing into an array of any strides (reshape(-1) would copy a transposed one)."""

    def __init__(self, a: np.ndarray) -> None:
        self.a, self.size, self.dtype = a, a.size, a.dtype

    def __getitem__(self, idx):
        return self.a[np.unravel_index(idx, self.a.shape)]

    def __setitem__(self, idx, value) -> None:
        self.a[np.unravel_index(idx, self.a.shape)] = value


def _quotient(dy, dh):
    """dy / dh in float64; a step that rounded to 0 gives inf or NaN, which the comparison fails."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(dy, dtype=np.float64) / np.asarray(dh, dtype=np.float64)
