"""How fast the three-way check is, end to end and per entry. Prints figures; asserts nothing.

    python benchmarks/verify_speed.py [--repeats 5]

1. `gradcheck verify SoftMax` and `gradcheck verify --all`, wall clock with interpreter start,
   SymPy and rendering (targets: 1.5 s and 3 s on a 2-core machine).
2. The full per-entry numeric check of Linear(784, 10), input and weights, batch 4, float64
   (target 0.1 s), and torch.autograd.gradcheck on the same function when torch is importable.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

TARGETS = {"verify SoftMax": 1.5, "verify --all": 3.0, "check Linear(784, 10)": 0.1}


def command() -> list[str]:
    script = Path(sys.executable).with_name("gradcheck")
    found = str(script) if script.exists() else shutil.which("gradcheck")
    return [found] if found else [sys.executable, "-m", "gradcheck"]


def wall(argv: list[str], repeats: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds per run of argv, output discarded; each must succeed.

    On a loaded machine wall time grows with the load; CPU time much less so.
    """
    walls, cpus = [], []
    for _ in range(repeats):
        c0, t0 = _children_cpu(), time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - t0)
        cpus.append(_children_cpu() - c0)
    return walls, cpus


def _children_cpu() -> float:
    t = os.times()
    return t.children_user + t.children_system


def timed(f, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return times


def gradcheck_linear():
    from gradcheck.checker import check_module
    from gradcheck.modules import Linear

    rng = np.random.default_rng(0)
    lin, x = Linear(784, 10, rng=rng), rng.standard_normal((4, 784))
    return lambda: check_module(lin, x, rng=0)


def torch_linear():
    """torch.autograd.gradcheck of x W + b with respect to x, W and b, or None without torch."""
    try:
        import torch
    except ImportError:
        return None
    g = torch.Generator().manual_seed(0)
    args = [
        torch.randn(*s, dtype=torch.float64, generator=g, requires_grad=True)
        for s in ((4, 784), (784, 10), (10,))
    ]
    return lambda: torch.autograd.gradcheck(lambda x, w, b: x @ w + b, args)


def show(name: str, times: list[float], cpus: list[float] | None = None) -> None:
    target = TARGETS.get(name)
    best, mid = min(times), statistics.median(times)
    cpu = "" if cpus is None else f"  cpu median {statistics.median(cpus):6.3f} s"
    verdict = (
        "" if target is None else f"  target {target:g} s: {'ok' if mid <= target else 'MISSED'}"
    )
    print(f"{name:<26} min {best:6.3f} s  median {mid:6.3f} s{cpu}  ({len(times)} runs){verdict}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    cli = command()
    print(
        f"{' '.join(cli)}, {args.repeats} runs each, python {sys.version.split()[0]}, "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    show("verify SoftMax", *wall([*cli, "verify", "SoftMax"], args.repeats))
    show("verify --all", *wall([*cli, "verify", "--all"], args.repeats))
    ours = timed(gradcheck_linear(), args.repeats)
    show("check Linear(784, 10)", ours)
    torch_check = torch_linear()
    if torch_check is None:
        print("torch.autograd.gradcheck: torch not importable, skipped")
        return 0
    theirs = timed(torch_check, max(1, args.repeats // 2))
    show("torch.autograd.gradcheck", theirs)
    ratio = statistics.median(theirs) / statistics.median(ours)
    print(f"ratio torch / gradcheck (medians): {ratio:.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
