"""Command line: ``reader index|dump|show|search|entities|export|bookmarks``.

Each command module exposes ``register(subparsers)``; a command's handler returns the
exit code. A :class:`ReaderError` becomes one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from reader import __version__
from reader.errors import ReaderError

COMMAND_MODULES = (
    "reader.cli.index_cmd",
    "reader.cli.dump_cmd",
    "reader.cli.show_cmd",
    "reader.cli.search_cmd",
    "reader.cli.entities_cmd",
    "reader.cli.export_cmd",
    "reader.cli.bookmarks_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader", description="报刊档案阅读器 (Archive Reader) command line"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except ReaderError as error:
        print(f"reader: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
