"""``reader entities [--type T] [--json]``: canonical entities with aliases and counts;
``reader entities NAME --cooccurring [--json]``: the entities named with one."""

from __future__ import annotations

import argparse

from reader.cli.common import add_db_argument, print_json, service_for, terminal_safe
from reader.domain import EntityType
from reader.errors import ReaderError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("entities", help="list people, places, organisations, dates")
    parser.add_argument("name", nargs="?", help="an entity (with --cooccurring)")
    parser.add_argument(
        "--cooccurring",
        action="store_true",
        help="the entities named in the most articles together with NAME",
    )
    parser.add_argument("--type", choices=[t.value for t in EntityType])
    parser.add_argument("--contains", default="", help="only names containing this text")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", action="store_true")
    add_db_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.name is not None or args.cooccurring:
        return _cooccurring(args)
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


def _cooccurring(args: argparse.Namespace) -> int:
    if not args.cooccurring:
        raise ReaderError("给出名称时请加 --cooccurring (NAME goes with --cooccurring)")
    if not (args.name or "").strip():
        raise ReaderError("--cooccurring 需要名称 (--cooccurring needs a NAME)")
    if args.limit is not None and args.limit < 1:
        raise ReaderError("--limit must be at least 1")
    service = service_for(args)
    try:
        kind = EntityType(args.type) if args.type else None
        found = service.cooccurring(args.name.strip(), kind, args.limit or 20)
    finally:
        service.close()
    if args.json:
        print_json(
            [
                {"canonical": c.canonical, "type": c.type.value, "articles": c.articles}
                for c in found
            ]
        )
        return 0
    for c in found:
        print(terminal_safe(f"{c.type.value:<12} {c.canonical}  {c.articles} 篇"))
    if not found:
        print(terminal_safe(f"没有与 {args.name.strip()} 同现的实体 (no co-occurring entities)"))
    return 0
