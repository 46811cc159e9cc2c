"""Large-magnitude inputs: fprop and bprop finite, bprop still the (stably evaluated) symbolic."""

from __future__ import annotations

import numpy as np

from gradcheck.checker import jacobian as jac
from gradcheck.checker.compare import block_label, compare
from gradcheck.checker.stepsize import Tolerance
from gradcheck.threeway.jacobians import params_of, symbolic_input
from gradcheck.threeway.result import Stability

SCALE = 1000.0


def stability(module, x: np.ndarray, deriv, tol: Tolerance, worst: int = 5) -> Stability:
    """The module at x × 1000: softmax there must not overflow, tanh must saturate cleanly."""
    big = (x.astype(np.float64) * SCALE).astype(x.dtype)
    try:
        with np.errstate(all="ignore"):  # overflow shows as inf or NaN, reported below
            y = np.asarray(module.fprop(big))
            bad = _nonfinite("fprop", y)
            if bad or not getattr(module, "requires_input_grad", True):
                return Stability(SCALE, not bad, bad or "fprop finite")
            m = y.shape[1]
            bp = np.stack([jac.input_jacobian_bprop(module, big, b, m) for b in range(len(big))])
    except Exception as e:  # noqa: BLE001 - a crash at large inputs is the finding
        return Stability(SCALE, False, f"raised {type(e).__name__}: {e}")
    bad = _nonfinite("bprop", bp)
    if bad or deriv is None:
        return Stability(SCALE, not bad, bad or "fprop and bprop finite")
    with np.errstate(all="ignore"):
        sym = np.stack(
            [symbolic_input(deriv, big[b], params_of(module)) for b in range(len(big))]
        )  # (B, M, N)
    if not np.isfinite(sym).all():
        return Stability(
            SCALE,
            True,
            "fprop and bprop finite; the symbolic Jacobian is not finite there, so not compared",
        )
    check = compare(
        "x",
        sym,
        bp,
        tol,
        block_label(m, x.shape[1]),
        shape=x.shape,
        worst=worst,
        reference="symbolic",
        candidate="bprop",
    )
    detail = (
        "finite, bprop equals the symbolic Jacobian"
        if check.passed
        else "finite, but bprop differs from the symbolic Jacobian"
    )
    return Stability(SCALE, check.passed, detail, check)


def _nonfinite(what: str, a: np.ndarray) -> str:
    """'' if a is finite, else where it is not."""
    a = np.asarray(a, np.float64)
    if np.isfinite(a).all():
        return ""
    idx = tuple(int(i) for i in np.argwhere(~np.isfinite(a))[0])
    return f"{what} gives {a[idx]} at {idx} (of {np.count_nonzero(~np.isfinite(a))} non-finite)"
