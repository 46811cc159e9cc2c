"""Random-projection check of whole batches and networks: two fprops per direction."""

from __future__ import annotations

import numpy as np

from gradcheck.checker.check import module_name
from gradcheck.checker.result import ProjectionCheck
from gradcheck.checker.stepsize import tolerance


def check_projection(module, x: np.ndarray, *, rng=None, directions: int = 3,
                     rtol: float | None = None) -> ProjectionCheck:
    """d/dh <R, f(x + h d, p + h d_p)> at h = 0 by central differences, against
    <bprop(R), d> + Σ <grad_p, d_p>, for random R and random directions d."""
    rng = np.random.default_rng(rng)
    y = module.fprop(x)
    r = rng.standard_normal(y.shape).astype(y.dtype)  # (B, M)
    grad_x = module.bprop(r)
    grads = [np.array(g, dtype=np.float64) for g in module.grads]
    tol = tolerance(x.dtype, rtol=rtol)
    refs, cands = [], []
    for _ in range(directions):
        d = None if grad_x is None else rng.standard_normal(x.shape)
        dps = [rng.standard_normal(p.shape) for p in module.params]
        params_dot = sum(_dot(g, dp) for g, dp in zip(grads, dps, strict=True))
        cands.append(_dot(grad_x, d) + params_dot)
        refs.append(_directional_fd(module, x, r, d, dps))
    ref, cand = np.array(refs), np.array(cands)
    scale = np.maximum(np.abs(ref), np.abs(cand))
    rel = np.abs(ref - cand) / np.where(scale > 0, scale, 1)
    passed = bool((np.abs(ref - cand) <= tol.bound(ref) * np.sqrt(y.size)).all())
    return ProjectionCheck(module_name(module), str(x.dtype), tuple(map(float, ref)),
                           tuple(map(float, cand)), float(rel.max()), tol.rtol, passed)


def _directional_fd(module, x, r, d, dps) -> float:
    """Central difference of h ↦ <R, f(x + h d; p + h d_p)>, restoring the parameters."""
    eps = np.cbrt(np.finfo(x.dtype).eps)
    scale = max([1.0, float(np.abs(x).max())] + [float(np.abs(p).max()) for p in module.params])
    h = eps * scale
    saved = [p.copy() for p in module.params]
    values = []
    for sign in (1, -1):
        for p, p0, dp in zip(module.params, saved, dps, strict=True):
            p[...] = p0 + sign * h * dp
        xs = x if d is None else (x + sign * h * d).astype(x.dtype)
        values.append(_dot(r, np.asarray(module.fprop(xs))))
    for p, p0 in zip(module.params, saved, strict=True):
        p[...] = p0
    return (values[0] - values[1]) / (2 * h)


def _dot(a, b) -> float:
    if a is None or b is None:
        return 0.0
    return float(np.dot(np.ravel(a).astype(np.float64), np.ravel(b).astype(np.float64)))
