"""``reader show ID``: one article, as text or JSON."""

from __future__ import annotations

import argparse

from reader.cli.common import add_db_argument, print_json, service_for, terminal_safe
from reader.cli.dump_cmd import article_json
from reader.errors import ReaderError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("show", help="print one article")
    parser.add_argument("id", type=int, help="article id (from dump or search)")
    parser.add_argument("--json", action="store_true")
    add_db_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    service = service_for(args)
    try:
        article = service.article(args.id)
    finally:
        service.close()
    if article is None:
        raise ReaderError(f"没有编号为 {args.id} 的文章 (no article with id {args.id})")
    if args.json:
        print_json(article_json(article))
        return 0
    date = article.date.isoformat() if article.date else "日期不详"
    issue_date = article.issue_date.isoformat() if article.issue_date else "?"
    lines = [article.kicker] if article.kicker else []
    lines.append(article.display_title if article.title is None else article.title)
    if article.subtitle:
        lines.append(article.subtitle)
    lines.append(f"[{article.kind.value}] {date} · {article.source_name} ({issue_date})")
    lines.extend(article.byline_lines)
    lines.append("")
    for paragraph in article.paragraphs:
        lines.extend((paragraph, ""))
    for line in lines:
        print(terminal_safe(line))
    return 0
