"""``reader timeline QUERY|--entity NAME``: hits per month or year of the issue date."""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from reader.cli.common import (
    add_db_argument,
    add_search_filters,
    print_json,
    service_for,
    terminal_safe,
)
from reader.domain import TIMELINE_PERIODS, ArticleKind, EntityType, SearchRequest, Timeline
from reader.errors import ReaderError

BAR_WIDTH = 40


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "timeline",
        help="hits of a search (or an entity's articles) per month or year",
        description="Counts per period of the issue date: the articles the search finds"
        " and all articles of the period. Every period with issues is listed.",
    )
    parser.add_argument("query", nargs="?", default="", help="as for reader search")
    add_db_argument(parser)
    parser.add_argument("--by", choices=TIMELINE_PERIODS, default="month")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON")
    output.add_argument("--csv", action="store_true", help="print CSV: period,articles,total")
    add_search_filters(
        parser, "with a QUERY: only articles naming the entity; alone: the entity's timeline"
    )
    parser.add_argument("--type", choices=[t.value for t in EntityType], help="entity type")
    parser.set_defaults(handler=run)


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    return {
        "query": timeline.query,
        "by": timeline.by,
        "buckets": [
            {"period": b.period, "articles": b.articles, "total": b.total} for b in timeline.buckets
        ],
    }


def _entity_only(args: argparse.Namespace) -> bool:
    return (
        not args.query.strip()
        and bool(args.entity)
        and not (args.date_from or args.date_to or args.kind or args.person)
    )


def run(args: argparse.Namespace) -> int:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ReaderError("--from 晚于 --to (--from is after --to)")
    if not (args.query.strip() or args.entity or args.person or args.kind):
        raise ReaderError("请给出查询词或 --entity (give a QUERY or --entity NAME)")
    if args.query.strip():
        from reader.search.query import QueryError, parse

        try:
            parse(args.query)
        except QueryError as error:
            raise ReaderError(str(error)) from None
    service = service_for(args)
    try:
        if _entity_only(args):
            kind = EntityType(args.type) if args.type else None
            timeline = service.entity_timeline(args.entity.strip(), kind, args.by)
        else:
            request = SearchRequest(
                query=args.query,
                date_from=args.date_from,
                date_to=args.date_to,
                kind=ArticleKind(args.kind) if args.kind else None,
                person=args.person,
                entity=args.entity,
                limit=None,
            )
            timeline = service.timeline(request, args.by)
    finally:
        service.close()
    if args.json:
        print_json(timeline_json(timeline))
    elif args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["period", "articles", "total"])
        for bucket in timeline.buckets:
            writer.writerow([bucket.period, bucket.articles, bucket.total])
    else:
        _print_text(timeline)
    return 0


def _print_text(timeline: Timeline) -> None:
    most = max((b.articles for b in timeline.buckets), default=0)
    width = max((len(b.period) for b in timeline.buckets), default=7)
    for bucket in timeline.buckets:
        length = round(BAR_WIDTH * bucket.articles / most) if most else 0
        bar = "█" * length if length or not bucket.articles else "▏"
        share = f"{100 * bucket.articles / bucket.total:5.1f}%" if bucket.total else "     -"
        line = f"{bucket.period:<{width}}  {bucket.articles:>6} / {bucket.total:<6} {share}  {bar}"
        print(terminal_safe(line.rstrip()))
    found = sum(b.articles for b in timeline.buckets)
    print(terminal_safe(f"共 {found} 篇 ({found} articles in {len(timeline.buckets)} periods)"))
