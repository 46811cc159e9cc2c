"""Seeded hard cases of the correct built-ins, for the false-alarm sweeps (no FAIL, no error).

Each case is (family, dtype, seed): near-zero probabilities down to 1e-12, soft targets,
logits around ±1000 (±500 in float32), ReLU inputs within a step of 0, Tanh and ReLU networks,
sizes 2-40. run_case() checks one case through check_module / check_criterion, check_projection
and the three-way verify, and returns what went wrong (empty: nothing).

    python -m tests.sweep_cases 300      # count the failing cases of a seeded sweep
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np

from gradcheck.checker import check_criterion, check_module, check_projection
from gradcheck.modules import (
    CrossEntropy,
    CrossEntropyLog,
    Linear,
    LogSoftMax,
    ReLU,
    Sequential,
    SoftMax,
    Tanh,
)
from gradcheck.threeway import verify

FAMILIES = (
    "Linear",
    "Tanh",
    "ReLU",
    "SoftMax",
    "LogSoftMax",
    "CrossEntropy",
    "CrossEntropyLog",
    "tanh-net",
    "relu-net",
    "builtin",
)


@dataclass(frozen=True)
class Case:
    family: str
    dtype: str
    seed: int

    def __str__(self) -> str:
        return f"{self.family}/{self.dtype}/seed {self.seed}"


def cases(n: int, dtype: str, start: int = 0) -> list[Case]:
    """n seeded cases of one dtype, the families in turn."""
    return [Case(FAMILIES[i % len(FAMILIES)], dtype, start + i) for i in range(n)]


def logits(rng, b: int, n: int, dtype) -> np.ndarray:
    """Ordinary logits, or logits around ±1000 (float32: ±500) with spread 1-10."""
    kind = rng.integers(3)
    if kind == 0:
        return (rng.standard_normal((b, n)) * 2).astype(dtype)
    centre = (1000.0 if np.dtype(dtype) == np.float64 else 500.0) * rng.choice([-1, 1])
    spread = rng.choice([1.0, 10.0]) if kind == 1 else 1000.0 / 3
    return (centre * (kind == 1) + rng.standard_normal((b, n)) * spread).astype(dtype)


def probabilities(rng, b: int, n: int) -> np.ndarray:
    """Rows summing to 1 with entries down to about 1e-12 (log-uniform), or ordinary ones."""
    if rng.integers(2):
        p = 10.0 ** rng.uniform(-12, 0, (b, n))
    else:
        p = rng.dirichlet(np.ones(n), b) + 1e-12
    return p / p.sum(axis=1, keepdims=True)


def targets(rng, b: int, n: int):
    """Integer labels, one-hot rows, or soft rows (some with zeros)."""
    kind = rng.integers(3)
    if kind == 0:
        return rng.integers(0, n, b)
    if kind == 1:
        return np.eye(n)[rng.integers(0, n, b)]
    t = rng.dirichlet(np.ones(n) * 0.5, b)
    t[rng.random((b, n)) < 0.3] = 0
    t[np.arange(b), rng.integers(0, n, b)] += 1e-3
    return t / t.sum(axis=1, keepdims=True)


def near_kinks(rng, x: np.ndarray) -> np.ndarray:
    """Some entries put within a finite-difference step of 0 (or on it)."""
    h = np.cbrt(np.finfo(x.dtype).eps)
    pick = rng.random(x.shape) < 0.3
    near = rng.choice([-1, 1], x.shape) * rng.uniform(0, 1.5, x.shape) * h
    near[rng.random(x.shape) < 0.1] = 0
    return np.where(pick, near, x).astype(x.dtype)


def network(rng, family: str, dtype, n: int):
    """Linear → act → Linear → (act | SoftMax | LogSoftMax), with a pre-activation near 0."""
    act = Tanh if family == "tanh-net" else ReLU
    hidden, out = int(rng.integers(2, 9)), int(rng.integers(2, 7))
    first = Linear(n, hidden, rng=rng, dtype=dtype)
    first.b[...] = rng.standard_normal(hidden)
    head = [act(), SoftMax(), LogSoftMax()][rng.integers(3)]
    return Sequential(first, act(), Linear(hidden, out, rng=rng, dtype=dtype), head)


def build(case: Case):
    """(module, x, t, reference name or None); t is None for a layer or a network."""
    rng = np.random.default_rng(case.seed)
    dt = np.dtype(case.dtype)
    n = int(rng.integers(2, 41)) if rng.random() < 0.3 else int(rng.integers(2, 9))
    b = int(rng.integers(1, 7))
    f = case.family
    if f == "Linear":
        lin = Linear(n, int(rng.integers(2, 9)), rng=rng, dtype=dt)
        lin.b[...] = rng.standard_normal(lin.n_out)
        return lin, (rng.standard_normal((b, n)) * 2).astype(dt), None, "Linear"
    if f == "Tanh":
        return Tanh(), (rng.standard_normal((b, n)) * rng.choice([0.5, 2, 5])).astype(dt), None, f
    if f == "ReLU":
        return ReLU(), near_kinks(rng, (rng.standard_normal((b, n)) * 2).astype(dt)), None, f
    if f in ("SoftMax", "LogSoftMax"):
        return (SoftMax() if f == "SoftMax" else LogSoftMax()), logits(rng, b, n, dt), None, f
    if f in ("CrossEntropy", "CrossEntropyLog"):
        p = probabilities(rng, b, n)
        z = p if f == "CrossEntropy" else np.log(p)
        crit = CrossEntropy() if f == "CrossEntropy" else CrossEntropyLog()
        return crit, z.astype(dt), targets(rng, b, n), f
    if f == "builtin":
        return None, None, None, None
    net = network(rng, f, dt, n)
    x = (rng.standard_normal((b, n)) * 2).astype(dt)
    if f == "relu-net":  # put some first-layer pre-activations within a step of 0
        u = x @ net.modules[0].W
        pick = rng.random(u.shape[1]) < 0.5
        net.modules[0].b[pick] = (-u[0, pick] + near_kinks(rng, u[:1])[0, pick]).astype(dt)
    return net, x, None, None


def run_case(case: Case) -> list[str]:
    """What failed: 'check', 'projection', 'verify' with the finding, or an exception."""
    try:
        return _run(case)
    except Exception as e:  # noqa: BLE001 - an error is a finding of the sweep
        return [f"error: {type(e).__name__}: {' '.join(str(e).split())[:160]}"]


def _run(case: Case) -> list[str]:
    if case.family == "builtin":
        return _run_builtin(case)
    module, x, t, name = build(case)
    found = []
    if t is not None:
        res = check_criterion(module, x, t)
    else:
        res = check_module(module, x, rng=case.seed)
    if not res.passed:
        found.append("check: " + ", ".join(tt.name for tt in res.tensors if not tt.passed))
    if t is None and not check_projection(module, x, rng=case.seed).passed:
        found.append("projection")
    mv = verify(module, reference=name, x=x, t=t, dtype=case.dtype, seed=case.seed).results[0]
    if not mv.passed:
        found.append(f"verify: {mv.triage} {mv.error or ''}".strip())
    return found


def _run_builtin(case: Case) -> list[str]:
    """`gradcheck verify NAME --seed --size --batch` of a built-in, as the CLI runs it."""
    rng = np.random.default_rng(case.seed)
    names = ("Linear", "Tanh", "ReLU", "SoftMax", "LogSoftMax", "CrossEntropy", "CrossEntropyLog")
    name = names[rng.integers(len(names))]
    size, batch = int(rng.integers(2, 61)), int(rng.integers(1, 9))
    mv = verify(name, seed=case.seed, dtype=case.dtype, size=size, batch=batch).results[0]
    return [] if mv.passed else [f"verify {name} --size {size} --batch {batch}: {mv.triage}"]


def main(argv=None) -> int:
    """Run n float64 and n/2 float32 cases; print each failing case and the counts."""
    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv else 300
    failed = 0
    for dtype, count in (("float64", n), ("float32", n // 2)):
        for case in cases(count, dtype):
            found = run_case(case)
            if found:
                failed += 1
                print(f"{case}: {'; '.join(found)}")
    print(f"{failed} of {n + n // 2} cases failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
