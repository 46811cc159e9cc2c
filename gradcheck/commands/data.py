"""`gradcheck data`: where each dataset is looked for, what was found, how to get the rest."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from gradcheck.data.catalog import SPECS

    parser.add_argument(
        "names",
        metavar="DATASET",
        nargs="*",
        choices=[[], *SPECS],
        help=f"which datasets ({', '.join(SPECS)}; default all)",
    )
    parser.add_argument(
        "--use",
        metavar="DIR",
        help="remember DIR as the data folder of every command (in the config "
        "file; read after --data-dir and $GRADCHECK_DATA), nothing else",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="look in DIR first, as train does")


def run(args: argparse.Namespace) -> int:
    from gradcheck.data.catalog import SPECS
    from gradcheck.data.config import config_path, configured_data_dir, use_data_dir
    from gradcheck.data.inventory import DataFolderSet, Inventory, inventory
    from gradcheck.report.write import write

    if args.use is not None:
        path = use_data_dir(args.use)
        result = DataFolderSet(str(configured_data_dir()), str(path))
        write(result, args.format, args.output, args.no_color, command=args.command)
        return 0
    configured = configured_data_dir()
    result = Inventory(
        inventory(args.names or tuple(SPECS), args.data_dir),
        str(config_path()),
        None if configured is None else str(configured),
    )
    write(result, args.format, args.output, args.no_color, command=args.command, ok=result.ok)
    return 0 if result.ok else 1
