"""`gradcheck train [PRESET]`: train one of the exercise's networks, with progress and a summary.

Rich lives here only: the loop in gradcheck.train reports through an Observer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from gradcheck.commands.limits import MAX_SEED, integer, real
from gradcheck.errors import CheckFailed, GradcheckError
from gradcheck.exitcodes import Exit
from gradcheck.filelock import locked
from gradcheck.train import (
    Metrics,
    Observer,
    PrecheckError,
    SymbolicPrecheckError,
    TrainingInterrupted,
    load_checkpoint,
    load_data,
    make_config,
    save_checkpoint,
    students,
    train,
)
from gradcheck.train.config import PRESETS
from gradcheck.train.network import build_network
from gradcheck.train.outputs import check_outputs
from gradcheck.train.plot import plot_curves, require_matplotlib
from gradcheck.train.summary import TrainSummary

# Bounds that keep a run's memory and time finite: a hidden layer of 4096 on 784 inputs is
# 3.2 M weights (26 MB in float64); a batch is at most the largest training set (60,000).
MAX_EPOCHS, MAX_LR, MAX_BATCH, MAX_HIDDEN = 10_000, 1e6, 65_536, 4096

SETTINGS = (
    "dataset",
    "epochs",
    "lr",
    "batch_size",
    "hidden",
    "activation",
    "init",
    "stable",
    "dtype",
    "preprocess",
    "seed",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = presets_text()
    parser.add_argument(
        "preset",
        nargs="?",
        default="softmax-regression",
        metavar="PRESET",
        help=f"one of {', '.join(PRESETS)} (default: softmax-regression)",
    )
    s = parser.add_argument_group("settings (each overrides the preset's)")
    s.add_argument("--dataset", metavar="NAME", help="mnist, fashion-mnist, cifar10, cifar100")
    s.add_argument("--epochs", type=integer(1, MAX_EPOCHS), metavar="N", help=f"1 to {MAX_EPOCHS}")
    s.add_argument(
        "--lr", type=real(0, MAX_LR), metavar="RATE", help=f"learning rate, > 0 and <= {MAX_LR:g}"
    )
    s.add_argument(
        "--batch-size",
        type=integer(1, MAX_BATCH),
        metavar="B",
        help=f"1 to {MAX_BATCH} (and at most the training set)",
    )
    s.add_argument(
        "--hidden",
        type=integer(0, MAX_HIDDEN),
        metavar="N",
        help=f"units of one hidden layer, 0 to {MAX_HIDDEN}; 0: none",
    )
    s.add_argument(
        "--activation",
        metavar="NAME",
        help="of the hidden layer: tanh, relu or another registered activation (gradcheck list)",
    )
    s.add_argument(
        "--init",
        metavar="NAME",
        help="xavier, normal or zeros; own: keep your modules' own initial weights",
    )
    pair = s.add_mutually_exclusive_group()
    pair.add_argument(
        "--stable",
        dest="stable",
        action="store_const",
        const=True,
        help="LogSoftMax + CrossEntropyLog",
    )
    pair.add_argument(
        "--naive", dest="stable", action="store_const", const=False, help="SoftMax + CrossEntropy"
    )
    s.add_argument("--dtype", metavar="NAME", help="float32 or float64")
    s.add_argument(
        "--preprocess",
        metavar="HOW",
        help="standardize (training set's mean and std per pixel) or scale (/255)",
    )
    s.add_argument(
        "--seed", type=integer(0, MAX_SEED), metavar="N", help="of the init and the shuffling"
    )
    m = parser.add_argument_group(
        "your own modules (each read as you wrote it; see `gradcheck verify --help`)"
    )
    m.add_argument(
        "--modules",
        metavar="FILE",
        help="take each module type the network needs from FILE, by class name "
        "(case aside; aliases such as Dense, Affine, Softmax, TanH, "
        "CrossEntropyLoss, LogCrossEntropyLoss)",
    )
    m.add_argument(
        "--module",
        action="append",
        default=[],
        metavar="REF=FILE:Class",
        help="one module type's class, explicitly (repeatable; overrides --modules)",
    )
    m.add_argument(
        "--no-precheck",
        action="store_true",
        help="train without checking the modules first (a warning line says so)",
    )
    f = parser.add_argument_group("files")
    f.add_argument("--data-dir", metavar="DIR", help="folder of the dataset's files")
    f.add_argument(
        "--metrics",
        metavar="PATH",
        help="write the per-epoch figures as JSON "
        "(non-finite numbers as the strings nan, inf, -inf)",
    )
    f.add_argument("--checkpoint", metavar="PATH", help="save the state (npz) after each epoch")
    f.add_argument("--resume", metavar="PATH", help="continue from a checkpoint")
    f.add_argument("--plot", metavar="PATH", help="draw the learning curves to PNG")


def presets_text() -> str:
    """Each preset's network and settings, from PRESETS itself."""
    lines = ["presets (each option overrides the preset's setting):"]
    for name, c in PRESETS.items():
        settings = (
            f"{c.epochs} epochs, lr {c.lr}, batch size {c.batch_size}, "
            f"init {c.init}, {c.dtype}, inputs {c.preprocess}d, seed {c.seed}"
        )
        lines += [f"  {name}", f"      {build_network(c, 784, 10).describe()}", f"      {settings}"]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    own_init = args.init == "own"
    if own_init and not (args.modules or args.module):
        raise GradcheckError("--init own keeps your modules' weights: give --modules FILE")
    settings = {k: getattr(args, k) for k in SETTINGS}
    settings["init"] = None if own_init else args.init
    config = make_config(args.preset, **settings)
    if args.plot:
        require_matplotlib()
    outputs = {
        "--metrics": args.metrics,
        "--checkpoint": args.checkpoint,
        "--plot": args.plot,
        "--output": args.output,
    }
    check_outputs(outputs, args.resume)  # before any work, so that no result is lost
    resume = load_checkpoint(args.resume, config) if args.resume else None
    classes = student_classes(config, args)
    with locked(outputs.values()):
        return _train(config, resume, classes, args)


def _train(config, resume, classes: dict, args: argparse.Namespace) -> int:
    """Load the data, train with a progress bar, write the files, print the summary."""
    from gradcheck.report.console import terminal
    from gradcheck.report.download import RichDownload
    from gradcheck.report.render import rich
    from gradcheck.report.text import failure_text
    from gradcheck.report.write import write, write_json

    # the progress (the download's too) and the epochs' lines: on stderr when stdout is the
    # result (--json, --format text or --output), on the terminal's stdout otherwise
    to_stderr = args.format != "rich" or args.output is not None
    console = terminal(args.no_color, file=sys.stderr if to_stderr else None)
    data = load_data(config, args.data_dir, progress=RichDownload(console))
    console.print(f"data: {data.description}")
    network = None
    if classes:
        network = students.build(
            config, classes, data.x_train.shape[1], data.n_classes, args.init == "own"
        )
        console.print(f"your modules: {network.describe()}")
        if args.no_precheck:
            console.print("[yellow]warning: --no-precheck: your modules train unchecked[/]")
    try:
        with RichObserver(console) as observer:
            metrics = train(
                config,
                data,
                observer=observer,
                checkpoint=args.checkpoint,
                resume=resume,
                network=network,
                precheck_modules=not args.no_precheck,
            )
    except PrecheckError as e:
        print(failure_text(e.results), file=sys.stderr)
        raise CheckFailed(str(e)) from e
    except SymbolicPrecheckError as e:
        failed = type(e.report)(tuple(r for r in e.report.results if not r.passed))
        terminal(args.no_color, file=sys.stderr).print(rich(failed))
        raise CheckFailed(str(e)) from e
    except TrainingInterrupted as e:
        return _interrupted(console, e, args)
    if args.metrics:
        write_json(metrics, args.metrics)
    if args.plot:
        plot_curves(metrics, args.plot)
    files = tuple(
        (w, str(getattr(args, w))) for w in ("metrics", "checkpoint", "plot") if getattr(args, w)
    )
    console.print()
    write(
        TrainSummary(metrics, len(data.x_train), len(data.x_val), files),
        args.format,
        args.output,
        args.no_color,
        command=args.command,
    )
    return Exit.PASS


def student_classes(config, args) -> dict:
    """{module type: the student's class} from --modules and --module, or {} for built-ins."""
    from gradcheck.modules.registry import names

    explicit = {}
    for item in args.module:
        ref, sep, spec = item.partition("=")
        if not sep or ref not in names():
            raise GradcheckError(
                f"--module expects REF=FILE:Class with REF one of "
                f"{', '.join(names())}, got {item!r}"
            )
        explicit[ref] = spec
    if not args.modules and not explicit:
        return {}
    return students.find_classes(students.needed(config), args.modules, explicit)


def _interrupted(console: Console, e: TrainingInterrupted, args: argparse.Namespace) -> int:
    """Ctrl-C: save the state after the last whole epoch (and its metrics), say how to go on."""
    ckpt = e.checkpoint
    path = args.checkpoint or str(Path("runs") / f"{args.preset}-interrupted.npz")
    save_checkpoint(ckpt, path)
    if args.metrics:
        from gradcheck.report.write import write_json

        write_json(Metrics(ckpt.config, ckpt.history), args.metrics)
    message = (
        f"interrupted: saved the state after epoch {ckpt.epoch} to {path}; "
        f"to continue, run the same command with --resume {path}"
    )
    console.print(message)
    if args.format == "json":  # the one JSON object on stdout, as cli.fail's for Ctrl-C
        from gradcheck.report.serialize import error_envelope
        from gradcheck.serialize import to_json

        print(
            to_json(
                error_envelope(args.command, message, "interrupted", int(Exit.INTERRUPTED)),
                indent=None,
            )
        )
    return Exit.INTERRUPTED


class RichObserver(Observer):
    """A progress bar for epochs and batches, and one line per epoch."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(
            TextColumn("{task.description:>6}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self.epochs = self.batches = None
        self.every = self.total = 1

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def on_precheck(self, results, seconds: float) -> None:
        self.console.print(
            f"bprop against finite differences, before training: "
            f"{_verdicts(results)} ({seconds:.2f} s)"
        )

    def on_symbolic(self, report, seconds: float) -> None:
        self.console.print(
            f"bprop against SymPy's Jacobian and finite differences: "
            f"{_verdicts(report.results)} ({seconds:.2f} s)"
        )

    def on_start(self, config, network, first_epoch: int, n_batches: int) -> None:
        self.console.print(f"network: {network.describe()}")
        self.console.print(
            f"settings: lr {config.lr}, batch size {config.batch_size}, "
            f"{config.epochs} epochs, init {config.init}, {config.dtype}, "
            f"seed {config.seed}"
            + (f"; resuming at epoch {first_epoch}" if first_epoch > 1 else "")
        )
        self.console.print(
            f"{'epoch':>9}  {'cost':>9}  {'train errors':>12}  {'val errors':>10}  {'seconds':>8}"
        )
        self.total = config.epochs
        self.epochs = self.progress.add_task(
            "epoch", total=config.epochs, completed=first_epoch - 1
        )
        self.batches = self.progress.add_task("batch", total=n_batches)
        self.every = max(1, n_batches // 200)  # a redraw costs more than a small batch

    def on_batch(self, epoch: int, batch: int, n_batches: int) -> None:
        if batch % self.every == 0 or batch == n_batches:
            self.progress.update(self.batches, completed=batch)

    def on_epoch(self, m) -> None:
        self.console.print(
            f"{m.epoch:>4}/{self.total:<4}  {m.cost:9.5f}  {m.train_errors:>12}  "
            f"{m.val_errors:>10}  {m.seconds:8.2f}"
        )
        self.progress.update(self.epochs, completed=m.epoch)
        self.progress.reset(self.batches)


def _verdicts(results) -> str:
    """e.g. 'Linear ok, SoftMax FAILED'."""
    return ", ".join(f"{r.module} {'ok' if r.passed else 'FAILED'}" for r in results)
