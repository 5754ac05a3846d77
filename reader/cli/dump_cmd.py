"""``reader dump --json``: the whole archive as JSON (a contract other checks read)."""

from __future__ import annotations

import argparse
from typing import Any

from reader.cli.common import add_db_argument, print_json, service_for
from reader.domain import Article


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("dump", help="print every issue and article")
    parser.add_argument("--json", action="store_true", help="JSON output (the only format)")
    add_db_argument(parser)
    parser.set_defaults(handler=run)


def article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "key": article.key,
        "title": article.title,
        "display_title": article.display_title,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "kind": article.kind.value,
        "date": article.date.isoformat() if article.date else None,
        **{role: list(names) for role, names in article.byline.by_role()},
        "paragraphs": list(article.paragraphs),
        "entities": [
            {
                "text": m.text,
                "type": m.type.value,
                "canonical": m.canonical,
                "paragraph": m.paragraph,
                "start": m.start,
                "end": m.end,
            }
            for m in article.mentions
        ],
        "byline": list(article.byline_lines),
    }


def build_dump(service: Any) -> dict[str, Any]:
    issues = []
    for issue in service.issues():
        ids = [summary.id for summary in service.articles_in_issue(issue.id)]
        issues.append(
            {
                "source": issue.source_name,
                "date": issue.date.isoformat() if issue.date else None,
                "articles": [article_json(a) for a in service.articles(ids)],
            }
        )
    skipped = [{"source": name, "error": error} for name, error in service.skipped_sources()]
    return {"issues": issues, "skipped": skipped}


def run(args: argparse.Namespace) -> int:
    service = service_for(args)
    try:
        print_json(build_dump(service))
    finally:
        service.close()
    return 0
