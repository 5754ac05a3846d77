"""Arguments and output helpers shared by the commands."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

from reader.bootstrap import open_service
from reader.errors import ReaderError
from reader.paths import default_database
from reader.services import ArchiveService
from reader.store.location import DatabaseTarget, resolve
from reader.store.repository import archive_exists


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="database file, or a server URL postgresql://user@host/db "
        "(default: $READER_DB or the user data dir)",
    )


def target_for(value: str | Path | None) -> DatabaseTarget:
    """``--db`` (a path or a database URL), else ``$READER_DB`` or the default file."""
    return resolve(value if value else default_database())


def service_for(args: argparse.Namespace, create: bool = False) -> ArchiveService:
    """The archive of ``--db`` (or the default one).  Only ``create`` makes a new one: a
    reading command on a path (or a server database) with no archive says so and
    leaves nothing behind."""
    target = target_for(args.db)
    if not create and not archive_exists(target):
        raise ReaderError(f"没有档案 (no archive at {target.display})")
    return open_service(target.url if target.is_server else target.path)


# C0 and C1 control characters (ESC starts terminal escape sequences), except tab, and
# lone surrogates (undecodable bytes of a file name), which no terminal can print.
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``): stored article
    text is data and must not drive the terminal (colours, titles, cursor moves)."""
    return _CONTROLS.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def iso_date(value: str) -> dt.date:
    """An argparse type: a date written ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期应写成 YYYY-MM-DD (date must be YYYY-MM-DD): {value}"
        ) from None


def positive_int(value: str) -> int:
    """An argparse type for ``--limit``: a whole number of at least 1."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("--limit must be at least 1")
    return number


def add_search_filters(parser: argparse.ArgumentParser, entity_help: str) -> None:
    """The filters a search takes (``reader search``, ``reader timeline``)."""
    from reader.domain import ArticleKind

    parser.add_argument("--from", dest="date_from", type=iso_date, metavar="DATE")
    parser.add_argument("--to", dest="date_to", type=iso_date, metavar="DATE")
    parser.add_argument("--kind", choices=[kind.value for kind in ArticleKind])
    parser.add_argument("--entity", metavar="NAME", help=entity_help)
    parser.add_argument("--person", metavar="NAME", help="reporter, author or photographer")
