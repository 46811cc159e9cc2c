"""Memory and time of `gradcheck verify` against its Jacobian entries: the figures behind
BYTES_PER_ENTRY and the default memory budget in gradcheck/commands/limits.py.

Each case runs in a fresh process; its peak RSS minus a baseline (Tanh at size 2) over the
entries B · M · (N + P) gives bytes per entry.
Run: PYTHONPATH=. python benchmarks/option_limits.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

CASES = [
    ("Tanh", 2, 1),
    ("SoftMax", 256, 3),
    ("SoftMax", 512, 3),
    ("SoftMax", 64, 300),
    ("Linear", 32, 3),
    ("Linear", 64, 3),
    ("Linear", 48, 12),
]
RSS = (
    "import resource, sys; from gradcheck.cli import main; code = main(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)"
)


def measure(name: str, size: int, batch: int) -> tuple[float, int]:
    """Seconds and peak bytes of one verify in a fresh process."""
    argv = ["verify", name, "--size", str(size), "--batch", str(batch), "--json"]
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", RSS, *argv], capture_output=True, text=True, env=env, check=False
    )
    seconds = time.perf_counter() - t0
    return seconds, int(out.stdout.strip().splitlines()[-1])


def main() -> int:
    from gradcheck.commands.limits import BYTES_PER_ENTRY, DEFAULT_MB, entries

    _, base = measure(*CASES[0])
    print(f"baseline (Tanh, size 2, batch 1): {base / 1e6:.0f} MB")
    print(
        f"{'module':<8} {'size':>5} {'batch':>5} {'entries':>10} {'seconds':>8} "
        f"{'MB over base':>12} {'bytes/entry':>11}"
    )
    for name, size, batch in CASES[1:]:
        e = entries(name, size, batch)
        seconds, peak = measure(name, size, batch)
        print(
            f"{name:<8} {size:>5} {batch:>5} {e:>10,} {seconds:>8.2f} "
            f"{(peak - base) / 1e6:>12.0f} {(peak - base) / e:>11.0f}"
        )
    print(
        f"limit: {DEFAULT_MB * 1e6 / BYTES_PER_ENTRY:,.0f} entries (the default budget, "
        f"{DEFAULT_MB} MB, at {BYTES_PER_ENTRY} bytes each)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
