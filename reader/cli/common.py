"""Arguments and output helpers shared by the commands."""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from reader.bootstrap import open_service
from reader.services import ArchiveService


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH", help="database file (default: $READER_DB or the user data dir)"
    )


def service_for(args: argparse.Namespace) -> ArchiveService:
    return open_service(args.db)


# C0 and C1 control characters (ESC starts terminal escape sequences), except tab.
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``): stored article
    text is data and must not drive the terminal (colours, titles, cursor moves)."""
    return _CONTROLS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
