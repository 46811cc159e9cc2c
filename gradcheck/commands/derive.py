"""`gradcheck derive`: a module's Jacobian derived by SymPy, step by step, identities proved."""

from __future__ import annotations

import argparse

from gradcheck.commands.limits import integer


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME",
                        help="a built-in (SoftMax, ...) or a composite (SoftMax+CrossEntropy)")
    parser.add_argument("--size", type=integer(2, 6),
                        help="explicit matrices at N = size (2-6, default 3)")
    parser.add_argument("--latex", action="store_true", help="LaTeX for a write-up, nothing else")
    parser.add_argument("--no-color", action="store_true", help="no colours (also NO_COLOR)")


def run(args: argparse.Namespace) -> int:
    from gradcheck.derivations import derive

    d = derive(args.name, args.size)
    if args.latex:
        from gradcheck.report.derivation import derivation_latex

        print(derivation_latex(d), end="")
        return 0
    from gradcheck.report.console import terminal
    from gradcheck.report.derivation import render_derivation

    terminal(args.no_color).print(render_derivation(d))
    return 0 if all(ident.proved for ident in d.identities) else 1
