"""`gradcheck derive`: a module's Jacobian derived by SymPy, step by step, identities proved."""

from __future__ import annotations

import argparse

from gradcheck.commands.limits import integer
from gradcheck.errors import GradcheckError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", nargs="?",
                        help="a built-in (SoftMax, ...) or a composite (SoftMax+CrossEntropy)")
    parser.add_argument("--all", action="store_true",
                        help="every derivation, in the exercise's question order")
    parser.add_argument("--size", type=integer(2, 6),
                        help="explicit matrices at N = size (2-6, default 3)")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--latex", action="store_true",
                      help="a complete LaTeX document (pdflatex compiles it), nothing else")
    form.add_argument("--markdown", action="store_true",
                      help="Markdown with MathJax ($...$, $$...$$) for notebooks and GitHub")
    parser.add_argument("--output", metavar="FILE",
                        help="write to FILE (atomically) instead of stdout")
    parser.add_argument("--no-color", action="store_true", help="no colours (also NO_COLOR)")


def run(args: argparse.Namespace) -> int:
    from gradcheck.derivations import NAMES, derive

    if args.all == (args.name is not None):
        raise GradcheckError("derive expects a NAME or --all (not both), got "
                             + (f"{args.name!r} and --all" if args.all else "neither"))
    derivations = [derive(n, args.size) for n in (NAMES if args.all else [args.name])]
    proved = all(i.proved for d in derivations for i in d.identities)
    if args.latex or args.markdown:
        from gradcheck.report import latex, markdown

        text = (latex if args.latex else markdown).document(derivations)
        emit(text, args.output)
        return 0 if proved else 1
    from gradcheck.report.console import plain_text, terminal
    from gradcheck.report.derivation import render_derivation

    if args.output:
        emit("".join(plain_text(render_derivation(d)) for d in derivations), args.output)
    else:
        console = terminal(args.no_color)
        for d in derivations:
            console.print(render_derivation(d))
    return 0 if proved else 1


def emit(text: str, output: str | None) -> None:
    """text on stdout, or into the file output, written atomically."""
    if output is None:
        print(text, end="")
        return
    from gradcheck.atomic import atomic_write

    atomic_write(output, lambda f: f.write(text.encode("utf-8")))
