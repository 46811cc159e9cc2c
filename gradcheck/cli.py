"""The command line: `gradcheck list | verify | derive | train`. main(argv) -> exit code."""

from __future__ import annotations

import argparse
import importlib
import sys

from gradcheck import __version__
from gradcheck.errors import GradcheckError

# subcommand -> module in gradcheck.commands with add_arguments(parser) and run(args) -> int;
# each is imported only when needed, so `gradcheck --help` stays fast (no SymPy).
COMMANDS = {
    "list": "the built-in modules, one line each with its fprop",
    "verify": "check bprop three ways: SymPy's Jacobian, bprop and finite differences",
    "derive": "a module's Jacobian derived by SymPy, step by step, identities proved",
    "train": "train a preset network on MNIST-like data, with SGD and a progress bar",
    "data": "where each dataset is looked for, what was found (checksums), how to get the rest",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gradcheck",
        description="Derive, check and train hand-written backpropagation.")
    parser.add_argument("--version", action="version", version=f"gradcheck {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        sub.add_parser(name, help=help_text, description=help_text, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if args.command is None:
        parser.print_help()
        return 0 if not rest else 2
    command = importlib.import_module(f"gradcheck.commands.{args.command.replace('-', '_')}")
    sub = argparse.ArgumentParser(prog=f"gradcheck {args.command}",
                                  description=COMMANDS[args.command])
    command.add_arguments(sub)
    sub_args = sub.parse_args(rest)
    sub_args.debug = args.debug or getattr(sub_args, "debug", False)
    try:
        return command.run(sub_args)
    except GradcheckError as e:
        if sub_args.debug:
            raise
        print(f"gradcheck {args.command}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"gradcheck {args.command}: interrupted", file=sys.stderr)
        return 130
