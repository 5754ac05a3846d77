"""``reader check [--repair] [--compact] [--json]``: is the archive healthy?  Repair what
is derived; ``--compact`` then rewrites the file without its free pages.

Exit 0: healthy (or repaired). 1: problems found, one line each. 2: the check could
not run (no archive, not an archive, unreadable), said in one line by ``main``.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from reader.cli.common import add_db_argument, service_for, terminal_safe
from reader.domain import HealthReport

if TYPE_CHECKING:
    from reader.services import ArchiveService

_AREA_PREFIX = {"database": "数据库文件已损坏 (the database file is damaged): "}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "check",
        help="check the archive; --repair rebuilds the search and entity indexes",
    )
    parser.add_argument(
        "--repair",
        action="store_true",
        help="rebuild what is derived from the stored text (search index, entity index, "
        "orphan rows); bookmarks and notes are never touched",
    )
    parser.add_argument(
        "--compact",
        action="store_true",
        help="then rewrite the archive file without its free pages (VACUUM): an archive "
        "that an upgrade or a rebuild left larger than its data shrinks",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON report")
    add_db_argument(parser)
    parser.set_defaults(handler=run)


def _print_problems(health: HealthReport) -> None:
    for area, line in health.problems:
        print(terminal_safe(f"problem: {_AREA_PREFIX.get(area, '')}{line}"))


def _as_json(
    health: HealthReport, before: HealthReport | None, compacted: tuple[int, int] | None
) -> str:
    document: dict[str, object] = {
        "healthy": health.healthy,
        "problems": [{"area": area, "message": line} for area, line in health.problems],
        "repaired": before is not None and not before.healthy and health.healthy,
    }
    if before is not None:
        document["found"] = [{"area": a, "message": m} for a, m in before.problems]
    if compacted is not None:
        document["compacted"] = {"bytes_before": compacted[0], "bytes_after": compacted[1]}
    return json.dumps(document, ensure_ascii=False, indent=2)


def _compact(
    service: ArchiveService, args: argparse.Namespace, healthy: bool
) -> tuple[int, int] | None:
    """Compact a healthy archive when asked (a damaged file is left as it is)."""
    if not (args.compact and healthy):
        return None
    before, after = service.compact()
    if not args.json:
        print(
            f"compacted: 文件 {before / 1e6:,.1f} MB → {after / 1e6:,.1f} MB"
            f" (file {before / 1e6:,.1f} MB → {after / 1e6:,.1f} MB)"
        )
    return before, after


def run(args: argparse.Namespace) -> int:
    service = service_for(args)
    try:
        health = service.health()
        if args.json and not (args.repair and not health.healthy and health.repairable):
            compacted = _compact(service, args, health.healthy)
            print(_as_json(health, None, compacted))
            return 0 if health.healthy else 1
        if args.json:
            service.repair()
            after = service.health()
            compacted = _compact(service, args, after.healthy)
            print(_as_json(after, health, compacted))
            return 0 if after.healthy else 1
        _print_problems(health)
        if health.healthy:
            print("ok: 档案完好 (the archive is healthy)")
            _compact(service, args, True)
            return 0
        if not args.repair:
            if health.repairable:
                print("run `reader check --repair` to rebuild the search and entity indexes")
            return 1
        if not health.repairable:
            print(
                "无法修复：数据库文件本身已损坏或版本不符，请从备份恢复或重新索引 (cannot repair "
                "a damaged database file or an unknown schema: restore a backup or index "
                "the sources again)"
            )
            return 1
        service.repair()
        after = service.health()
        _print_problems(after)
        if not after.healthy:
            return 1
        print("repaired: 搜索索引与实体索引已重建 (search and entity indexes rebuilt)")
        _compact(service, args, True)
        return 0
    finally:
        service.close()
