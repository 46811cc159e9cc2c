"""Jacobians by central differences and by bprop. Rows are outputs, columns are inputs."""

from __future__ import annotations

import numpy as np

from gradcheck.checker.steps import steps


def input_jacobian_fd(module, x: np.ndarray, b: int) -> np.ndarray:
    """J[i, j] = ∂y_bi/∂x_bj for sample b: all 2N perturbations in one batched fprop."""
    xb = x[b]  # (N,)
    n, h = xb.size, steps(xb)
    xs = np.repeat(xb[None], 2 * n, axis=0)  # (2N, N)
    xs[np.arange(n), np.arange(n)] += h
    xs[n + np.arange(n), np.arange(n)] -= h
    ys = np.asarray(module.fprop(xs), dtype=np.float64)  # (2N, M)
    return ((ys[:n] - ys[n:]) / (2 * h.astype(np.float64))[:, None]).T  # (M, N)


def input_jacobian_bprop(module, x: np.ndarray, b: int, m: int) -> np.ndarray:
    """J[i, :] = bprop(e_i) for sample b: all M one-hot gradients in one batched bprop."""
    y = module.fprop(np.repeat(x[b][None], m, axis=0))  # (M, M)
    return np.asarray(module.bprop(np.eye(m, dtype=y.dtype)), dtype=np.float64)  # (M, N)


def param_jacobian_fd(module, x: np.ndarray, k: int) -> np.ndarray:
    """J[r, j] = ∂y_r/∂p_j for parameter k, r over the whole flattened output (B·M)."""
    flat = module.params[k].reshape(-1)  # a view: perturbing it perturbs the module
    h = steps(flat)
    cols = []
    for j in range(flat.size):
        old = flat[j]
        flat[j] = old + h[j]
        yp = np.array(module.fprop(x), dtype=np.float64).ravel()
        flat[j] = old - h[j]
        ym = np.array(module.fprop(x), dtype=np.float64).ravel()
        flat[j] = old
        cols.append((yp - ym) / (2 * float(h[j])))
    return np.stack(cols, axis=1)  # (B·M, P)


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


def criterion_gradient_fd(criterion, z: np.ndarray) -> np.ndarray:
    """∂cost/∂z by central differences, one entry at a time (criteria are small)."""
    h = steps(z)
    grad = np.zeros(z.shape)
    zp = z.copy()
    for idx in np.ndindex(*z.shape):
        zp[idx] = z[idx] + h[idx]
        cp = criterion.fprop(zp)
        zp[idx] = z[idx] - h[idx]
        cm = criterion.fprop(zp)
        zp[idx] = z[idx]
        grad[idx] = (cp - cm) / (2 * float(h[idx]))
    return grad


def criterion_gradient_bprop(criterion, z: np.ndarray) -> np.ndarray:
    """∂cost/∂z from bprop, after an fprop at z."""
    criterion.fprop(z)
    return np.asarray(criterion.bprop(), dtype=np.float64)
