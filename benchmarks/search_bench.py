"""Search benchmark: index a generated archive, then time a fixed query mix.

    python benchmarks/search_bench.py [--articles 100000] [--work /tmp/reader-bench]

Indexes ``make_corpus`` output with the real indexer (``open_service().index_paths``),
reports indexing MB/s, database size per MB of text and peak memory, then runs each
query for the first page of 20 hits as the window asks for it (snippets and match
spans; the total exact up to ``totals.COUNT_CAP`` hits, else estimated), times the
exact count the window runs after it (``count ms``) and, in the same run, the same
query as a ``LIKE '%q%'`` scan of the same database and as
``rg -c -F`` over the same text files. Prints p50/p95 per query class and ratios.
``--direct`` stores parsed issues without entity recognition (while the real
indexer is unavailable); ``--reuse`` keeps an existing corpus and database.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import RARE_NAMES, make_corpus  # noqa: E402
from sqlalchemy import text  # noqa: E402

from reader.domain import SearchRequest  # noqa: E402

PAGE_TWO = "page 2"
# (class, query). Rare names come from make_corpus; absent terms occur nowhere.
QUERIES: list[tuple[str, str]] = [
    ("1 char common", "区"),
    ("1 char common", "会"),
    ("1 char common", "，"),
    ("1 char rare", RARE_NAMES[0][1]),
    ("1 char absent", "龘"),
    ("2 chars common", "会议"),
    ("2 chars common", "高新"),
    ("2 chars rare", RARE_NAMES[3][:2]),
    ("2 chars absent", "龘龖"),
    ("3-4 chars common", "高新区"),
    ("3-4 chars common", "大气污染"),
    ("3-4 chars rare", RARE_NAMES[5]),
    ("3-4 chars absent", "量子纠缠"),
    ("6+ chars common", "大气污染防治攻坚"),
    ("6+ chars common", "党工委副书记、管委会主任"),
    ("6+ chars rare", RARE_NAMES[7] + "同志"),
    ("6+ chars absent", "高新区召开量子会议"),
    ("AND", "高新区 会议"),
    ("AND", "吕沛 调度"),
    ("AND", RARE_NAMES[9] + " 会议"),
    ("phrase", '"高新区召开"'),
    ("phrase", '"要认清严峻形势"'),
    ("3-4 chars scattered", "会议调度"),
    ("3-4 chars scattered", "吕沛调度"),
    (PAGE_TWO, "高新区 会议"),
    (PAGE_TWO, "大气污染防治攻坚"),
]
"""Scattered: both halves are common words, next to each other rarely or never (every
article with both is a candidate, checked against the text). Page two: the second
page of 20 as the window asks for it when the list is scrolled."""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def timed(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return (time.perf_counter() - started) * 1000.0, result


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024.0


def text_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*.txt"))


def index_real(db: Path, corpus: Path) -> None:
    from reader.bootstrap import open_service

    service = open_service(db)
    try:
        for _ in service.index_paths([corpus]):
            pass
    finally:
        service.close()


def index_direct(db: Path, corpus: Path) -> None:
    """Parse and store without entities, through reader.search.fts (no real indexer)."""
    from reader.ingest.parse import parse_issue
    from reader.search.fts import SearchDocument, index_articles
    from reader.store.repository import Store

    store = Store.open(db)
    for path in sorted(corpus.rglob("*.txt")):
        issue = parse_issue(path.read_text("utf-8"), path.name)
        with store.engine.begin() as connection:
            source_id = connection.execute(
                text(
                    "INSERT INTO source_files(path, name, size, mtime, sha256, status, error,"
                    " indexed_at) VALUES (:p, :n, 0, 0, '', 'indexed', '', '2024-01-01')"
                    " RETURNING id"
                ),
                {"p": str(path), "n": path.name},
            ).scalar_one()
            issue_id = connection.execute(
                text(
                    "INSERT INTO issues(source_id, source_name, date, year, year_source,"
                    " boilerplate, unplaced) VALUES (:s, :n, :d, :y, '', '[]', '[]')"
                    " RETURNING id"
                ),
                {"s": source_id, "n": path.name, "d": issue.date, "y": issue.year},
            ).scalar_one()
            items = []
            for ordinal, article in enumerate(issue.articles):
                article_id = connection.execute(
                    text(
                        "INSERT INTO articles(key, issue_id, ordinal, title, display_title,"
                        " kicker, subtitle, kind, date, byline_lines, source_lines) VALUES"
                        " (:key, :i, :o, :t, :dt, :k, :s, :kind, :d, '[]', '[]') RETURNING id"
                    ),
                    {
                        "key": f"{path.name}-{ordinal}",
                        "i": issue_id,
                        "o": ordinal,
                        "t": article.title,
                        "dt": article.display_title,
                        "k": article.kicker,
                        "s": article.subtitle,
                        "kind": article.kind.value,
                        "d": article.date,
                    },
                ).scalar_one()
                connection.execute(
                    text("INSERT INTO paragraphs(article_id, position, text) VALUES (:a, :p, :t)"),
                    [
                        {"a": article_id, "p": p, "t": body}
                        for p, body in enumerate(article.paragraphs)
                    ],
                ) if article.paragraphs else None
                names = article.byline.all_names()
                if names:
                    connection.execute(
                        text(
                            "INSERT INTO bylines(article_id, role, name, position)"
                            " VALUES (:a, 'reporter', :n, :p)"
                        ),
                        [{"a": article_id, "n": n, "p": p} for p, n in enumerate(names)],
                    )
                items.append(
                    (
                        article_id,
                        SearchDocument(
                            article.title,
                            article.kicker,
                            article.subtitle,
                            names,
                            article.paragraphs,
                        ),
                    )
                )
            index_articles(connection, items)
    store.close()


def optimize_index(db: Path) -> None:
    from reader.search.fts import optimize
    from reader.store.repository import Store

    store = Store.open(db)
    with store.engine.begin() as connection:
        optimize(connection)
    store.close()


def first_page(query: str, label: str = "") -> SearchRequest:
    """What the window asks for: one page; past COUNT_CAP hits the total may be an
    estimate (reader.search.totals), the exact count follows in the background; the
    page may be the start of the first one (``complete`` False), the rest following
    in the background. Class PAGE_TWO: the next page of 20."""
    return SearchRequest(query, limit=20, offset=20 if label == PAGE_TWO else 0, exact_total=False)


def run_queries(db: Path, corpus: Path, repeats: int) -> list[dict[str, object]]:
    from reader.search.engine import count, search
    from reader.store.repository import Store

    store = Store.open(db)
    rows = []
    with store.engine.connect() as connection:
        for _ in range(2):  # warm the page cache and the fold table
            for label, query in QUERIES:
                search(connection, first_page(query, label))
        for label, query in QUERIES:
            times = []
            for _ in range(repeats):
                elapsed, result = timed(
                    lambda q=query, c=label: search(connection, first_page(q, c))
                )
                times.append(elapsed)
            assert not result.error, result.error  # type: ignore[attr-defined]
            count_ms, total = timed(lambda q=query: count(connection, SearchRequest(q)))
            like_ms, like_total = timed(lambda q=query: like_count(connection, q))
            rg_ms, _ = timed(lambda q=query: rg_count(corpus, q))
            rows.append(
                {
                    "class": label,
                    "query": query,
                    "total": total,
                    "shown_total": result.total,  # type: ignore[attr-defined]
                    "estimated": not result.total_exact,  # type: ignore[attr-defined]
                    "complete": result.complete,  # type: ignore[attr-defined]
                    "like_total": like_total,
                    "times": times,
                    "count_ms": count_ms,
                    "like_ms": like_ms,
                    "rg_ms": rg_ms,
                }
            )
    store.close()
    return rows


def _terms(query: str) -> list[str]:
    return [term.strip('"') for term in query.split()]


def like_count(connection: object, query: str) -> int:
    """Articles whose paragraphs contain every term, by ``LIKE '%term%'`` scans."""
    found: set[int] | None = None
    for term in _terms(query):
        rows = connection.execute(  # type: ignore[attr-defined]
            text("SELECT DISTINCT article_id FROM paragraphs WHERE text LIKE :p"),
            {"p": f"%{term}%"},
        )
        ids = {row[0] for row in rows}
        found = ids if found is None else found & ids
    return len(found or ())


def rg_count(corpus: Path, query: str) -> None:
    for term in _terms(query):
        subprocess.run(
            ["rg", "-c", "-F", term, str(corpus)], stdout=subprocess.DEVNULL, check=False
        )


def report(rows: list[dict[str, object]]) -> dict[str, dict[str, float]]:
    classes: dict[str, dict[str, list[float]]] = {}
    print(
        f"\n{'query':<28}{'total':>8}{'shown':>9}{'p50 ms':>9}{'count ms':>9}"
        f"{'LIKE ms':>9}{'rg ms':>8}"
    )
    for row in rows:
        times = row["times"]  # type: ignore[assignment]
        shown = ("~" if row["estimated"] else "") + str(row["shown_total"])
        print(
            f"{row['query']:<28}{row['total']:>8}{shown:>9}{statistics.median(times):>9.2f}"  # type: ignore[arg-type]
            f"{row['count_ms']:>9.1f}{row['like_ms']:>9.1f}{row['rg_ms']:>8.1f}"
        )
        bucket = classes.setdefault(row["class"], {"fts": [], "like": [], "rg": [], "count": []})  # type: ignore[arg-type]
        bucket["count"].append(row["count_ms"])  # type: ignore[arg-type]
        bucket["fts"] += times  # type: ignore[arg-type]
        bucket["like"].append(row["like_ms"])  # type: ignore[arg-type]
        bucket["rg"].append(row["rg_ms"])  # type: ignore[arg-type]
    summary = {}
    print(
        f"\n{'class':<20}{'p50':>8}{'p95':>8}{'LIKE p50':>10}{'×LIKE':>8}{'rg p50':>9}{'×rg':>7}"
        f"{'count':>8}"
    )
    for label, bucket in classes.items():
        p50, p95 = percentile(bucket["fts"], 0.5), percentile(bucket["fts"], 0.95)
        like, rg = statistics.median(bucket["like"]), statistics.median(bucket["rg"])
        counting = statistics.median(bucket["count"])
        summary[label] = {"p50": p50, "p95": p95, "like": like, "rg": rg, "count": counting}
        print(
            f"{label:<20}{p50:>8.2f}{p95:>8.2f}{like:>10.1f}{like / p50:>8.0f}"
            f"{rg:>9.1f}{rg / p50:>7.1f}{counting:>8.1f}"
        )
    every = [t for bucket in classes.values() for t in bucket["fts"]]
    print(
        f"\nall queries: p50 {percentile(every, 0.5):.2f} ms, p95 {percentile(every, 0.95):.2f} ms"
    )
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/reader-bench"))
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--direct", action="store_true", help="store without the real indexer")
    parser.add_argument("--reuse", action="store_true", help="keep an existing corpus and db")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if shutil.which("rg") is None:
        print("search_bench: ripgrep (rg) is not installed (Debian: ripgrep)", file=sys.stderr)
        return 2
    corpus = args.work / f"corpus-{args.articles}"
    db = args.work / f"archive-{args.articles}.sqlite3"
    if not (args.reuse and corpus.exists()):
        shutil.rmtree(corpus, ignore_errors=True)
        make_corpus(corpus, args.articles)
    size = text_bytes(corpus)
    figures: dict[str, object] = {"articles": args.articles, "text_mb": size / 1e6}
    if not (args.reuse and db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        index = index_direct if args.direct else index_real
        elapsed, _ = timed(lambda: index(db, corpus))
        figures["index_s"] = elapsed / 1000
        figures["index_mb_s"] = size / 1e6 / (elapsed / 1000)
        print(
            f"indexed {size / 1e6:.1f} MB in {elapsed / 1000:.1f} s: "
            f"{figures['index_mb_s']:.2f} MB/s",
            flush=True,
        )
        elapsed, _ = timed(lambda: optimize_index(db))
        figures["optimize_s"] = elapsed / 1000
        print(f"optimize (merge FTS segments): {elapsed / 1000:.1f} s", flush=True)
    db_size = sum(os.path.getsize(p) for p in db.parent.glob(db.name + "*"))
    figures["db_mb_per_text_mb"] = db_size / size
    print(f"database {db_size / 1e6:.1f} MB = {db_size / size:.2f} MB per MB of text")
    rows = run_queries(db, corpus, args.repeats)
    figures["classes"] = report(rows)
    figures["queries"] = rows
    figures["peak_rss_mb"] = peak_mb()
    print(f"peak memory (max RSS of this process or its children): {peak_mb():.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
