"""What reading a student's conventions costs. Prints figures; asserts nothing.

    python benchmarks/reading_speed.py [--repeats 5] [--epochs 3] [--data-dir DIR]

1. `gradcheck verify FILE:Class --as REF` of students' files at the exercise's small sizes
   (a Linear(5, 3), a SoftMax, a per-sample CrossEntropy), wall and CPU seconds with the
   interpreter's start, SymPy and rendering (target: under 1.5 s each).
2. One tanh-MLP epoch (784-200-10, batch 600, MNIST) of gradcheck's own modules driven
   directly, and the same modules driven through the reading layer (each wrapped as a
   student's class would be), alternating, side by side in one run (target: at most +10%).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from verify_speed import command, wall

STUDENT = Path(__file__).resolve().parents[1] / "tests" / "train" / "students" / "skeleton.py"
CASES = [("Linear", ["--args", "5", "3"]), ("SoftMax", []), ("CrossEntropy", [])]


def verify_times(repeats: int) -> None:
    print(
        "verify of a student's file (course skeleton), wall / CPU seconds, median of "
        f"{repeats}; target < 1.5 s"
    )
    for cls, extra in CASES:
        walls, cpus = wall([*command(), "verify", f"{STUDENT}:{cls}", "--as", cls, *extra], repeats)
        print(
            f"  {cls:<14} {statistics.median(walls):6.2f} s wall  "
            f"{statistics.median(cpus):6.2f} s CPU"
        )


def networks(config):
    """The built-in network, and the same built-in instances read as a student's would be."""
    from gradcheck.modules import Sequential
    from gradcheck.reading import reference_cost
    from gradcheck.reading.criterion import read_criterion
    from gradcheck.reading.hints import Hints
    from gradcheck.reading.layer import read_layer
    from gradcheck.train.network import Network, build_network

    direct = build_network(config, 784, 10)
    rng = np.random.default_rng(0)
    twin = build_network(config, 784, 10)
    layers = [
        read_layer(
            m,
            type(m).__name__,
            reference=type(m).__name__,
            n=784 if k == 0 else None,
            hints=Hints(),
            rng=rng,
            randomize=False,
        )
        for k, m in enumerate(twin.model.modules)
    ]
    z = np.full((3, 10), 0.1)
    crit = read_criterion(
        twin.criterion,
        "CrossEntropy",
        reference="CrossEntropy",
        z=z,
        labels=np.array([0, 1, 2]),
        reference_cost=reference_cost("CrossEntropy"),
        hints=Hints(),
    )
    return direct, Network(Sequential(*layers), crit)


def epoch_times(epochs: int, data_dir: str | None) -> None:
    from gradcheck.train import load_data, make_config
    from gradcheck.train.loop import run_epoch
    from gradcheck.train.observer import Observer
    from gradcheck.train.sgd import SGD

    config = make_config("tanh-mlp", epochs=1)
    data = load_data(config, data_dir)
    direct, read = networks(config)
    times = {"direct": [], "through the reading layer": []}
    for _ in range(epochs):
        for name, net in (("direct", direct), ("through the reading layer", read)):
            start = time.perf_counter()
            run_epoch(net, SGD(config.lr), data, np.random.default_rng(0), config, 1, Observer())
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["direct"])
    print(f"tanh-MLP epoch, median of {epochs} alternating runs each; target +10% at most")
    for name, ts in times.items():
        m = statistics.median(ts)
        print(f"  {name:<26} {m:6.3f} s  ({m / base:.3f}×)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=11)
    parser.add_argument(
        "--data-dir", default=str(Path(__file__).resolve().parents[2] / "shared" / "data")
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory():
        verify_times(args.repeats)
        epoch_times(args.epochs, args.data_dir)


if __name__ == "__main__":
    main()
