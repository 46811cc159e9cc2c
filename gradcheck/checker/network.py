"""Per-entry central differences of a Sequential's parameters, perturbing layer outputs.

A Linear's W_ij moved by ±h moves its output y_bj by ±h x_bi and nothing else; b_j moves
y_bj by ±h. So instead of one pair of whole-network fprops per entry, every entry's perturbed
output goes through the downstream modules at once, as rows of a batch (rows are independent:
the row-independence contract, checked first, makes this exact). A perturbation stays one
entry wide through element-wise modules (their fprop is called on that column of values) and
becomes a full row at the next Linear (y + d W_j) or at any other module (whose fprop gets the
rows). The result is each entry's central difference (f(p + h) - f(p - h)) / 2h, the same
value plain per-entry differences give up to rounding.

Understood layers: the built-in Linear, Tanh and ReLU whose fprop is not overridden. A
parameter of any other layer gets None (the caller falls back to the generic path).
"""

from __future__ import annotations

import numpy as np

from gradcheck.checker.stepsize import steps
from gradcheck.modules import Linear, ReLU, Sequential, Tanh

CHUNK_BYTES = 32 * 2**20  # perturbed rows held at once, at most
ELEMENTWISE = (Tanh.fprop, ReLU.fprop)


def kind(module) -> str | None:
    """'linear', 'elementwise', or None for a module the fast path does not understand."""
    fprop = getattr(type(module), "fprop", None)
    if fprop is Linear.fprop and module.params[0] is module.W and module.params[1] is module.b:
        return "linear"
    return "elementwise" if fprop in ELEMENTWISE else None


def network_param_fd(net: Sequential, x: np.ndarray) -> list[np.ndarray | None]:
    """For each parameter of net in order: its (B·M, P) central differences, or None."""
    acts = [x]
    for m in net.modules:
        acts.append(np.asarray(m.fprop(acts[-1])))  # (B, width) after each module
    found = []
    for layer, m in enumerate(net.modules):
        for k in range(len(m.params)):
            found.append(_layer_fd(net, layer, k, acts) if kind(m) == "linear" else None)
    return found


def _layer_fd(net: Sequential, layer: int, k: int, acts: list[np.ndarray]) -> np.ndarray:
    """∂y/∂p for p = W (k = 0) or b (k = 1) of the Linear net.modules[layer]."""
    lin, a_in, y = net.modules[layer], acts[layer], acts[layer + 1]
    p = lin.params[k]
    h = steps(np.ravel(p)).astype(np.float64)  # (P,) exactly representable steps
    b_, n_out = y.shape
    width = max(a.shape[1] for a in acts[layer + 1 :])
    chunk = max(1, CHUNK_BYTES // (16 * b_ * width))
    out = np.empty((b_ * acts[-1].shape[1], p.size))  # (B·M, P)
    for e0 in range(0, p.size, chunk):
        e = np.arange(e0, min(p.size, e0 + chunk))  # entries of this chunk, (E,)
        col = e % n_out  # the output column each entry moves
        scale = a_in[:, e // n_out].T if k == 0 else np.ones((len(e), b_))  # (E, B): x_bi or 1
        d = h[e][:, None] * scale  # (E, B)
        rows = np.concatenate([_downstream(net, layer, acts, col, s * d) for s in (1, -1)])
        up, down = rows[: len(e)], rows[len(e) :]  # (E, B, M) each
        out[:, e] = ((up - down) / (2 * h[e])[:, None, None]).reshape(len(e), -1).T
    return out


def _downstream(net, layer, acts, col, d) -> np.ndarray:
    """The network's output (E, B, M) with y_b,col[e] of module `layer` moved by d[e, b]."""
    n_e, b_ = d.shape
    base = np.tile(np.arange(b_), n_e)  # (E·B,) the sample of each perturbed row
    cols = np.repeat(col, b_)  # (E·B,)
    y = acts[layer + 1]
    value = (y[base, cols] + d.ravel()).astype(y.dtype)  # (E·B,) the moved entries
    rows = None  # full rows once the perturbation has spread
    for i, m in enumerate(net.modules[layer + 1 :], start=layer + 1):
        a_in, a_out = acts[i], acts[i + 1]
        if rows is not None:
            rows = np.asarray(m.fprop(rows))
        elif kind(m) == "elementwise":
            value = np.asarray(m.fprop(value[:, None]))[:, 0]
        elif kind(m) == "linear":
            moved = (value.astype(np.float64) - a_in[base, cols])[:, None]  # (E·B, 1)
            rows = (a_out[base] + moved * m.W[cols]).astype(a_out.dtype)  # (E·B, width)
        else:
            rows = a_in[base].copy()
            rows[np.arange(len(base)), cols] = value
            rows = np.asarray(m.fprop(rows))
    if rows is None:
        rows = acts[-1][base].copy()
        rows[np.arange(len(base)), cols] = value
    return rows.reshape(n_e, b_, -1).astype(np.float64)
