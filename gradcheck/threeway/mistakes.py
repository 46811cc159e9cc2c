"""Name the mistake, not only the mismatch: a constant factor, a sign, a transpose, the fused
gradient where the plain one is meant, or a known bug of the planted-bug catalogue."""

from __future__ import annotations

import numpy as np

FACTORS = (
    (-1, "the sign is flipped"),
    (2, "twice the true gradient"),
    (0.5, "half the true gradient"),
)


def close(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal to rounding: what a formula and its faithful implementation differ by."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return a.shape == b.shape and bool(
        np.allclose(a, b, rtol=1e-5, atol=1e-8 * max(1.0, float(np.abs(b).max(initial=0))))
    )


def factor(cand: np.ndarray, ref: np.ndarray, batch: int, name: str) -> str | None:
    """'grad_W is exactly 1/3 of the true gradient: ...' when cand = c · ref, else None."""
    ref, cand = np.asarray(ref, np.float64), np.asarray(cand, np.float64)
    if not np.abs(ref).any():
        return None
    if not np.abs(cand).any():
        return f"{name} is 0 everywhere: never written, or overwritten with zeros?"
    c = float((cand * ref).sum() / (ref * ref).sum())
    if not close(cand, c * ref) or np.isclose(c, 1):
        return None
    for value, text in (
        (
            1 / batch,
            (
                f"exactly 1/{batch} of the true gradient: 1/B with "
                f"B = {batch}, the batch mean taken twice?"
            ),
        ),
        (
            batch,
            (
                f"exactly {batch} times the true gradient: B = {batch}, the "
                "sum over the batch where the mean is meant (a missing 1/B)?"
            ),
        ),
        *FACTORS,
    ):
        if (
            np.isclose(c, value, rtol=1e-4)
            and batch > 1
            or (value in (-1, 2, 0.5) and np.isclose(c, value))
        ):
            return f"{name}: {text}" if value in (-1, 2, 0.5) else f"{name} is {text}"
    return f"{name} is {c:.6g} times the true gradient: a constant factor"


def transposed(cand: np.ndarray, ref: np.ndarray, name: str) -> str | None:
    """A square block (or weight gradient) that equals the reference transposed."""
    cand, ref = np.asarray(cand), np.asarray(ref)
    if cand.ndim < 2 or cand.shape[-1] != cand.shape[-2] or close(cand, ref):
        return None
    if close(cand, np.swapaxes(ref, -1, -2)):
        return f"{name} is the true gradient transposed"
    return None


def fused(reference: str | None, cand: np.ndarray, z: np.ndarray, t_rows: np.ndarray) -> str | None:
    """A CrossEntropy bprop that returns p - t (or (p - t)/B); a mistake only of CrossEntropy,
    whose input is probabilities (of a criterion on logits it is the right answer)."""
    if reference != "CrossEntropy":
        return None
    b = len(z)
    for scale in (1, b):
        if close(cand, (z - t_rows) / scale):
            return (
                "bprop returns (z - t)" + (f"/{b}" if scale > 1 else "") + ": that is the "
                "gradient of SoftMax+CrossEntropy with respect to the logits, not of "
                "CrossEntropy with respect to its input probabilities (-t/z)"
            )
    return None


def tensor_mistakes(triples, checks, batch: int) -> list[str]:
    """For each tensor whose bprop differs from the reference: a factor, or a transpose."""
    found = []
    for tr, ch in zip(triples, checks, strict=True):
        if not isinstance(getattr(tr, "bprop", None), np.ndarray):
            continue  # a streamed, row-sparse Jacobian (threeway/streamed.py): never held dense
        ref = tr.sym if tr.sym is not None else tr.fd
        pair = ch.bprop_sym if ch.bprop_sym is not None else ch.bprop_fd
        if pair.passed:
            continue
        name = tr.name if tr.name.startswith("grad_") or tr.name != "z" else "grad_z"
        name = name if name.startswith("grad_") else f"∂y/∂{name}"
        text = factor(tr.bprop, ref, batch, name) or transposed(tr.bprop, ref, name)
        if text and text not in found:
            found.append(text)
    return found


def mixes_samples(jacobians, gradients) -> str | None:
    """Right per sample, wrong for the batch: bprop mixes the rows of a batch."""
    if all(c.passed for c in jacobians) and not all(c.passed for c in gradients):
        return (
            "bprop mixes the samples of a batch: each sample's Jacobian is right, but the "
            "gradient of the whole batch is not (a sum over axis 0, or over the whole "
            "array, where each row's own sum is meant?)"
        )
    return None


def known_bug(reference: str | None, run) -> str | None:
    """The catalogue's bug whose gradients equal the student's to rounding, if any.

    run(module) -> list of the gradients at the check's input (None when it cannot run)."""
    from gradcheck.modules.registry import specs

    spec = specs().get(reference)
    for bug in spec.planted if spec else ():
        try:
            if run(bug):
                return f"equals the known bug {bug.key}: {bug.description}"
        except Exception:  # noqa: BLE001, S112 - a bug that cannot run at these shapes: not it
            continue
    return None


def layer_runner(module, x: np.ndarray, g: np.ndarray, found: list[np.ndarray]):
    """run(bug) for a layer: the bug built like the module (same W and b), its gradients
    (grad_x, then each parameter's) compared with the student's."""
    params = [np.array(p) for p in getattr(module, "params", [])]

    def run(bug) -> bool:
        cls = type(bug.make(2, np.random.default_rng(0)))
        planted = cls(*params[0].shape) if params else cls()
        for p, value in zip(planted.params, params, strict=True):
            p[...] = value
        planted.fprop(x.copy())
        gx = planted.bprop(g.copy())
        got = [gx, *[np.array(q) for q in planted.grads]]
        return len(got) == len(found) and all(close(a, b) for a, b in zip(found, got, strict=True))

    return run


def criterion_runner(z: np.ndarray, t: np.ndarray, found: np.ndarray):
    def run(bug) -> bool:
        planted = bug.make(z.shape[1], np.random.default_rng(0))
        planted.set_target(t)
        planted.fprop(z.copy())
        return close(found, planted.bprop())

    return run
