"""SQLite and PostgreSQL side by side (issue 16), in one run.

    python benchmarks/pg_bench.py [--articles 100000] [--work /tmp/reader-pg-bench]

Generates a corpus (``make_corpus``), starts a throwaway PostgreSQL cluster
(tests/pg_server.py: initdb into a temp folder, a free port, durable settings: fsync
on), and for each backend: indexes the corpus with the real indexer (indexing MB/s,
database size), runs the search benchmark's query mix for the first page of 20 hits
as the window asks for it (``search_bench.first_page``: past a few thousand hits the
total is an estimate; p50/p95 per class), the exact count the window runs after such a
page (``exact_count``), and the same query as a ``LIKE '%q%'`` scan on the same database,
then runs 16 reader threads searching beside one indexer process that indexes a
second corpus into another archive on the same backend (searches per second, p95,
errors). Prints a table and writes JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_corpus  # noqa: E402
from search_bench import QUERIES, first_page  # noqa: E402
from sqlalchemy import text  # noqa: E402

from reader.bootstrap import open_service  # noqa: E402
from reader.domain import SearchRequest  # noqa: E402
from tests.pg_server import Cluster  # noqa: E402

READERS = 16


def _mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*.txt")) / 1e6


def _index(db: str, corpus: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reader", "index", str(corpus), "--db", db],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    return time.perf_counter() - started


def _size(db: str) -> float:
    service = open_service(db)
    try:
        store = service._store  # noqa: SLF001 - a benchmark looks inside
        if store.target.path is not None:
            return (
                sum(
                    p.stat().st_size
                    for p in store.target.path.parent.glob(store.target.path.name + "*")
                )
                / 1e6
            )
        with store.engine.connect() as connection:
            return (
                int(
                    connection.execute(text("SELECT pg_database_size(current_database())")).scalar()
                )
                / 1e6
            )
    finally:
        service.close()


def _queries(db: str, runs: int) -> dict[str, dict[str, float]]:
    service = open_service(db)
    like = "SELECT count(*) FROM paragraphs WHERE text LIKE :q"  # the scan to beat
    times: dict[str, list[float]] = {}
    scans: dict[str, list[float]] = {}
    counts: dict[str, list[float]] = {}
    try:
        for _ in range(2):
            for klass, query in QUERIES:
                service.search(first_page(query, klass))
        for _ in range(runs):
            for klass, query in QUERIES:
                started = time.perf_counter()
                service.search(first_page(query, klass))
                times.setdefault(klass, []).append((time.perf_counter() - started) * 1000)
        for klass, query in QUERIES:
            started = time.perf_counter()
            service.count(SearchRequest(query))
            counts.setdefault(klass, []).append((time.perf_counter() - started) * 1000)
        with service._store.engine.connect() as connection:  # noqa: SLF001
            for klass, query in QUERIES:
                word = query.strip('"').split()[0]
                started = time.perf_counter()
                connection.execute(text(like), {"q": f"%{word}%"}).scalar()
                scans.setdefault(klass, []).append((time.perf_counter() - started) * 1000)
    finally:
        service.close()
    out = {}
    for klass, values in times.items():
        values.sort()
        out[klass] = {
            "p50": statistics.median(values),
            "p95": values[min(len(values) - 1, int(len(values) * 0.95))],
            "like": statistics.median(scans[klass]),
            "exact_count": statistics.median(counts[klass]),
        }
    return out


def _concurrent(db: str, other_db: str, corpus: Path) -> dict[str, float]:
    indexer = subprocess.Popen(
        [sys.executable, "-m", "reader", "index", str(corpus), "--db", other_db],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    started = time.perf_counter()

    def reader(number: int) -> None:
        service = open_service(db)
        try:
            position = number
            while indexer.poll() is None:
                klass, query = QUERIES[position % len(QUERIES)]
                position += 1
                begin = time.perf_counter()
                try:
                    result = service.search(first_page(query, klass))
                    if result.error:
                        raise RuntimeError(result.error)
                except Exception as error:  # noqa: BLE001 - counted
                    with lock:
                        errors.append(repr(error))
                    continue
                with lock:
                    latencies.append((time.perf_counter() - begin) * 1000)
        finally:
            service.close()

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    for thread in threads:
        thread.start()
    _, err = indexer.communicate()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "searches": len(latencies),
        "per_second": len(latencies) / elapsed,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p95": latencies[int(len(latencies) * 0.95)] if latencies else 0.0,
        "errors": len(errors) + (indexer.returncode != 0),
        "indexer_seconds": elapsed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--side-articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path("/tmp/reader-pg-bench"))
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--no-concurrent", action="store_true", help="skip the 16 readers beside an indexer"
    )
    args = parser.parse_args(argv)
    shutil.rmtree(args.work, ignore_errors=True)
    corpus, side = args.work / "corpus", args.work / "side"
    make_corpus(corpus, args.articles)
    if not args.no_concurrent:
        make_corpus(side, args.side_articles, seed=11)
    megabytes = _mb(corpus)
    report: dict[str, object] = {"articles": args.articles, "text_mb": megabytes}
    cluster = Cluster(durable=True) if "postgresql" in args.backends else None
    try:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                db, other = str(args.work / "a.sqlite3"), str(args.work / "side.sqlite3")
            else:
                assert cluster is not None
                db, other = cluster.create_database(), cluster.create_database()
            seconds = _index(db, corpus)
            result = {
                "index_seconds": seconds,
                "index_mb_per_s": megabytes / seconds,
                "database_mb": _size(db),
                "queries": _queries(db, args.runs),
            }
            if not args.no_concurrent:
                result["concurrent"] = _concurrent(db, other, side)
            report[backend] = result
            print(json.dumps({backend: result}, indent=1, ensure_ascii=False), flush=True)
    finally:
        if cluster is not None:
            cluster.stop()
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
