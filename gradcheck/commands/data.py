"""`gradcheck data`: where each dataset is looked for, what was found, how to get the rest."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from gradcheck.data.catalog import SPECS

    parser.add_argument("names", metavar="DATASET", nargs="*", choices=[[], *SPECS],
                        help=f"which datasets ({', '.join(SPECS)}; default all)")
    parser.add_argument("--use", metavar="DIR",
                        help="remember DIR as the data folder of every command (in the config "
                             "file; read after --data-dir and $GRADCHECK_DATA), nothing else")
    parser.add_argument("--data-dir", metavar="DIR", help="look in DIR first, as train does")
    parser.add_argument("--json", action="store_true", help="the same as JSON, nothing else")
    parser.add_argument("--no-color", action="store_true", help="no colours (also NO_COLOR)")


def run(args: argparse.Namespace) -> int:
    from gradcheck.data.catalog import SPECS
    from gradcheck.data.config import config_path, configured_data_dir, use_data_dir
    from gradcheck.data.inventory import inventory, to_dict

    if args.use is not None:
        path = use_data_dir(args.use)
        print(f"every command now looks in {configured_data_dir()} (after --data-dir and "
              f"$GRADCHECK_DATA); written to {path}; `gradcheck data` shows what is there")
        return 0
    statuses = inventory(args.names or tuple(SPECS), args.data_dir)
    if args.json:
        from gradcheck.report.serialize import to_json

        print(to_json(to_dict(statuses)))
    else:
        from gradcheck.report.console import terminal
        from gradcheck.report.data import render_inventory

        configured = configured_data_dir()
        terminal(args.no_color).print(render_inventory(
            statuses, str(config_path()), None if configured is None else str(configured)))
    return 0 if all(s.files == () or s.ok for s in statuses) else 1
