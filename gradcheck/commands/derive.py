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
    parser.add_argument("--formula", metavar="EXPR",
                        help="the derivation of any module given by a SymPy formula: "
                             "elementwise in x ('1/(1+exp(-x))') or row-wise in x[i], x[j], N "
                             "('x[i]/sqrt(Sum(x[j]**2, (j, 0, N-1)))')")
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
    derivations = _derivations(args)
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


def _derivations(args) -> list:
    """The derivations asked for: NAME, --all or --formula EXPR (exactly one of them)."""
    from gradcheck.derivations import NAMES, derive

    given = [f"{args.name!r}"] * (args.name is not None) + ["--all"] * args.all + [
        f"--formula {args.formula!r}"] * (args.formula is not None)
    if len(given) != 1:
        raise GradcheckError("derive expects a NAME, --all or --formula EXPR (one of them), "
                             f"got {' and '.join(given) or 'none'}")
    if args.formula is not None:
        from gradcheck.derivations.formula import DEFAULT_SIZE, from_formula

        return [from_formula(args.formula, args.size or DEFAULT_SIZE)]
    return [derive(n, args.size) for n in (NAMES if args.all else [args.name])]


def emit(text: str, output: str | None) -> None:
    """text on stdout, or into the file output, written atomically."""
    if output is None:
        print(text, end="")
        return
    from gradcheck.atomic import atomic_write

    atomic_write(output, lambda f: f.write(text.encode("utf-8")))
