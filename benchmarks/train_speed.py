"""Seconds per epoch of gradcheck's training loop beside PyTorch CPU, same models, same data.

    python benchmarks/train_speed.py [--epochs 3] [--blocks 8] [--threads 2] [--data-dir DIR]

Both get the same float32 MNIST (preprocessed as the preset says), the same initial weights,
the same order (per epoch a seeded permutation of the indices), training errors counted from
the batch outputs, and one validation pass per epoch. Each batch is gathered by fancy indexing.
Ours is the real loop (run_epoch); PyTorch's the usual hand-written one.
Each side runs alone in a fresh process (an idle OpenBLAS or OpenMP thread pool spins and
slows the other library), in alternating blocks of epochs after a warm-up epoch, with the same
thread count; short blocks, many of them, because this machine's speed drifts by 20% within
minutes. Printed: the median seconds per epoch of each (and their quartiles) and the ratio,
and two references for what numpy allows: the same network hand-fused in plain numpy (no
modules, no checks), and a floor, an epoch of only the network's matrix products.
PyTorch is optional (not a dependency): without it only our figures are printed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gradcheck.train import SGD, Observer, build_network, load_data, make_config
from gradcheck.train.loop import run_epoch
from gradcheck.train.network import seeded_rngs

PRESETS = ("softmax-regression", "tanh-mlp")


def ours(config, data):
    """One epoch of the real loop per call; returns its seconds."""
    net = build_network(config, data.x_train.shape[1], data.n_classes)
    sgd, rng, epoch = SGD(config.lr), seeded_rngs(config.seed)[1], iter(range(1, 10**6))
    return net, lambda: run_epoch(net, sgd, data, rng, config, next(epoch), Observer()).seconds


def theirs(config, data, net):
    """One epoch of the same network, cost and SGD in PyTorch per call, from net's weights."""
    import torch

    linears = net.linears
    layers = []
    for i, lin in enumerate(linears):
        layer = torch.nn.Linear(lin.n_in, lin.n_out)
        with torch.no_grad():
            layer.weight.copy_(torch.from_numpy(lin.W.T.copy()))
            layer.bias.copy_(torch.from_numpy(lin.b))
        layers += [layer] + ([torch.nn.Tanh()] if i < len(linears) - 1 else [])
    model = torch.nn.Sequential(*layers)
    sgd = torch.optim.SGD(model.parameters(), lr=config.lr)
    rng = seeded_rngs(config.seed)[1]
    x_val, y_val = torch.from_numpy(data.x_val), torch.from_numpy(data.y_val)
    n, size = len(data.x_train), config.batch_size

    def epoch() -> float:
        start = time.perf_counter()
        order, errors = rng.permutation(n), 0
        for k in range(0, n, size):
            idx = order[k : k + size]
            x, t = torch.from_numpy(data.x_train[idx]), torch.from_numpy(data.y_train[idx])
            z = model(x)
            cost = torch.nn.functional.nll_loss(torch.log(torch.softmax(z, 1)), t)  # naive pair
            sgd.zero_grad()
            cost.backward()
            sgd.step()
            errors += int((z.argmax(1) != t).sum())
        with torch.no_grad():
            int((model(x_val).argmax(1) != y_val).sum())
        return time.perf_counter() - start

    return epoch


def fused(config, data, net):
    """One epoch of the same network hand-fused in plain numpy, from net's weights.

    The fastest numpy we could write, not what gradcheck trains with: no modules and no
    checks, in-place passes, and the SoftMax + CrossEntropy gradient taken in one step,
    (s - onehot) / B. It shows what numpy itself allows on this machine.
    """
    linears = net.linears
    ws, bs = [m.W.copy() for m in linears], [m.b.copy() for m in linears]
    rng, lr = seeded_rngs(config.seed)[1], config.lr
    n, size = len(data.x_train), config.batch_size

    def forward(x):
        hs = [x]  # (B, D), then each layer's output
        for i, (w, b) in enumerate(zip(ws, bs, strict=True)):
            h = hs[-1] @ w
            h += b
            if i < len(ws) - 1:
                np.tanh(h, out=h)
            hs.append(h)
        return hs

    def epoch() -> float:
        start = time.perf_counter()
        order, errors = rng.permutation(n), 0
        for k in range(0, n, size):
            idx = order[k : k + size]
            x, t = data.x_train[idx], data.y_train[idx]
            rows = np.arange(len(t))
            hs = forward(x)
            s = hs[-1]  # (B, C), made the softmax in place
            s -= s.max(axis=1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(axis=1, keepdims=True)
            -np.log(s[rows, t]).mean()  # the cost, as both other sides compute it
            errors += int((s.argmax(axis=1) != t).sum())
            s[rows, t] -= 1
            g = s
            g /= len(t)  # the cost's gradient at the logits
            for i in reversed(range(len(ws))):
                grad_w, grad_b = hs[i].T @ g, g.sum(axis=0)
                if i:
                    g_in, h = g @ ws[i].T, hs[i]
                    np.multiply(h, h, out=h)  # tanh' = 1 - h², in place of h
                    np.subtract(1, h, out=h)
                    g_in *= h
                grad_w *= lr
                ws[i] -= grad_w
                bs[i] -= lr * grad_b
                if i:
                    g = g_in
        int((forward(data.x_val)[-1].argmax(axis=1) != data.y_val).sum())
        return time.perf_counter() - start

    return epoch


def products(config, data, net):
    """One epoch of only the matrix products (and each batch's gather), from net's weights.

    What no implementation of this network can skip: per batch the forward products, the
    weight gradients' products and the input gradients' past the first layer; the validation
    pass's forward products. The time above this floor is each side's overhead.
    """
    weights = [m.W for m in net.linears]
    rng = seeded_rngs(config.seed)[1]
    n, size = len(data.x_train), config.batch_size

    def epoch() -> float:
        start = time.perf_counter()
        order = rng.permutation(n)
        for k in range(0, n, size):
            hs = [data.x_train[order[k : k + size]]]  # (B, D), then each layer's output
            for w in weights:
                hs.append(hs[-1] @ w)
            g = hs[-1]  # stands in for the gradient: any array of the output's shape
            for i in reversed(range(len(weights))):
                hs[i].T @ g  # the weight gradient's product
                if i:
                    g = g @ weights[i].T
        h = data.x_val
        for w in weights:
            h = h @ w
        return time.perf_counter() - start

    return epoch


def child(side: str, preset: str, epochs: int, data_dir: str) -> list[float]:
    """Seconds of each epoch, the warm-up first, of one side alone in this process."""
    config = make_config(preset, dtype="float32")
    data = load_data(config, data_dir, download=False)
    net, epoch = ours(config, data)
    if side == "torch":
        import torch

        torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))
        epoch = theirs(config, data, net)
    elif side == "products":
        epoch = products(config, data, net)
    elif side == "fused":
        epoch = fused(config, data, net)
    return [epoch() for _ in range(epochs + 1)]


def measure(side: str, preset: str, args) -> list[float]:
    """Run one side in a fresh process, so neither library's idle threads slow the other."""
    env = {
        **os.environ,
        "OMP_NUM_THREADS": str(args.threads),
        "OPENBLAS_NUM_THREADS": str(args.threads),
    }
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            side,
            "--preset",
            preset,
            "--epochs",
            str(args.epochs),
            "--data-dir",
            args.data_dir,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)[1:]  # without the warm-up


def _quartiles(t: list[float]) -> str:
    """' (q1–q3)', or nothing for a single epoch."""
    if len(t) < 2:
        return ""
    q1, _, q3 = statistics.quantiles(t, n=4)
    return f" ({q1:.3f}–{q3:.3f})"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=3, help="per block, after a warm-up epoch")
    p.add_argument("--blocks", type=int, default=8, help="alternating blocks per side")
    p.add_argument("--threads", type=int, default=2, help="for both OpenBLAS and PyTorch")
    p.add_argument("--data-dir", default=str(REPO.parent / "shared" / "data" / "mnist"))
    p.add_argument(
        "--child", choices=("ours", "fused", "products", "torch"), help=argparse.SUPPRESS
    )
    p.add_argument("--preset", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.preset, args.epochs, args.data_dir)))
        return 0
    has_torch = importlib.util.find_spec("torch") is not None
    print(
        f"numpy {np.__version__}, {args.threads} threads, float32, "
        + (
            "PyTorch CPU beside it"
            if has_torch
            else "PyTorch not installed: our figures only (pip install torch to compare)"
        )
    )
    for preset in PRESETS:
        sides = ("ours", "fused", "products") + (("torch",) if has_torch else ())
        times = {side: [] for side in sides}
        for _ in range(args.blocks):
            for side in sides:
                times[side] += measure(side, preset, args)
        s = {side: statistics.median(t) for side, t in times.items()}
        spread = {side: f"{s[side]:.3f}" + _quartiles(t) for side, t in times.items()}
        print(f"{preset}: seconds per epoch, median (quartiles) of {len(times['ours'])}")
        print(f"  ours                        {spread['ours']}")
        print(f"  hand-fused numpy            {spread['fused']}")
        print(f"  its matrix products only    {spread['products']}")
        if has_torch:
            print(
                f"  PyTorch                     {spread['torch']}"
                f"   ours/PyTorch {s['ours'] / s['torch']:.2f}"
                f"   fused/PyTorch {s['fused'] / s['torch']:.2f}"
                f"   products only/PyTorch {s['products'] / s['torch']:.2f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
