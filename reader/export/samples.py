"""Articles made from the bundled seed issues, without a database.

For the export benchmark, tests and the documentation screenshots: the seeds go
through the real parser and entity recogniser, exactly as indexing would take them.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from reader.domain import Article
from reader.paths import BUNDLED_SEEDS_DIR


def seed_articles(seeds_dir: Path = BUNDLED_SEEDS_DIR, fallback_year: int = 2025) -> list[Article]:
    from reader.entities.recognise import recognise_issue
    from reader.ingest.decode import decode_bytes
    from reader.ingest.parse import parse_issue

    articles: list[Article] = []
    ids = itertools.count(1)
    for issue_id, path in enumerate(sorted(seeds_dir.glob("*.txt")), start=1):
        text = decode_bytes(path.read_bytes(), path.name)
        issue = parse_issue(text, path.name, fallback_year=fallback_year)
        mentions = recognise_issue(issue)
        for position, (parsed, found) in enumerate(zip(issue.articles, mentions, strict=True)):
            articles.append(
                Article(
                    id=next(ids),
                    key=f"{path.stem}#{position}",
                    title=parsed.title,
                    display_title=parsed.display_title,
                    kicker=parsed.kicker,
                    subtitle=parsed.subtitle,
                    kind=parsed.kind,
                    date=parsed.date,
                    byline=parsed.byline,
                    byline_lines=parsed.byline_lines,
                    paragraphs=parsed.paragraphs,
                    mentions=tuple(found),
                    issue_id=issue_id,
                    issue_date=issue.date,
                    source_name=path.name,
                    source_path=str(path),
                    source_lines=parsed.source_lines,
                )
            )
    return articles
