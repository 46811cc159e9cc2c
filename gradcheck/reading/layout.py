"""A Linear's layout: W stored (in, out) or (out, in), the bias (n,), (1, n) or folded into W.

Found by probing fprop (y(0) = b, y(e_i) - y(0) = row i of W), by shapes when fprop does not
tell (a wrong fprop), never by names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Layout:
    """How the student's arrays map onto gradcheck's [W (n_in, n_out), b (n_out,)]."""

    views: Callable[[list[np.ndarray]], list[np.ndarray]]
    text: str  # e.g. "W stored (out, in); bias (1, n)"


def same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-9)


def weight_views(a: np.ndarray, n_in: int, n_out: int) -> list[tuple[str, Callable]]:
    """Every way an array can hold W (n_in, n_out), and maybe b, as (description, view)."""
    found = []
    if a.shape == (n_in, n_out):
        found.append(("W stored (in, out)", lambda p: [p]))
    if a.shape == (n_out, n_in):
        found.append(("W stored (out, in)", lambda p: [p.T]))
    if a.shape == (n_in + 1, n_out):
        found += [
            ("bias folded into W as its last row", lambda p: [p[:n_in], p[n_in]]),
            ("bias folded into W as its first row", lambda p: [p[1:], p[0]]),
        ]
    if a.shape == (n_out, n_in + 1):
        found += [
            (
                "W stored (out, in), bias folded as its last column",
                lambda p: [p[:, :n_in].T, p[:, n_in]],
            ),
            (
                "W stored (out, in), bias folded as its first column",
                lambda p: [p[:, 1:].T, p[:, 0]],
            ),
        ]
    return found


def bias_view(a: np.ndarray, n_out: int) -> tuple[str, Callable] | None:
    """(description, view) if a can hold a bias of n_out entries."""
    if a.size != n_out or sum(d > 1 for d in a.shape) > 1:
        return None
    return f"bias {tuple(a.shape)}", lambda p: p.reshape(-1)


WANTED = {"in,out": "W stored (in, out)", "out,in": "W stored (out, in)", "folded": "folded"}


def linear_layout(
    arrays: list[np.ndarray],
    n_in: int,
    n_out: int,
    probe: Callable[[np.ndarray], np.ndarray] | None,
    only: str | None = None,
) -> Layout | None:
    """The layout whose W and b reproduce fprop at 0 and at the unit vectors (probe None:
    the first that fits by shapes), or None."""
    w_eff = b_eff = None
    if probe is not None:
        x = np.vstack([np.zeros(n_in), np.eye(n_in)]).astype(arrays[0].dtype)  # (n_in+1, n_in)
        y = np.asarray(probe(x), dtype=np.float64)  # (n_in+1, n_out)
        b_eff, w_eff = y[0], y[1:] - y[0]
    options = []
    for k, a in enumerate(arrays):
        for text, view in weight_views(a, n_in, n_out):
            if only is None or WANTED[only] in text:
                options.append((k, text, view))
    for k, text, view in options:
        w = view(arrays[k])
        if len(w) == 2:  # folded: W and b in one array
            if len(arrays) == 1 and (w_eff is None or (same(w[0], w_eff) and same(w[1], b_eff))):
                return Layout(lambda ps, v=view: v(ps[0]), text)
            continue
        for kb, b in enumerate(arrays):
            bias = bias_view(b, n_out) if kb != k else None
            if bias is None:
                continue
            if w_eff is None or (same(w[0], w_eff) and same(bias[1](b), b_eff)):
                return Layout(_pair(view, k, bias[1], kb), f"{text}; {bias[0]}")
    return None


def _pair(view, k: int, bview, kb: int):
    return lambda ps: [view(ps[k])[0], bview(ps[kb])]
