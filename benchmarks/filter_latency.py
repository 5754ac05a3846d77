"""Searches with filters, as the window asks for them: a kind, a reporter, an issue, a
date range, a kind without a query, and a timeline (docs/search.md, "a broad filter").

    .venv/bin/python benchmarks/filter_latency.py --db /tmp/reader-bench/archive-100000.sqlite3 \
        [--repeats 5] [--json OUT]

Reads the archive (never writes it). The reporter is the one with the most bylines,
the issue the one in the middle of the archive by id, the date range the first two
months of the middle year. Each search runs ``--repeats`` times through
``ArchiveService.search`` (``exact_total=False``: the page, the count up to 5,000 and
the estimate, as the window shows them) after one warm-up; the table gives the median
and the slowest, in ms, and the total each search found.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.bootstrap import open_service  # noqa: E402
from reader.domain import ArticleKind, SearchRequest  # noqa: E402
from reader.services import ArchiveService  # noqa: E402


def _probe(db: Path) -> tuple[str | None, int | None, int | None]:
    """The busiest reporter, a middle issue, and the middle year of the archive."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        person = connection.execute(
            "SELECT name FROM bylines GROUP BY name ORDER BY count(*) DESC, name LIMIT 1"
        ).fetchone()
        issues = connection.execute("SELECT id FROM issues ORDER BY id").fetchall()
        years = connection.execute(
            "SELECT min(date), max(date) FROM issues WHERE date IS NOT NULL"
        ).fetchone()
    issue = issues[len(issues) // 2][0] if issues else None
    year = None
    if years and years[0]:
        first, last = (dt.date.fromisoformat(str(value)[:10]).year for value in years)
        year = (first + last) // 2
    return (person[0] if person else None), issue, year


def searches(db: Path) -> dict[str, Callable[[ArchiveService], int]]:
    person, issue, year = _probe(db)

    def search(request: SearchRequest) -> Callable[[ArchiveService], int]:
        return lambda service: service.search(request).total

    news = ArticleKind.NEWS
    found: dict[str, Callable[[ArchiveService], int]] = {
        "会议, news only": search(SearchRequest("会议", kind=news, exact_total=False)),
        "区, news only": search(SearchRequest("区", kind=news, exact_total=False)),
        "会议, commentary only": search(
            SearchRequest("会议", kind=ArticleKind.COMMENTARY, exact_total=False)
        ),
        "news only, no query": search(SearchRequest("", kind=news, exact_total=False)),
    }
    if person:
        found["会议, busiest reporter"] = search(
            SearchRequest("会议", person=person, exact_total=False)
        )
    if issue is not None:
        found["区, one issue"] = search(SearchRequest("区", issue_id=issue, exact_total=False))
    if year is not None:
        start = dt.date(year, 1, 1)
        found["会议, two months"] = search(
            SearchRequest(
                "会议", date_from=start, date_to=start.replace(month=3), exact_total=False
            )
        )
        found["会议, published since mid-archive"] = search(
            SearchRequest("会议", issue_from=start, exact_total=False)
        )
    found["timeline of 会议 (month)"] = lambda service: sum(
        bucket.articles for bucket in service.timeline(SearchRequest("会议"), "month").buckets
    )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    service = open_service(args.db)
    figures: dict[str, dict[str, float]] = {}
    try:
        print("| search | median ms | slowest ms | total |")
        print("|---|---|---|---|")
        for name, run in searches(args.db).items():
            total = run(service)  # warm-up: the period index, the sample plan
            times = []
            for _ in range(args.repeats):
                started = time.perf_counter()
                run(service)
                times.append((time.perf_counter() - started) * 1000)
            figures[name] = {
                "median_ms": statistics.median(times),
                "max_ms": max(times),
                "total": total,
            }
            print(f"| {name} | {statistics.median(times):.1f} | {max(times):.1f} | {total:,} |")
    finally:
        service.close()
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
