"""`gradcheck list`: the built-in modules and their fprop."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options of its own (--debug is every command's)."""


def run(args: argparse.Namespace) -> int:
    from gradcheck.modules import BUILTINS

    width = max(len(n) for n in BUILTINS)
    for name, cls in BUILTINS.items():
        print(f"{name:<{width}}  {cls.formula}")
    return 0
