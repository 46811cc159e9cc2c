"""Checks at the exercise's real sizes: seconds and peak memory, torch beside. Asserts nothing.

    python benchmarks/check_sizes.py [--repeats 3] [--sizes 10 30 100 300 1000] [--torch-limit 60]

1. `gradcheck verify FILE:StudentLinear --as Linear --args 784 200`, a student-style class
   (fprop/bprop/params/grads) written to a temp file, run as a subprocess: wall seconds and
   peak RSS from /usr/bin/time (targets 3 s, 600 MB).
2. `gradcheck verify Linear --size 784`, Linear(784, 785): targets 10 s and 1.5 GB, or a refusal.
3. The full per-entry check of every parameter of Linear(784,200) → Tanh → Linear(200,10) →
   SoftMax at batch 2 (159,010 entries), check_module in this process (target 1.0 s), beside
   torch.autograd.gradcheck of the same function in slow mode (per entry) and fast mode (one
   random projection), and the planted Linear bugs in the first layer (each must FAIL).
4. Check time against size N: verify(Linear, size=N) (Linear(N, N+1), batch 2, three ways,
   in this process), check_module of Linear(N, N) → Tanh → Linear(N, 10) → SoftMax at batch 2,
   torch slow and fast on that network. Torch's slow mode is skipped where its time, scaled
   from the last measured size by the number of parameters, would pass --torch-limit seconds
   (printed as an estimate, marked "est.").
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gradcheck.checker import check_module
from gradcheck.modules import Linear, Sequential, SoftMax, Tanh
from gradcheck.modules.linear import LinearAccumulate, LinearFirstRowBias
from gradcheck.threeway import verify

STUDENT = """import numpy as np


class StudentLinear:
    def __init__(self, n_in, n_out):
        rng = np.random.default_rng(1)
        self.W = rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)
        self.b = rng.standard_normal(n_out) * 0.1
        self.grad_W, self.grad_b = np.zeros_like(self.W), np.zeros_like(self.b)
        self.params, self.grads = [self.W, self.b], [self.grad_W, self.grad_b]

    def fprop(self, x):
        self.x = x
        return x @ self.W + self.b

    def bprop(self, grad_y):
        self.grad_W[...] = self.x.T @ grad_y
        self.grad_b[...] = grad_y.sum(axis=0)
        return grad_y @ self.W.T
"""


def cli() -> list[str]:
    script = Path(sys.executable).with_name("gradcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gradcheck"]


def measured(argv: list[str], cwd: str) -> tuple[float, float, int, str]:
    """(wall s, peak RSS MB, exit code, last line of stderr) of one run under /usr/bin/time."""
    timer = shutil.which("time") or "/usr/bin/time"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = subprocess.run(
        [timer, "-f", "%e %M", *argv], cwd=cwd, env=env, text=True, capture_output=True, check=False
    )
    lines = [
        line
        for line in run.stderr.strip().splitlines()
        if not line.startswith("Command exited with non-zero status")
    ]
    wall, kb = lines[-1].split()
    said = lines[-2] if len(lines) > 1 else ""  # the refusal, when it exits non-zero
    return float(wall), int(kb) / 1024, run.returncode, said


def subprocess_rows(repeats: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "student.py").write_text(STUDENT)
        cases = [
            (
                "verify student Linear(784, 200)",
                [
                    *cli(),
                    "verify",
                    "student.py:StudentLinear",
                    "--as",
                    "Linear",
                    "--args",
                    "784",
                    "200",
                ],
                3.0,
                600,
            ),
            ("verify Linear --size 784", [*cli(), "verify", "Linear", "--size", "784"], 10.0, 1536),
        ]
        for name, argv, t_max, mb_max in cases:
            runs = [measured(argv, tmp) for _ in range(repeats)]
            wall = statistics.median(r[0] for r in runs)
            mb = max(r[1] for r in runs)
            codes = {r[2] for r in runs}
            said = "" if codes <= {0} else f"  exit {sorted(codes)}: {runs[-1][3]}"
            ok = "ok" if wall <= t_max and mb <= mb_max else "MISSED"
            print(
                f"{name:<34} median {wall:6.2f} s  peak {mb:7.0f} MB  ({repeats} runs)  "
                f"targets {t_max:g} s, {mb_max} MB: {ok}{said}"
            )


def network(n: int, rng) -> Sequential:
    return Sequential(Linear(n, n, rng=rng), Tanh(), Linear(n, 10, rng=rng), SoftMax())


def exercise_network(rng, first=Linear) -> Sequential:
    return Sequential(first(784, 200, rng=rng), Tanh(), Linear(200, 10, rng=rng), SoftMax())


def best_of(f, repeats: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def torch_check(net: Sequential, x: np.ndarray, fast: bool):
    """torch.autograd.gradcheck of the same network with respect to every parameter, or None."""
    try:
        import torch
    except ImportError:
        return None
    lin1, lin2 = net.modules[0], net.modules[2]
    params = [
        torch.tensor(p, dtype=torch.float64, requires_grad=True)
        for p in (lin1.W, lin1.b, lin2.W, lin2.b)
    ]
    xt = torch.tensor(x, dtype=torch.float64)

    def f(w1, b1, w2, b2):
        return torch.softmax(torch.tanh(xt @ w1 + b1) @ w2 + b2, dim=1)

    return lambda: torch.autograd.gradcheck(f, params, fast_mode=fast)


def network_rows(repeats: int, torch_repeats: int) -> None:
    rng = np.random.default_rng(0)
    net, x = exercise_network(rng), rng.standard_normal((2, 784))
    ours, result = best_of(lambda: check_module(net, x, rng=0), repeats)
    entries = sum(t.n_entries for t in result.tensors[1:]) // 20
    print(
        f"check_module 784-200-10 network, batch 2, {entries:,} parameter entries: "
        f"median {ours:.3f} s ({repeats} runs), {'PASS' if result.passed else 'FAIL'}; "
        f"target 1.0 s: {'ok' if ours <= 1.0 else 'MISSED'}"
    )
    for bug in (LinearFirstRowBias, LinearAccumulate):
        broken = exercise_network(np.random.default_rng(0), bug)
        seconds, found = best_of(lambda b=broken: check_module(b, x, rng=0), 1)
        failed = [t.name for t in found.tensors if not t.passed]
        print(
            f"  planted {bug.__name__} in layer 0: {'FAIL' if not found.passed else 'PASS'} "
            f"({', '.join(failed)}) in {seconds:.2f} s"
        )
    slow, fast = torch_check(net, x, False), torch_check(net, x, True)
    if slow is None:
        print("torch not importable: no comparison")
        return
    theirs, _ = best_of(slow, torch_repeats)
    quick, _ = best_of(fast, repeats)
    print(
        f"torch.autograd.gradcheck slow mode (per entry): {theirs:.2f} s; ours is "
        f"{theirs / ours:.0f}× faster (target ≥ 40×: {'ok' if theirs / ours >= 40 else 'MISSED'})"
    )
    print(f"torch.autograd.gradcheck fast mode (one random projection): {quick:.4f} s")


def size_table(sizes: list[int], torch_limit: float) -> None:
    verify("Linear", size=4, batch=2)  # SymPy's import and the derivation, once, not timed
    print("\ncheck time against size N (seconds, one run each; batch 2)")
    print(
        f"{'N':>6} {'verify Linear(N, N+1)':>22} {'check N-N-10 network':>21} "
        f"{'torch slow':>12} {'torch fast':>11} {'parameters':>11}"
    )
    last = None  # (parameters, seconds) of torch's last measured slow run
    for n in sizes:
        rng = np.random.default_rng(0)
        lin_s, _ = best_of(lambda n=n: verify("Linear", size=n, batch=2), 1)
        net, x = network(n, rng), rng.standard_normal((2, n))
        net_s, _ = best_of(lambda net=net, x=x: check_module(net, x, rng=0), 1)
        n_params = sum(p.size for p in net.params)
        slow, fast = torch_check(net, x, False), torch_check(net, x, True)
        cells = ["-", "-"]
        if slow is not None:
            guess = None if last is None else last[1] * n_params / last[0]
            if guess is not None and guess > torch_limit:
                cells[0] = f"est. {guess:.0f}"
            else:
                t, _ = best_of(slow, 1)
                last, cells[0] = (n_params, t), f"{t:.3f}"
            cells[1] = f"{best_of(fast, 1)[0]:.4f}"
        print(f"{n:>6} {lin_s:>22.3f} {net_s:>21.3f} {cells[0]:>12} {cells[1]:>11} {n_params:>11,}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 30, 100, 300, 1000])
    parser.add_argument(
        "--torch-limit",
        type=float,
        default=60.0,
        help="skip torch's slow mode where it would take longer (seconds)",
    )
    args = parser.parse_args(argv)
    print(
        f"python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores"
    )
    subprocess_rows(args.repeats)
    network_rows(args.repeats, 1)
    size_table(args.sizes, args.torch_limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
