"""`gradcheck list`: the built-in modules and their fprop."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options of its own (--debug is every command's)."""


def run(args: argparse.Namespace) -> int:
    from gradcheck.modules.registry import specs

    width = max(len(n) for n in specs())
    for name, spec in specs().items():
        print(f"{name:<{width}}  {spec.cls.formula}")
    return 0
