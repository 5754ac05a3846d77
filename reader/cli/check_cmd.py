"""``reader check [--repair]``: is the archive healthy?  Repair what is derived."""

from __future__ import annotations

import argparse

from reader.cli.common import add_db_argument, service_for, terminal_safe
from reader.domain import HealthReport


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "check", help="check the archive; --repair rebuilds the search index"
    )
    parser.add_argument(
        "--repair", action="store_true", help="rebuild the search index from the stored articles"
    )
    add_db_argument(parser)
    parser.set_defaults(handler=run)


def _report(health: HealthReport) -> None:
    for line in health.database:
        print(terminal_safe(f"problem: 数据库文件已损坏 (the database file is damaged): {line}"))
    for line in health.search_index:
        print(terminal_safe(f"problem: {line}"))


def run(args: argparse.Namespace) -> int:
    service = service_for(args)
    try:
        health = service.health()
        _report(health)
        if health.healthy:
            print("ok: 档案完好 (the archive is healthy)")
            return 0
        if not args.repair:
            print("run `reader check --repair` to rebuild the search index")
            return 1
        if health.database:
            print(
                "无法修复：数据库文件本身已损坏，请从备份恢复或重新索引 (cannot repair a damaged "
                "database file: restore a backup or index the sources again)"
            )
            return 1
        service.rebuild_search_index()
        after = service.health()
        _report(after)
        if not after.healthy:
            return 1
        print("repaired: 搜索索引已重建 (search index rebuilt)")
        return 0
    finally:
        service.close()
