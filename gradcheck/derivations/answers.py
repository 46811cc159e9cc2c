"""The exercise's questions in words (1c in batch form, 1d, 4a, 4e), from SymPy and numpy.

Every formula shown is proved by SymPy (an Identity) and every number is computed here:
nothing in the words is a typed-in result.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import sympy as sp

from gradcheck.derivations import floats
from gradcheck.derivations.base import Answer
from gradcheck.derivations.index import N, i, j, jac, k, softmax_of, total, x
from gradcheck.derivations.prove import collapse, identity

B = sp.Symbol("B", integer=True, positive=True)
C = sp.Symbol("C")  # the module's cost: the mean of the per-sample losses


def batch_1c() -> Answer:
    """1c for the module: the cost is the batch mean, so ∂C/∂z_bj = -t_bj / (B z_bj)."""
    b, c = sp.Idx("b", B), sp.Idx("c", B)
    zb, tb = sp.IndexedBase("z", positive=True), sp.IndexedBase("t", real=True)
    cost = sp.Sum(-tb[b, k] * sp.log(zb[b, k]), (b, 0, B - 1), (k, 0, N - 1)) / B
    raw = sp.diff(cost, zb[c, j])
    ident = identity(
        "1c-batch",
        "the batch-mean cost: ∂C/∂z_cj = -t_cj / (B z_cj)",
        raw,
        -tb[c, j] / (B * zb[c, j]),
        "proved for general B and N",
        shown=(jac(C, zb[c, j]), raw, collapse(raw)),
    )
    parts = (
        (
            "Per sample, ℓ = -Σ_k t_k ln z_k has ∂ℓ/∂z_j = -t_j / z_j (1c above). The module "
            "CrossEntropy returns the cost of a batch of B samples as the mean of the per-sample "
            "losses, C = (1/B) Σ_b ℓ_b, so each sample's gradient is divided by B:"
        ),
        (sp.Eq(C, cost),),
        ident.chain,
        (
            "Sample c's gradient involves only sample c's row (the double sum collapses over both "
            "deltas), and the factor 1/B keeps the step size independent of the batch size: this is "
            "what CrossEntropy.bprop returns, -t / (B z), shape (B, N)."
        ),
    )
    return Answer("1c", "1c in batch form: the module's gradient", parts, (ident,))


def _softmax32(gap: float) -> np.ndarray:
    """softmax((0, gap)) in float32, max-shifted (as the module computes it)."""
    v = np.array([0.0, gap], dtype=np.float32)  # (2,)
    with np.errstate(under="ignore"):
        e = np.exp(v - v.max())  # (2,)
    return e / e.sum()  # (2,)


def _log_softmax32(gap: float) -> np.ndarray:
    """log-softmax((0, gap)) in float32: v - max - ln Σ exp(v - max)."""
    v = np.array([0.0, gap], dtype=np.float32)  # (2,)
    with np.errstate(under="ignore"):
        return v - v.max() - np.log(np.exp(v - v.max()).sum())  # (2,)


def underflow_1d() -> Answer:
    """1d: what could go wrong (an unbounded gradient, a zero probability), when, and the fix."""
    u32, u64 = (floats.underflow(d) for d in floats.DTYPES)
    gap = float(np.floor(u32))  # the first integer logit gap past float32's edge
    s = _softmax32(gap)
    with np.errstate(divide="ignore"):
        cost = float(-np.log(s[1]))  # target class 1
    y = _log_softmax32(gap)
    grad = s - np.array([0.0, 1.0], dtype=np.float32)  # s - t, t = e_1
    data = (
        ("float32: exp(x) = 0 for x below", u32),
        ("float64: exp(x) = 0 for x below", u64),
        ("float32: SymPy's ln(2^-150)", floats.underflow_sympy(np.float32)),
        ("float64: SymPy's ln(2^-1075)", floats.underflow_sympy(np.float64)),
        (f"float32: softmax of (0, {gap:g}), class 1", float(s[1])),
        ("its cost -ln s_1", cost),
        (f"float32: log-softmax of (0, {gap:g}), class 1", float(y[1])),
        ("gradient s_1 - t_1 of 4e", float(grad[1])),
    )
    parts = (
        (
            "What goes wrong: the gradient -t_i / z_i of 1c is unbounded. For the target class "
            "(t_i > 0) it tends to -∞ as the predicted probability z_i tends to 0 (identity 1d, "
            "SymPy's limit)."
        ),
        (
            "When it happens: in exact arithmetic a softmax probability is never 0, in floating "
            f"point it is. exp(x) underflows to exactly 0 for x < {u32:.2f} in float32 and for "
            f"x < {u64:.2f} in float64 (numpy; SymPy's ln of half the smallest subnormal, -150 ln 2 "
            "and -1075 ln 2, agrees). With the max subtracted (4a), s_i = exp(x_i - max_j x_j) / "
            "Σ_j exp(x_j - max_j x_j), so the probability of a class is 0 as soon as its logit "
            f"lies about {-u32:.0f} below the largest one in float32 ({-u64:.0f} in float64): large "
            "weights or a large learning rate, a network confidently wrong about one sample. It "
            "comes much sooner in float32."
        ),
        (
            f"What then: at a logit gap of {gap:g} in float32, s_1 = {s[1]:g}, the cost is "
            f"-ln 0 = {cost:g} and the gradient -1/0 is -∞ (CrossEntropy refuses, rather than "
            "hide it behind an epsilon); one inf becomes NaN in the weights after the update. At "
            "batch size 1 there is no other sample to average with: that single sample decides "
            "the step, and the cost of the epoch is inf. With a batch, the mean cost is inf as soon "
            "as one sample's is."
        ),
        (
            "The fix: 4a (subtracting the max) prevents overflow, not this underflow. 4e computes "
            "log-probabilities directly, y_i = x_i - max - ln Σ_j exp(x_j - max), which stays "
            f"finite (y_1 = {y[1]:g} at the same gap), and the gradient of LogSoftMax + "
            f"CrossEntropyLog is s - t (here s_1 - t_1 = {grad[1]:g}): bounded in [-1, 1], no "
            "division by a probability."
        ),
    )
    return Answer("1d", "1d: what could go wrong, and when?", parts, (), data)


def shift_4a() -> Answer:
    """4a: e^c cancels, step by step, and why subtracting the max matters (overflow)."""
    c = sp.Symbol("c", real=True)
    ec = sp.exp(c)
    den = sp.Pow(sp.Mul(ec, total(sp.exp(x[k])), evaluate=False), -1, evaluate=False)
    step1 = sp.Mul(sp.Mul(ec, sp.exp(x[i]), evaluate=False), den, evaluate=False)
    shifted = sp.exp(x[i] + c) / total(sp.exp(x[k] + c))
    ids = (
        identity(
            "4a-step",
            "exp(x_i + c) / Σ_k exp(x_k + c) = e^c exp(x_i) / (e^c Σ_k exp(x_k))",
            shifted,
            step1,
            "exp(a + c) = e^c exp(a), then e^c out of the sum",
            shown=(shifted, step1, softmax_of(x, i)),
        ),
    )
    o32, o64 = (floats.overflow(d) for d in floats.DTYPES)
    n32, n64 = int(np.ceil(o32)), int(np.ceil(o64))
    big = np.array([float(n64) + 290, 0.0])  # (2,) a logit far past the edge
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(big) / np.exp(big).sum()  # (2,)
    shifted_v = np.exp(big - big.max()) / np.exp(big - big.max()).sum()  # (2,)
    data = (
        ("float64: exp(x) = inf for x above", o64),
        ("float32: exp(x) = inf for x above", o32),
        (f"float64 exp({n64})", floats.exp_at(np.float64, n64)),
        (f"float32 exp({n32})", floats.exp_at(np.float32, n32)),
        (f"naive softmax(({big[0]:g}, 0))_0", float(naive[0])),
        (f"max-shifted softmax(({big[0]:g}, 0))_0", float(shifted_v[0])),
    )
    parts = (
        (
            "Adding the same c to every input does not change the softmax: exp(a + c) = e^c exp(a), "
            "and e^c comes out of the sum in the denominator and cancels:"
        ),
        ids[0].chain,
        "So c = -max_j x_j may be chosen freely (identity 4a above, proved for general N).",
        (
            f"Why it matters: exp overflows to inf for x > {o64:.2f} in float64 (exp({n64}) = "
            f"{floats.exp_at(np.float64, n64):g}) and for x > {o32:.2f} in float32 (exp({n32}) = "
            f"{floats.exp_at(np.float32, n32):g}). Logits of that size come from large weights or "
            f"inputs; without the shift the softmax of ({big[0]:g}, 0) is inf / inf = "
            f"{naive[0]:g}. With the max subtracted the largest exponent is exp(0) = 1 and the sum "
            f"lies in [1, N]: no overflow, the same result, here {shifted_v[0]:g}."
        ),
    )
    return Answer("4a", "4a: why the max may be subtracted, and why it matters", parts, ids, data)


def bounded_4e() -> Answer:
    """4e: LogSoftMax + CrossEntropyLog has the gradient s - t, bounded; the fix for 1d."""
    parts = (
        (
            "Composed, LogSoftMax followed by CrossEntropyLog has the gradient s - t (proved below "
            "for general N, with Σ_k t_k = 1), the same as SoftMax followed by CrossEntropy. But "
            "it is computed without ever dividing by a probability: every entry lies in [-1, 1] "
            "whatever the logits, and the cost -Σ_k t_k y_k stays finite where ln s would be "
            "ln 0 (see 1d). Train with this pair (gradcheck train --stable)."
        ),
    )
    return Answer("4e", "4e: the stable pair", parts)


@cache
def answers_for(name: str) -> tuple[Answer, ...]:
    """The answers in words that belong to a derivation."""
    makers = {
        "SoftMax": (shift_4a,),
        "CrossEntropy": (batch_1c, underflow_1d),
        "LogSoftMax+CrossEntropyLog": (bounded_4e,),
    }.get(name, ())
    return tuple(make() for make in makers)
