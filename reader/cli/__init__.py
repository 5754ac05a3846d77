"""Command line: ``reader index|dump|show|search|entities|export|bookmarks|check|timeline|
related|migrate``.

Each command module exposes ``register(subparsers)``; a command's handler returns the
exit code. A :class:`ReaderError` becomes one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from reader import __version__
from reader.cli.common import terminal_safe
from reader.cli.failures import text_arguments
from reader.crashlog import user_message
from reader.errors import ReaderError
from reader.store.db_errors import database_message

COMMAND_MODULES = (
    "reader.cli.index_cmd",
    "reader.cli.dump_cmd",
    "reader.cli.show_cmd",
    "reader.cli.search_cmd",
    "reader.cli.entities_cmd",
    "reader.cli.export_cmd",
    "reader.cli.bookmarks_cmd",
    "reader.cli.check_cmd",
    "reader.cli.timeline_cmd",
    "reader.cli.related_cmd",
    "reader.cli.migrate_cmd",
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
    try:
        arguments = text_arguments(sys.argv[1:] if argv is None else argv)
    except ReaderError as error:
        print(f"reader: {error}", file=sys.stderr)
        return 2
    args = build_parser().parse_args(arguments)
    try:
        return int(args.handler(args))
    except ReaderError as error:
        print(f"reader: {terminal_safe(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``reader … | head``): nothing is wrong,
        # and nothing more can be said. Point stdout at nothing so the final flush at
        # exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        reason = error.strerror or type(error).__name__
        print(terminal_safe(f"reader: 无法访问 (cannot access){where}: {reason}"), file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - the last line of defence: one line, a log
        print(terminal_safe(f"reader: {user_message(error)}"), file=sys.stderr)
        return 3 if database_message(error) is None else 2
