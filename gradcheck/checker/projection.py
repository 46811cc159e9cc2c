"""Random-projection check of whole batches and networks: two fprops per direction."""

from __future__ import annotations

import numpy as np

from gradcheck.checker.check import check_module, module_name
from gradcheck.checker.ladder import PASS, Ladder, settle
from gradcheck.checker.result import ProjectionCheck
from gradcheck.checker.stepsize import default_rel, tolerance


def check_projection(
    module, x: np.ndarray, *, rng=None, directions: int = 3, rtol: float | None = None
) -> ProjectionCheck:
    """d/dh <R, f(x + h d, p + h d_p)> at h = 0 by central differences, against
    <bprop(R), d> + Σ <grad_p, d_p>, for random R and random directions d.

    The bound is the dtype's tolerance on the sum of the |terms| of <bprop(R), d> (not on the
    result, which can cancel): atol + rtol Σ_j |bprop(R)_j d_j|. A direction out of bound is
    differenced again at smaller steps (checker/ladder.py); if one still fails or cannot be
    decided, the per-entry check_module decides.
    """
    rng = np.random.default_rng(rng)
    x = np.asarray(x)
    tol = tolerance(x.dtype, rtol=rtol)
    params = list(getattr(module, "params", None) or [])
    y = module.fprop(x)
    r = rng.standard_normal(np.shape(y)).astype(np.asarray(y).dtype)  # (B, M)
    grad_x = module.bprop(r)
    grads = [np.array(g, dtype=np.float64) for g in getattr(module, "grads", None) or []]
    dirs = [
        (
            None if grad_x is None else rng.standard_normal(x.shape),
            [rng.standard_normal(p.shape) for p in params],
        )
        for _ in range(directions)
    ]
    cand = np.array(
        [
            _dot(grad_x, d) + sum(_dot(g, dp) for g, dp in zip(grads, dps, strict=True))
            for d, dps in dirs
        ]
    )
    terms = np.array(
        [
            _dot(grad_x, d, abs) + sum(_dot(g, dp, abs) for g, dp in zip(grads, dps, strict=True))
            for d, dps in dirs
        ]
    )
    phi = _Projected(module, x, r, params, dirs)
    rel = default_rel(x.dtype)
    fwd, bwd, _ = phi.sides(rel, np.ones(directions, bool))
    ref = (fwd + bwd) / 2  # (directions,)
    bound = tol.atol + tol.rtol * terms  # (directions,)
    bad = ~(np.abs(ref - cand) <= bound)
    fallback, notes = None, ()
    if bad.any():
        state, best = settle(ref, cand, lambda v: bound, Ladder(phi.sides, rel, ref.shape), bad)
        ref = np.where(bad, best, ref)
        if (state != PASS).any():
            fallback = check_module(module, x, rng=rng)
            unsure = int((state != PASS).sum())
            note = (
                f"{unsure} of {directions} directions not confirmed at any step; the "
                f"per-entry check decides: {'PASS' if fallback.passed else 'FAIL'}"
            )
            notes = (note,)
    scale = np.maximum(np.abs(ref), np.abs(cand))
    rel_err = np.abs(ref - cand) / np.where(scale > 0, scale, 1)
    passed = True if fallback is None else fallback.passed
    return ProjectionCheck(
        module_name(module),
        str(x.dtype),
        tuple(map(float, ref)),
        tuple(map(float, cand)),
        float(rel_err.max()),
        tol.rtol,
        passed,
        tuple(map(float, bound)),
        fallback,
        notes,
    )


class _Projected:
    """h ↦ <R, f(x + h d; p + h d_p)> for each direction, one-sided quotients at a step."""

    def __init__(self, module, x, r, params, dirs) -> None:
        self.module, self.x, self.r, self.params, self.dirs = module, x, r, params, dirs
        self.scale = max(
            [1.0, float(np.abs(x).max(initial=0))]
            + [float(np.abs(p).max(initial=0)) for p in params]
        )

    def sides(self, rel: float, mask: np.ndarray) -> tuple[np.ndarray, ...]:
        """Forward and backward quotients per direction, and their rounding noise."""
        h = rel * self.scale
        fwd, bwd, noise = (np.full(mask.shape, np.nan) for _ in range(3))
        at0, size0 = self.at(0.0, None, [np.zeros(p.shape) for p in self.params])
        eps = float(np.finfo(self.x.dtype).eps)
        for i in np.flatnonzero(mask):
            d, dps = self.dirs[i]
            (up, s_up), (down, s_down) = self.at(h, d, dps), self.at(-h, d, dps)
            fwd[i], bwd[i] = (up - at0) / h, (at0 - down) / h
            noise[i] = 2 * eps * max(size0, s_up, s_down) / h
        return fwd, bwd, noise

    def at(self, h: float, d, dps) -> tuple[float, float]:
        """<R, f> and <|R|, |f|> with x and the parameters moved by h along the direction."""
        saved = [p.copy() for p in self.params]
        try:
            for p, dp in zip(self.params, dps, strict=True):
                p[...] = p + h * dp
            xs = self.x if d is None else (self.x + h * d).astype(self.x.dtype)
            y = np.asarray(self.module.fprop(xs))
            return _dot(self.r, y), _dot(self.r, y, abs)
        finally:
            for p, p0 in zip(self.params, saved, strict=True):
                p[...] = p0


def _dot(a, b, f=None) -> float:
    if a is None or b is None:
        return 0.0
    a, b = np.ravel(a).astype(np.float64), np.ravel(b).astype(np.float64)
    return float(np.dot(np.abs(a), np.abs(b)) if f is abs else np.dot(a, b))
