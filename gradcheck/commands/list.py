"""`gradcheck list`: the built-in modules and their fprop."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options of its own (--debug and the output options are every command's)."""


def run(args: argparse.Namespace) -> int:
    from gradcheck.modules import BUILTINS
    from gradcheck.modules.listing import Listing
    from gradcheck.report.write import write

    write(Listing.of(BUILTINS), args.format, args.output, args.no_color, command=args.command)
    return 0
