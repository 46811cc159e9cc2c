"""`gradcheck list`: the built-in modules and their fprop."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options of its own (--debug and the output options are every command's)."""


def run(args: argparse.Namespace) -> int:
    from gradcheck.listing import Listing
    from gradcheck.modules.registry import specs
    from gradcheck.report.write import write

    listing = Listing.of({name: s.cls for name, s in specs().items()})
    write(listing, args.format, args.output, args.no_color, command=args.command)
    return 0
