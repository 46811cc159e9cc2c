"""`gradcheck derive`: a module's Jacobian derived by SymPy, step by step, identities proved."""

from __future__ import annotations

import argparse

from gradcheck.commands.limits import integer
from gradcheck.errors import GradcheckError

FORMATS = ("rich", "text", "json", "latex", "markdown")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "name",
        metavar="NAME",
        nargs="?",
        help="a built-in (SoftMax, ...) or a composite (SoftMax+CrossEntropy)",
    )
    parser.add_argument(
        "--all", action="store_true", help="every derivation, in the exercise's question order"
    )
    parser.add_argument(
        "--formula",
        metavar="EXPR",
        help="the derivation of any module given by a SymPy formula: "
        "elementwise in x ('1/(1+exp(-x))') or row-wise in x[i], x[j], N "
        "('x[i]/sqrt(Sum(x[j]**2, (j, 0, N-1)))')",
    )
    parser.add_argument(
        "--size", type=integer(2, 6), help="explicit matrices at N = size (2-6, default 3)"
    )


def run(args: argparse.Namespace) -> int:
    from gradcheck.derivations.sheet import DerivationSet
    from gradcheck.report.write import write

    result = DerivationSet(tuple(_derivations(args)))
    write(result, args.format, args.output, args.no_color, command=args.command, ok=result.proved)
    return 0 if result.proved else 1


def _derivations(args) -> list:
    """The derivations asked for: NAME, --all or --formula EXPR (exactly one of them)."""
    from gradcheck.derivations import derive, names

    given = (
        [f"{args.name!r}"] * (args.name is not None)
        + ["--all"] * args.all
        + [f"--formula {args.formula!r}"] * (args.formula is not None)
    )
    if len(given) != 1:
        raise GradcheckError(
            "derive expects a NAME, --all or --formula EXPR (one of them), "
            f"got {' and '.join(given) or 'none'}"
        )
    if args.formula is not None:
        from gradcheck.derivations.formula import DEFAULT_SIZE, from_formula

        return [from_formula(args.formula, args.size or DEFAULT_SIZE)]
    return [derive(n, args.size) for n in (names() if args.all else [args.name])]
