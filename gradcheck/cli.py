"""The command line: `gradcheck list | verify | derive | train`. main(argv) -> exit code."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from dataclasses import dataclass
from itertools import pairwise

from gradcheck import __version__
from gradcheck.errors import GradcheckError, UsageError
from gradcheck.exitcodes import Exit, epilog

# subcommand -> module in gradcheck.commands with add_arguments(parser) and run(args) -> int;
# each is imported only when needed, so `gradcheck --help` stays fast (no SymPy).
COMMANDS = {
    "list": "the built-in modules, one line each with its fprop",
    "verify": "check bprop three ways: SymPy's Jacobian, bprop and finite differences",
    "derive": "a module's Jacobian derived by SymPy, step by step, identities proved",
    "train": "train a preset network on MNIST-like data, with SGD and a progress bar",
    "data": "where each dataset is looked for, what was found (checksums), how to get the rest",
}


class ParserExit(Exception):
    """argparse finished early (--help, --version): the exit status, nothing went wrong."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting: an error is one line, --help returns 0."""

    def error(self, message: str):
        raise UsageError(f"{message} (see {self.prog} --help)")

    def exit(self, status: int = 0, message: str | None = None):
        if message:
            sys.stderr.write(message)
        raise ParserExit(status)


# The formats every command writes; a command's FORMATS may add latex and markdown (derive).
FORMATS = ("rich", "text", "json")
ALL_FORMATS = (*FORMATS, "latex", "markdown")  # as gradcheck.report.write writes them


def add_debug(parser: Parser) -> None:
    """--debug, the one option before the command too (`gradcheck --debug verify ...`)."""
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")


def debug() -> Parser:
    parser = Parser(add_help=False)
    add_debug(parser)
    return parser


def add_common(parser: Parser) -> None:
    """The options every command takes, defined once: --debug and the output options (added,
    not inherited as a parent: argparse would move the exclusive formats out of their group)."""
    add_debug(parser)
    out = parser.add_argument_group("output (every command)")
    form = out.add_mutually_exclusive_group()
    form.add_argument(
        "--format",
        choices=ALL_FORMATS,
        default="rich",
        help="rich (the terminal's, default), text (plain), json (README: JSON "
        "output), latex or markdown (derive only)",
    )
    for fmt, what in (
        ("json", "the result as JSON, nothing else (--format json)"),
        ("latex", "a LaTeX document (--format latex; derive only)"),
        ("markdown", "Markdown with MathJax (--format markdown; derive only)"),
    ):
        form.add_argument(f"--{fmt}", dest="format", action="store_const", const=fmt, help=what)
    out.add_argument(
        "--output",
        metavar="FILE",
        help="write to FILE (atomically) instead of stdout; rich becomes text",
    )
    out.add_argument("--no-color", action="store_true", help="no colours (also NO_COLOR)")


def build_parser() -> Parser:
    parser = Parser(
        prog="gradcheck",
        parents=[debug()],
        epilog=epilog(),
        description="Derive, check and train hand-written backpropagation.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"gradcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        sub.add_parser(name, help=help_text, description=help_text, add_help=False)
    return parser


def command_parser(name: str, command) -> Parser:
    parser = Parser(prog=f"gradcheck {name}", description=COMMANDS[name])
    add_common(parser)
    command.add_arguments(parser)
    return parser


@dataclass
class Session:
    """What the error handler must know: who speaks, in JSON or not, with tracebacks or not."""

    prog: str = "gradcheck"
    command: str | None = None
    json: bool = False
    debug: bool = False


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit code (gradcheck.exitcodes.Exit), never a SystemExit."""
    argv = sys.argv[1:] if argv is None else list(argv)
    s = Session(debug="--debug" in options_part(argv))
    try:
        code = dispatch(argv, s)
        if sys.stdout is not None:  # None when started with stdout closed (`>&-`)
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return code
    except ParserExit as e:
        return e.status
    except BrokenPipeError:
        return quiet_stdout()
    except KeyboardInterrupt:
        return fail(s, Exit.INTERRUPTED, "interrupted", "interrupted")
    except UsageError as e:
        return fail(s, Exit.USAGE, "usage", str(e))
    except GradcheckError as e:
        return fail(s, Exit(e.exit_code), "input", str(e), traced=True)
    except Exception as e:  # noqa: BLE001 - a bug of gradcheck's own: one line, code 3
        return fail(s, Exit.INTERNAL, "internal", internal_line(e), traced=True)


def dispatch(argv: list[str], s: Session) -> int:
    """Parse the command line in two steps (the command's module is imported only now), run."""
    args, rest = build_parser().parse_known_args(argv)
    if args.command is None:
        if rest:
            raise UsageError(f"unrecognized arguments: {' '.join(rest)} (see gradcheck --help)")
        build_parser().print_help()
        return Exit.PASS
    s.prog, s.command = f"gradcheck {args.command}", args.command
    command = importlib.import_module(f"gradcheck.commands.{args.command.replace('-', '_')}")
    parser = command_parser(args.command, command)
    s.json = wants_json(rest)
    sub_args = parser.parse_args(rest)
    sub_args.debug = s.debug = args.debug or sub_args.debug
    sub_args.command = args.command
    formats = getattr(command, "FORMATS", FORMATS)
    if sub_args.format not in formats:
        raise UsageError(
            f"expected a format {args.command} writes ({', '.join(formats)}), got {sub_args.format}"
        )
    return command.run(sub_args)


def fail(s: Session, code: Exit, kind: str, message: str, traced: bool = False) -> int:
    """One line on stderr, or one JSON object on stdout under --json; a traceback on --debug."""
    if traced and s.debug:
        traceback.print_exc()
    message = " ".join(message.split("\n"))
    if s.json:
        from gradcheck.report.serialize import error_envelope
        from gradcheck.serialize import to_json

        print(to_json(error_envelope(s.command, message, kind, int(code)), indent=None))
    elif kind == "interrupted":
        print(f"{s.prog}: interrupted", file=sys.stderr)
    elif kind == "internal":
        print(f"gradcheck: {message}", file=sys.stderr)
    else:
        print(f"{s.prog}: error: {message}", file=sys.stderr)
    return code


def internal_line(e: BaseException) -> str:
    """'internal error: KeyError: 'x' (at gradcheck/…/file.py:12; …)': where gradcheck broke."""
    frames = traceback.extract_tb(e.__traceback__)
    where = ""
    if frames:
        path, line = frames[-1].filename, frames[-1].lineno
        path = path[path.rfind("gradcheck" + os.sep) :] if "gradcheck" + os.sep in path else path
        where = f"at {path}:{line}; "
    return f"internal error: {type(e).__name__}: {e} ({where}run with --debug for the traceback)"


def quiet_stdout() -> int:
    """stdout's reader has gone (`| head`): point stdout at devnull so that nothing more is
    written or reported (Python's docs, "Note on SIGPIPE"), and stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # a test's captured stdout has no fd
        pass
    return Exit.BROKEN_PIPE


def options_part(argv: list[str]) -> list[str]:
    """The arguments before a lone `--` (after it, everything is a value)."""
    return argv[: argv.index("--")] if "--" in argv else argv


def wants_json(argv: list[str]) -> bool:
    """--json, --format json or --format=json among the options (an error then is JSON too)."""
    options = options_part(argv)
    return (
        "--json" in options
        or "--format=json" in options
        or any(a == "--format" and b == "json" for a, b in pairwise(options))
    )
