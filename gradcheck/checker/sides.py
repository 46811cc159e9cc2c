"""One-sided difference quotients at a given step, for the entries a Ladder asks about.

Each returns (forward, backward, noise) = ((f(x+h) - f(x)) / h, (f(x) - f(x-h)) / h,
2 eps max|f| / h) per Jacobian entry, with h the exact step taken (the rounded x ± h minus x)
and eps that of fprop's output; the mean of the first two is the central difference, the
third the size of their rounding error. Parameters are restored exactly, whatever fprop raises.
"""

from __future__ import annotations

import numpy as np

from gradcheck.checker.stepsize import steps


def _f64(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float64)


def _eps(y) -> float:
    dt = np.asarray(y).dtype
    return float(np.finfo(dt if dt.kind == "f" else np.float64).eps)


def _noise(eps: float, h, *values) -> np.ndarray:
    """2 eps max|f| / h: what rounding f(x ± h) and f(x) by an ulp each does to a quotient."""
    size = np.abs(values[0])
    for v in values[1:]:
        size = np.maximum(size, np.abs(v))
    return 2 * eps * size / np.abs(h)


def input_sides(module, x: np.ndarray, domain: str = "real"):
    """For the per-sample input Jacobians (B, M, N): the columns (b, j) the mask touches, all
    perturbed rows through one batched fprop."""

    def sides(rel: float, mask: np.ndarray):
        b, j = np.nonzero(mask.any(axis=1))  # (K,), (K,)
        k = np.arange(len(b))
        h = steps(x, rel, domain)[b, j]  # (K,)
        y0 = _f64(module.fprop(x))  # (B, M)
        xs = np.concatenate([x[b], x[b]])  # (2K, N)
        xs[k, j] += h
        xs[len(b) + k, j] -= h
        up, down = _f64(xs[k, j]) - x[b, j], x[b, j] - _f64(xs[len(b) + k, j])  # (K,)
        raw = module.fprop(xs)
        ys, eps = _f64(raw), _eps(raw)  # (2K, M)
        fwd, bwd, noise = (np.full(mask.shape, np.nan) for _ in range(3))  # (B, M, N)
        fwd[b, :, j] = (ys[: len(b)] - y0[b]) / up[:, None]
        bwd[b, :, j] = (y0[b] - ys[len(b) :]) / down[:, None]
        rows = np.abs(x[b]).max(axis=1)[:, None]  # (K, 1): rounding of x - max, x W, ...
        noise[b, :, j] = _noise(
            eps, np.minimum(up, down)[:, None], ys[: len(b)], y0[b], ys[len(b) :], rows
        )
        return fwd, bwd, noise

    return sides


def param_sides(module, x: np.ndarray, k: int, domain: str = "real"):
    """For parameter k's Jacobian (B·M, P): one parameter entry at a time, whole-batch fprops."""

    def sides(rel: float, mask: np.ndarray):
        p = module.params[k]
        h = steps(np.ravel(p), rel, domain)  # (P,)
        raw = module.fprop(x)
        y0, eps = _f64(raw).ravel(), _eps(raw)  # (B·M,)
        fwd, bwd, noise = (np.full(mask.shape, np.nan) for _ in range(3))
        for j in np.flatnonzero(mask.any(axis=0)):
            idx = np.unravel_index(j, p.shape)
            old = p[idx]
            try:
                p[idx] = old + h[j]
                up = _f64(p[idx]) - old
                yp = _f64(module.fprop(x)).ravel()
                p[idx] = old - h[j]
                down = old - _f64(p[idx])
                ym = _f64(module.fprop(x)).ravel()
            finally:
                p[idx] = old
            fwd[:, j], bwd[:, j] = (yp - y0) / up, (y0 - ym) / down
            noise[:, j] = _noise(eps, min(up, down), yp, y0, ym)
        module.fprop(x)
        return fwd, bwd, noise

    return sides


def criterion_sides(criterion, z: np.ndarray, domain: str = "real"):
    """For a criterion's gradient (B, N): one entry of z at a time."""

    def sides(rel: float, mask: np.ndarray):
        h = steps(z, rel, domain)
        c0, eps = float(criterion.fprop(z)), _eps(z)
        fwd, bwd, noise = (np.full(mask.shape, np.nan) for _ in range(3))
        zp = z.copy()
        for idx in zip(*np.nonzero(mask), strict=True):
            if h[idx] == 0:
                continue  # x = 0 in a nonnegative domain: no step both ways, left unchecked
            zp[idx] = z[idx] + h[idx]
            up, cp = _f64(zp[idx]) - z[idx], float(criterion.fprop(zp))
            zp[idx] = z[idx] - h[idx]
            down, cm = z[idx] - _f64(zp[idx]), float(criterion.fprop(zp))
            zp[idx] = z[idx]
            fwd[idx], bwd[idx] = (cp - c0) / up, (c0 - cm) / down
            noise[idx] = _noise(eps, min(up, down), cp, c0, cm)
        criterion.fprop(z)
        return fwd, bwd, noise

    return sides
