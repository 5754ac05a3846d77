"""``reader entities [--type T] [--json]``: canonical entities with aliases and counts."""

from __future__ import annotations

import argparse

from reader.cli.common import add_db_argument, print_json, service_for, terminal_safe
from reader.domain import EntityType


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("entities", help="list people, places, organisations, dates")
    parser.add_argument("--type", choices=[t.value for t in EntityType])
    parser.add_argument("--contains", default="", help="only names containing this text")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", action="store_true")
    add_db_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    service = service_for(args)
    try:
        kind = EntityType(args.type) if args.type else None
        found = service.entities(kind, args.contains, args.limit)
    finally:
        service.close()
    if args.json:
        print_json(
            [
                {
                    "canonical": e.canonical,
                    "type": e.type.value,
                    "aliases": list(e.aliases),
                    "articles": e.article_count,
                    "mentions": e.mention_count,
                }
                for e in found
            ]
        )
        return 0
    for e in found:
        aliases = f" (又作 {'、'.join(e.aliases)})" if e.aliases else ""
        print(terminal_safe(f"{e.type.value:<12} {e.canonical}{aliases}  {e.article_count} 篇"))
    return 0
