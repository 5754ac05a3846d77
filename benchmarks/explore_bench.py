"""Exploring benchmark (issue 15): timelines, related articles, co-occurrence.

    python benchmarks/explore_bench.py [--db /tmp/reader-ui-bench/100000/archive.sqlite3]

Works on a copy of an indexed archive (``--db``; made by ``search_bench.py`` or
``make_corpus.py`` + ``reader index``), upgraded to the current schema on opening
(a v5 archive computes its signatures then: timed, as ``upgrade``). Then, on the
copy:

* timeline (by month) vs the same search's first page, per query of
  ``search_bench.QUERIES`` (median of 7 runs after 2 warm-ups each): p50/p95 per
  class and the ratio timeline / first page;
* related articles of 200 random articles: p50/p95 (the first call, which builds the
  in-memory band index, reported apart);
* co-occurrence for the most frequent entity;
* the index-time cost of the related data: the signatures of every article computed
  as the indexer's workers compute them (CPU seconds), and their insert into the store
  (the upgrade's writes), against the indexing time ``--index-seconds`` of the same
  archive (search_bench prints it).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench import QUERIES  # noqa: E402

from reader.bootstrap import open_service  # noqa: E402
from reader.domain import SearchRequest  # noqa: E402
from reader.search import minhash  # noqa: E402


def _timed(function, runs: int = 7, warm: int = 2) -> float:  # type: ignore[no-untyped-def]
    for _ in range(warm):
        function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="/tmp/reader-ui-bench/100000/archive.sqlite3")
    parser.add_argument("--work", default="/tmp/reader-explore-bench")
    parser.add_argument("--index-seconds", type=float, default=131.5)
    parser.add_argument("--reuse", action="store_true", help="keep the copy of a run before")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    copy = work / "archive.sqlite3"
    if not (args.reuse and copy.exists()):
        for suffix in ("", "-wal", "-shm"):
            source = Path(args.db + suffix)
            if source.exists():
                shutil.copyfile(source, str(copy) + suffix)
    started = time.perf_counter()
    service = open_service(copy)
    upgrade = time.perf_counter() - started
    print(f"open (upgrade when older): {upgrade:.1f} s")

    by_class: dict[str, list[tuple[float, float]]] = {}
    rows = []
    for klass, query in QUERIES:
        request = SearchRequest(query, limit=20)
        page = _timed(lambda request=request: service.search(request))
        line = _timed(lambda request=request: service.timeline(request))
        by_class.setdefault(klass, []).append((page, line))
        rows.append((klass, query, page, line))
    print("\nquery | first page ms | timeline ms | ratio")
    for klass, query, page, line in rows:
        print(f"{klass} | {query} | {page:.2f} | {line:.2f} | {line / max(page, 0.01):.2f}")
    timelines = [line for _, _, _, line in rows]
    ratios = [line / max(page, 0.05) for _, _, page, line in rows]
    print("\nclass | page p50 | timeline p50 | timeline max | worst ratio")
    for klass, pairs in by_class.items():
        pages = [p for p, _ in pairs]
        lines = [t for _, t in pairs]
        worst = max(t / max(p, 0.05) for p, t in pairs)
        print(
            f"{klass} | {statistics.median(pages):.2f} | {statistics.median(lines):.2f}"
            f" | {max(lines):.2f} | {worst:.2f}"
        )
    print(
        f"\ntimeline all queries: p50 {statistics.median(timelines):.2f} ms,"
        f" p95 {_p95(timelines):.2f} ms; ratio p50 {statistics.median(ratios):.2f},"
        f" max {max(ratios):.2f}"
    )
    service._periods = None  # noqa: SLF001 - the cold case: the period map built again
    started = time.perf_counter()
    service.timeline(SearchRequest("会议"))
    print(
        f"timeline with the period map built (first after a change): "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )

    ids = service.all_article_ids()
    rng = random.Random(15)
    sample = rng.sample(ids, min(200, len(ids)))
    started = time.perf_counter()
    service.related(sample[0])
    first = (time.perf_counter() - started) * 1000
    times = []
    for article_id in sample:
        started = time.perf_counter()
        service.related(article_id)
        times.append((time.perf_counter() - started) * 1000)
    print(
        f"\nrelated: first call (builds the band index) {first:.0f} ms;"
        f" then p50 {statistics.median(times):.2f} ms, p95 {_p95(times):.2f} ms"
    )

    top = service.entities(limit=1)[0]
    cooc = _timed(lambda: service.cooccurring(top.canonical, top.type), runs=5, warm=1)
    print(f"co-occurrence of {top.canonical} ({top.article_count} articles): {cooc:.1f} ms")
    line = _timed(lambda: service.entity_timeline(top.canonical, top.type), runs=5, warm=1)
    print(f"entity timeline of {top.canonical}: {line:.1f} ms")

    # Index-time cost: the workers' signature computation over every article.
    articles = service.articles(ids[:5000])
    started = time.perf_counter()
    for article in articles:
        minhash.signatures(article.title, article.subtitle, article.paragraphs)
    per_article = (time.perf_counter() - started) / len(articles)
    cpu = per_article * len(ids)
    print(
        f"\nsignatures: {per_article * 1e6:.0f} µs per article in one process ="
        f" {cpu:.1f} CPU s for {len(ids)} articles"
        f" ({100 * cpu / args.index_seconds:.1f}% of {args.index_seconds:.0f} s of indexing"
        " if nothing ran in parallel)"
    )
    service.close()


if __name__ == "__main__":
    main()
