"""`gradcheck verify`: symbolic Jacobian, bprop and finite differences, three ways at once."""

from __future__ import annotations

import argparse
import sys

from gradcheck.commands.limits import (
    MAX_SEED,
    check_budget,
    check_step,
    integer,
    real,
    step_range,
)
from gradcheck.errors import GradcheckError

MAX_BATCH, MAX_SIZE, MAX_TIME_LIMIT = 1024, 65536, 3600  # the memory budget bounds the rest


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help="a built-in (SoftMax, Linear, ...) or path/to/file.py:ClassName",
    )
    parser.add_argument("--all", action="store_true", help="every built-in module")
    parser.add_argument(
        "--demo-bugs",
        action="store_true",
        help="the planted bugs: each must be caught with the right triage",
    )
    parser.add_argument(
        "--as",
        dest="reference",
        metavar="BUILTIN",
        help="check a file's class against this built-in's symbolic Jacobian "
        "(also SoftMax+CrossEntropy, LogSoftMax+CrossEntropyLog: a "
        "criterion on logits)",
    )
    parser.add_argument(
        "--formula",
        metavar="EXPR",
        help="check against this SymPy formula instead of a built-in: "
        "elementwise in x ('1/(1+exp(-x))') or row-wise in x[i], x[j], N "
        "('x[i]/sqrt(Sum(x[j]**2, (j, 0, N-1)))')",
    )
    parser.add_argument(
        "--args",
        nargs="*",
        default=[],
        metavar="ARG",
        help="constructor arguments for a file's class (784 → int)",
    )
    parser.add_argument(
        "--seed", type=integer(0, MAX_SEED), default=0, help="random inputs' seed (default 0)"
    )
    parser.add_argument("--dtype", choices=("float64", "float32"), default="float64")
    parser.add_argument(
        "--batch",
        type=integer(1, MAX_BATCH),
        default=3,
        help=f"samples per batch, 1 to {MAX_BATCH} (default 3)",
    )
    parser.add_argument(
        "--size",
        type=integer(1, MAX_SIZE),
        metavar="N",
        help=f"input width N, 1 to {MAX_SIZE} (default 4, or the module's). Per "
        "built-in: Linear N → N+1 (weights (N, N+1), distinct sizes so a "
        "transpose shows); Tanh, ReLU, SoftMax, LogSoftMax N → N; "
        "CrossEntropy, CrossEntropyLog N classes → 1 cost",
    )
    parser.add_argument(
        "--memory-budget",
        type=real(0, 2**20),
        default=None,
        metavar="MB",
        help="MB the Jacobians may take (default 1024); a check that cannot "
        "fit is refused before allocating",
    )
    ranges = "; ".join(f"{d} %.2g to %.2g" % step_range(d) for d in ("float64", "float32"))
    parser.add_argument(
        "--step",
        type=real(0, 0.1),
        help=f"relative finite-difference step (default cbrt(eps); {ranges})",
    )
    reading = parser.add_argument_group(
        "reading a student's class (detected; these override)",
        "Conventions read: fprop/bprop, forward/backward, forward/back, __call__/grad, "
        "bprop(inputs, outputs, grads_wrt_outputs) with grads_wrt_params, get_grad_param; "
        "params/grads lists or dicts, W/b with dW/db, grad_W, ...; W (in, out) or (out, in), "
        "bias (n,), (1, n) or folded into W; criteria with set_target(s), forward(z, t) or "
        "__call__(z, t), cost as batch mean, sum or one loss per sample.",
    )
    reading.add_argument("--forward", metavar="NAME", help="the forward method's name")
    reading.add_argument("--backward", metavar="NAME", help="the backward method's name")
    reading.add_argument(
        "--backward-call",
        metavar="HOW",
        choices=("g", "x,g", "x,y,g", "g,lr"),
        help="how backward is called: g (grad_y), x,g, x,y,g "
        "(inputs, outputs, grads), g,lr (an SGD step inside)",
    )
    reading.add_argument(
        "--grads",
        metavar="P=G,...",
        help="parameters and their gradients' attributes, e.g. W=dW,b=db",
    )
    reading.add_argument(
        "--reduction",
        choices=("mean", "sum", "per-sample"),
        help="a criterion's cost: batch mean, batch sum, one loss per sample",
    )
    reading.add_argument(
        "--target", choices=("labels", "one-hot"), help="what a criterion's target is"
    )
    reading.add_argument(
        "--layout",
        choices=("in,out", "out,in", "folded"),
        help="a Linear's W: stored (in, out), (out, in), or with the bias folded in",
    )
    reading.add_argument(
        "--single-sample",
        action="store_true",
        default=None,
        help="the module takes one sample (1-D input) at a time",
    )
    reading.add_argument(
        "--time-limit",
        type=real(0, MAX_TIME_LIMIT),
        default=10.0,
        metavar="SECONDS",
        help=f"per call of the student's code (default 10, at most {MAX_TIME_LIMIT})",
    )


def run(args: argparse.Namespace) -> int:
    check_step(args.step, args.dtype)
    if args.demo_bugs:
        if args.formula is not None:
            raise GradcheckError(
                f"--demo-bugs runs the catalogue: expected no --formula, got {args.formula!r}"
            )
        return _demo(args)
    if args.formula is not None and args.all:
        raise GradcheckError(
            "--formula describes one module: expected NAME (a built-in or "
            "file.py:ClassName), got --all"
        )
    names = _names(args)
    from gradcheck.threeway import verify_many
    from gradcheck.threeway.load import parse_args

    ctor = parse_args(args.args)
    check_budget(names, args.size or 4, args.batch, ctor, args.memory_budget)
    report = verify_many(
        names,
        seed=args.seed,
        dtype=args.dtype,
        batch=args.batch,
        size=args.size,
        reference=args.reference,
        args=ctor,
        step=args.step,
        hints=hints(args),
        formula=args.formula,
        memory_budget=args.memory_budget,
    )
    from gradcheck.report.write import write

    write(report, args.format, args.output, args.no_color, command=args.command, ok=report.passed)
    if args.debug:
        for r in report.results:
            if r.traceback:
                print(f"{r.module}: the student's traceback\n{r.traceback}", file=sys.stderr)
    return 0 if report.passed else 1


def hints(args):
    """The reading options as gradcheck.reading.Hints."""
    from gradcheck.reading.hints import Hints, pairs

    params, grads = pairs(args.grads)
    return Hints(
        forward=args.forward,
        backward=args.backward,
        backward_call=args.backward_call,
        params=params,
        grads=grads,
        reduction=args.reduction,
        target=args.target,
        single=args.single_sample,
        layout=args.layout,
        time_limit=args.time_limit,
    )


def _names(args) -> list[str]:
    from gradcheck.modules.registry import names

    if args.all and args.names:
        raise GradcheckError(f"give NAME or --all, not both: got --all and {args.names[0]}")
    if not args.all and not args.names:
        raise GradcheckError(
            "expected NAME (a built-in or file.py:ClassName), --all or --demo-bugs, got none"
        )
    return list(names()) if args.all else args.names


def _demo(args) -> int:
    from gradcheck.report.write import write
    from gradcheck.threeway.demo import BugDemo, run_bugs

    if args.names or args.all:
        raise GradcheckError("--demo-bugs runs the catalogue: expected no NAME and no --all")
    if args.batch < 2:
        raise GradcheckError(
            f"--demo-bugs needs --batch >= 2 (a batch of 1 hides a missing "
            f"batch sum), got {args.batch}"
        )
    from gradcheck.modules.registry import names

    # every built-in's bugs run: each must fit
    check_budget(list(names()), args.size or 4, args.batch, (), args.memory_budget)
    demo = BugDemo(run_bugs(seed=args.seed, size=args.size or 4, batch=args.batch))
    write(demo, args.format, args.output, args.no_color, command=args.command, ok=demo.caught)
    return 0 if demo.caught else 1
