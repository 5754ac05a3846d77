"""``reader related ID``: the articles most similar to one article."""

from __future__ import annotations

import argparse

from reader.cli.common import add_db_argument, positive_int, print_json, service_for, terminal_safe
from reader.errors import ReaderError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "related",
        help="articles similar to one article (reprints, recurring reports)",
        description="Best first, never the article itself; score in [0, 1];"
        " near-duplicates (the same text printed again) are marked.",
    )
    parser.add_argument("id", type=int, help="article id")
    parser.add_argument("--limit", type=positive_int, default=10, metavar="N", help="default 10")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_db_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    service = service_for(args)
    try:
        if service.article(args.id) is None:
            raise ReaderError(f"没有编号为 {args.id} 的文章 (no article with id {args.id})")
        found = service.related(args.id, args.limit)
    finally:
        service.close()
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "title": r.title,
                    "date": r.date.isoformat() if r.date else None,
                    "score": round(r.score, 6),
                    "near_duplicate": r.near_duplicate,
                }
                for r in found
            ]
        )
        return 0
    for r in found:
        date = r.date.isoformat() if r.date else "日期不详"
        mark = "  [重复/reprint]" if r.near_duplicate else ""
        print(terminal_safe(f"{r.id:>7}  {r.score:.3f}  {date}  {r.title}{mark}"))
    if not found:
        print("没有相似的文章 (no related articles)")
    return 0
