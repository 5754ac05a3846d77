"""``reader export``: selected articles → one PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import add_db_argument, service_for
from reader.domain import SearchRequest
from reader.errors import ExportError, ReaderError
from reader.export import PAGE_SIZE_NAMES, ExportOptions, ensure_gui_application, export_pdf
from reader.services import ArchiveService


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("export", help="export articles to a PDF")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--ids", help="comma-separated article ids, e.g. 1,2,3")
    which.add_argument("--query", metavar="Q", help="every article matching a search query")
    which.add_argument("--bookmarks", action="store_true", help="the bookmarked articles")
    which.add_argument("--all", action="store_true", help="every article in the archive")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.pdf", type=Path)
    parser.add_argument("--highlight-entities", action="store_true")
    parser.add_argument("--no-toc", action="store_true", help="leave out the table of contents")
    parser.add_argument(
        "--page-size", default="A4", help=f"paper size: {', '.join(PAGE_SIZE_NAMES)}"
    )
    parser.add_argument(
        "--timeline",
        choices=("month", "year"),
        help="with --query: draw the query's hits per month or year on the title page",
    )
    add_db_argument(parser)
    parser.set_defaults(handler=run)


def parse_ids(text: str) -> list[int]:
    try:
        ids = [int(part) for part in text.replace("，", ",").split(",") if part.strip()]
    except ValueError:
        raise ReaderError(f"--ids 需要逗号分隔的数字 (expected numbers): {text!r}") from None
    if not ids:
        raise ReaderError("--ids 为空 (no ids given)")
    return ids


def select(service: ArchiveService, args: argparse.Namespace) -> tuple[list[int], str]:
    """The article ids to export and a description of the selection for the title page."""
    if args.ids:
        ids = parse_ids(args.ids)
        return ids, f"选定文章 {len(ids)} 篇"
    if args.query is not None:
        results = service.search(SearchRequest(args.query, limit=None))
        if results.error:
            raise ReaderError(f"检索式有误 (bad query): {results.error}")
        return [hit.article.id for hit in results.hits], f"检索：{args.query}"
    if args.bookmarks:
        marks = service.bookmarks(order="issue")
        return [b.article.id for b in marks if b.article is not None], "书签"
    return service.all_article_ids(), "全部文章"


def timeline_caption(query: str, by: str) -> str:
    return f"“{query}”每{'月' if by == 'month' else '年'}命中篇数"


def run(args: argparse.Namespace) -> int:
    service = service_for(args)
    try:
        ids, description = select(service, args)
        articles = service.articles(ids)
        timeline = None
        if args.timeline:
            if args.query is None:
                raise ReaderError("--timeline 需要与 --query 一起使用 (--timeline needs --query)")
            timeline = service.timeline(SearchRequest(args.query, limit=None), args.timeline)
    finally:
        service.close()
    if not articles:
        raise ExportError("没有找到要导出的文章 (no articles matched)")
    missing = len(ids) - len(articles)
    if args.ids and missing:
        print(f"reader: {missing} 个编号不存在，已跳过 (unknown ids skipped)", file=sys.stderr)
    ensure_gui_application()
    options = ExportOptions(
        page_size=args.page_size,
        highlight_entities=args.highlight_entities,
        include_toc=not args.no_toc,
        description=description,
        timeline=timeline.buckets if timeline else (),
        timeline_caption=timeline_caption(args.query, args.timeline) if timeline else "",
    )
    result = export_pdf(articles, args.output, options)
    print(
        f"已导出 {result.article_count} 篇文章，共 {result.page_count} 页 → {result.path}"
        f" (font: {result.font_family})"
    )
    return 0
