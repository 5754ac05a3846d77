"""``reader index [PATH…]``: index files and folders (default: the bundled seeds)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import add_db_argument, service_for, terminal_safe
from reader.domain import IndexOutcome
from reader.errors import ReaderError
from reader.paths import BUNDLED_SEEDS_DIR
from reader.services import ARCHIVE_BUSY_WAITING, WRITE_LOCK_WAIT_SECONDS, archive_still_busy

LABELS = {
    IndexOutcome.INDEXED: "indexed",
    IndexOutcome.UNCHANGED: "unchanged",
    IndexOutcome.SKIPPED: "skipped",
    IndexOutcome.REMOVED: "removed",
}


LOCK_WAIT_SECONDS = WRITE_LOCK_WAIT_SECONDS


def _say_waiting() -> None:
    print(ARCHIVE_BUSY_WAITING, file=sys.stderr, flush=True)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("index", help="index issue files or folders")
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: seeds/)")
    add_db_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [BUNDLED_SEEDS_DIR]
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        why = (
            "链接断开或成环 (a broken or looping symbolic link)"
            if path.is_symlink()
            else "不存在 (no such file or folder)"
        )
        print(terminal_safe(f"skipped   {path}: {why}"))
    service = service_for(args, create=True)
    counts = dict.fromkeys(IndexOutcome, 0)
    articles = 0
    try:
        if not service.wait_until_writable(LOCK_WAIT_SECONDS, _say_waiting):
            raise ReaderError(archive_still_busy(LOCK_WAIT_SECONDS))
        for event in service.index_paths([p for p in paths if p.exists()]):
            if event.done:
                break
            if event.surveying:
                continue
            assert event.outcome is not None
            counts[event.outcome] += 1
            articles += event.article_count
            detail = f": {event.message}" if event.message else ""
            if event.outcome is IndexOutcome.INDEXED:
                detail = f" ({event.article_count} articles)"
            print(terminal_safe(f"{LABELS[event.outcome]:<9} {event.path}{detail}"), flush=True)
    finally:
        service.close()
    skipped = counts[IndexOutcome.SKIPPED] + len(missing)
    print(
        f"summary: {counts[IndexOutcome.INDEXED]} indexed ({articles} articles), "
        f"{counts[IndexOutcome.UNCHANGED]} unchanged, {skipped} skipped, "
        f"{counts[IndexOutcome.REMOVED]} removed"
    )
    nothing = counts[IndexOutcome.INDEXED] + counts[IndexOutcome.UNCHANGED] == 0
    return 1 if nothing and skipped else 0
