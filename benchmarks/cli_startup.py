"""Wall time of `gradcheck --help` (target: under 0.3 s), beside a bare `python -c pass`.

Run: python benchmarks/cli_startup.py [repeats]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def wall(cmd: list[str], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return times


def main(repeats: int = 10) -> int:
    bare = wall([sys.executable, "-c", "pass"], repeats)
    cli = wall([sys.executable, "-m", "gradcheck", "--help"], repeats)
    for name, t in (("python -c pass", bare), ("gradcheck --help", cli)):
        print(f"{name:<18} min {min(t):.3f} s  median {statistics.median(t):.3f} s")
    ok = statistics.median(cli) < 0.3
    print(
        f"gradcheck --help median {statistics.median(cli):.3f} s: "
        f"{'within' if ok else 'OVER'} the 0.3 s target "
        f"({statistics.median(cli) / statistics.median(bare):.1f}x a bare interpreter)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10))
