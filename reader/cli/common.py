"""Arguments and output helpers shared by the commands."""

from __future__ import annotations

import argparse
import json
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


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
