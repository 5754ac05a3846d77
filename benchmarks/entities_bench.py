"""Entity extraction throughput on a large corpus generated from the seeds.

    .venv/bin/python benchmarks/entities_bench.py [--mb 30] [--workers N] [--line-mb 3]

Reports, in one process: MB/s article by article (``recognise_article``) and issue by
issue (``recognise_issue`` over 40 articles, as the indexer calls it); the one-line case
(``--line-mb`` of the same paragraphs as one article in paragraphs, then joined into a
single line: the ratio of the two times, linear recognition gives about 1); and MB/s
over a pool of workers.

The corpus is deterministic: the seeds' paragraphs (parsed by reader.ingest), shuffled
with a fixed seed into synthetic articles of 3-8 paragraphs, until ``--mb`` MB of UTF-8
text.  Recognition runs once in this process and once over a multiprocessing pool (one
worker per core); jieba's dictionary loading is excluded from both timings (each worker
warms up before the clock starts) because it happens once per process, not per text.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.domain import ArticleKind, Byline, ParsedArticle, ParsedIssue  # noqa: E402
from reader.entities import recognise_article, recognise_issue  # noqa: E402
from reader.ingest import parse_issue  # noqa: E402

KNOWN = frozenset({"付凯明", "赵根志", "马雅宁", "高亢"})


def seed_paragraphs() -> tuple[list[str], list[str]]:
    paragraphs, titles = [], []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        issue = parse_issue(path.read_text(encoding="utf-8"), path.name, fallback_year=2025)
        for article in issue.articles:
            paragraphs.extend(article.paragraphs)
            if article.title:
                titles.append(article.title)
    return paragraphs, titles


def corpus(megabytes: float) -> list[ParsedArticle]:
    paragraphs, titles = seed_paragraphs()
    rng = random.Random(20251123)
    target = int(megabytes * 1_000_000)
    articles, size = [], 0
    while size < target:
        body = tuple(rng.choice(paragraphs) for _ in range(rng.randint(3, 8)))
        title = rng.choice(titles)
        size += sum(len(p.encode("utf-8")) for p in body) + len(title.encode("utf-8"))
        articles.append(
            ParsedArticle(title, None, None, ArticleKind.NEWS, None, Byline(), (), body, title)
        )
    return articles


def _count(article: ParsedArticle) -> int:
    return len(recognise_article(article, KNOWN))


def _warm_up(_: int) -> int:
    recognise_article(
        ParsedArticle(
            "高新区", None, None, ArticleKind.NEWS, None, Byline(), (), ("宫卫红说。",), ""
        )
    )
    time.sleep(0.2)  # keep this worker busy so that every worker gets a warm-up task
    return os.getpid()


def one_line_case(megabytes: float) -> None:
    paragraphs, _ = seed_paragraphs()
    body, size = [], 0
    while size < megabytes * 1_000_000:
        body.append(paragraphs[len(body) % len(paragraphs)])
        size += len(body[-1].encode("utf-8"))

    def timed(texts: list[str]) -> float:
        article = ParsedArticle(
            "", None, None, ArticleKind.NEWS, None, Byline(), (), tuple(texts), ""
        )
        start = time.perf_counter()
        recognise_article(article, KNOWN)
        return time.perf_counter() - start

    in_paragraphs, one_line = timed(body), timed(["".join(body)])
    print(
        f"one article of {size / 1e6:.1f} MB: in paragraphs {in_paragraphs:.2f} s, "
        f"on one line {one_line:.2f} s (ratio {one_line / in_paragraphs:.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=30.0, help="corpus size in MB (UTF-8)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--line-mb", type=float, default=3.0, help="size of the one-line case")
    args = parser.parse_args()

    articles = corpus(args.mb)
    megabytes = (
        sum(len(p.encode("utf-8")) for a in articles for p in (a.title or "", *a.paragraphs)) / 1e6
    )
    print(f"corpus: {len(articles)} articles, {megabytes:.1f} MB")

    start = time.perf_counter()
    _warm_up(0)
    print(f"first call (loads jieba + resources): {time.perf_counter() - start:.2f} s")

    start = time.perf_counter()
    mentions = sum(map(_count, articles))
    single = time.perf_counter() - start
    print(f"single process: {megabytes / single:.2f} MB/s ({mentions} mentions, {single:.1f} s)")

    issues = [
        ParsedIssue("bench", None, tuple(articles[i : i + 40])) for i in range(0, len(articles), 40)
    ]
    start = time.perf_counter()
    mentions = sum(len(m) for issue in issues for m in recognise_issue(issue, KNOWN))
    by_issue = time.perf_counter() - start
    print(
        f"issue by issue: {megabytes / by_issue:.2f} MB/s ({mentions} mentions, {by_issue:.1f} s)"
    )
    one_line_case(args.line_mb)

    with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
        pool.map(_warm_up, range(args.workers), chunksize=1)
        start = time.perf_counter()
        mentions = sum(pool.imap_unordered(_count, articles, chunksize=64))
        parallel = time.perf_counter() - start
    print(
        f"pool of {args.workers}: {megabytes / parallel:.2f} MB/s "
        f"({mentions} mentions, {parallel:.1f} s, speed-up {single / parallel:.1f}x)"
    )


if __name__ == "__main__":
    main()
