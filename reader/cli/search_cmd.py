"""``reader search QUERY``: full-text search from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from reader.cli.common import (
    add_db_argument,
    add_search_filters,
    positive_int,
    print_json,
    service_for,
    terminal_safe,
)
from reader.domain import ArticleKind, SearchHit, SearchRequest, SearchResults
from reader.errors import ReaderError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "search",
        help="search the archive",
        description='Terms separated by spaces must all occur; "a phrase" keeps its space;'
        " -term excludes; OR between terms means either.",
    )
    parser.add_argument("query", help='e.g. 高新区 "大气 污染" -调度 会议 OR 座谈')
    add_db_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")
    amount = parser.add_mutually_exclusive_group()
    amount.add_argument(
        "--limit", type=positive_int, default=20, metavar="N", help="hits (default 20)"
    )
    amount.add_argument("--all", action="store_true", help="list every hit")
    add_search_filters(parser, "canonical entity name (aliases too)")
    parser.set_defaults(handler=run)


def request_from(args: argparse.Namespace) -> SearchRequest:
    return SearchRequest(
        query=args.query,
        date_from=args.date_from,
        date_to=args.date_to,
        kind=ArticleKind(args.kind) if args.kind else None,
        person=args.person,
        entity=args.entity,
        limit=None if args.all else args.limit,
    )


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "id": hit.article.id,
        "key": hit.article.key,
        "display_title": hit.article.display_title,
        "issue_date": _iso(hit.article.issue_date),
        "date": _iso(hit.article.date),
        "score": round(hit.score, 6),
        "snippet": hit.snippet,
        "matches": [
            {"field": m.field, "paragraph": m.paragraph, "start": m.start, "end": m.end}
            for m in hit.matches
        ],
    }


def results_json(results: SearchResults) -> dict[str, Any]:
    return {
        "query": results.query,
        "total": results.total,
        "results": [hit_json(hit) for hit in results.hits],
    }


def run(args: argparse.Namespace) -> int:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ReaderError("--from 晚于 --to (--from is after --to)")
    service = service_for(args)
    try:
        results = service.search(request_from(args))
    finally:
        service.close()
    if results.error:
        raise ReaderError(results.error)
    if args.json:
        print_json(results_json(results))
        return 0
    for hit in results.hits:
        date = _iso(hit.article.date or hit.article.issue_date) or "日期不详"
        print(
            terminal_safe(
                f"{hit.article.id:>7}  {date}  {hit.article.display_title}  {hit.snippet}"
            )
        )
    shown = len(results.hits)
    more = f" (showing {shown}; --all lists every hit)" if shown < results.total else ""
    print(f"共 {results.total} 篇 ({results.total} hits){more}")
    return 0
