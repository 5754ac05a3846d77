"""What a smaller search index would weigh: FTS5 layouts and docid codings, measured on
an indexed archive (issue 17; the figures of docs/search.md, "Toward 1,000,000
articles").

    python benchmarks/index_layouts.py --db /tmp/reader-bench/archive-100000.sqlite3 \
        [--text-mb 149.4] [--full-sample 8000] [--work /tmp/reader-layouts]

Reads the archive (never writes it): the stored articles in docid order, rebuilt into
their search text as the indexer makes it. Then builds, in scratch databases under
``--work``, one FTS5 table per variant, merges (``optimize``) and vacuums it, and
prints its size (``dbstat``) per MB of text:

* document-level postings (``detail=none``): each article's distinct characters and
  character bigrams (fields joined by the boundary character, as the index does), one
  column, for three docid codings: the former (schema v9) ``date << 32 | article id``, day-coded
  ``date << 10 | n-th article of its day``, and dense (rank in date order); and the
  same for the headline fields alone;
* on the first ``--full-sample`` articles, today's layout (schema v11: ``detail=none``,
  the grams of each field, no pair across fields) with the same three codings. (Before
  v11 this line measured the positional layout: ``detail=full``, even/odd bigram
  columns, one-character prefix index.)

Also prints what the archive holds besides its search tables: the budget a search
index has under a database of 2.5× the text. ``--text-mb``: the size of the source
files (what ``search_bench`` divides by); default: the stored text.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from operator import add
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.search.docids import SERVER_ID_BITS, day_of  # noqa: E402
from reader.search.fts import SearchDocument  # noqa: E402
from reader.search.normalize import BOUNDARY, fold  # noqa: E402
from reader.store.search_schema import COLUMNS, FTS5_OPTIONS  # noqa: E402
from reader.store.session import create_sqlite_engine  # noqa: E402

DAY_BITS = 10
Coding = Callable[[int, int], int]
"""(rank in docid order, today's docid) → the docid to store."""


def _today(_rank: int, docid: int) -> int:
    return docid


def _dense(rank: int, _docid: int) -> int:
    return rank + 1


def _day_coded() -> Coding:
    seen: dict[int, int] = {}

    def code(_rank: int, docid: int) -> int:
        day = docid >> SERVER_ID_BITS
        seen[day] = seen.get(day, 0) + 1
        return (day << DAY_BITS) | (seen[day] - 1)

    return code


def _distinct_grams(fields: Iterable[str]) -> str:
    joined = BOUNDARY.join(field for field in fields if field)
    if not joined:
        return ""
    joined += BOUNDARY
    grams = set(map(add, joined, joined[1:]))
    grams.update(joined)
    return " ".join(grams)


def load(db: Path, limit: int | None) -> tuple[list[int], list[SearchDocument], int]:
    """The docids as ``date << 32 | article id`` in date order, their documents, and the
    stored text's UTF-8 bytes."""
    from reader.search.fts import stored_documents
    from reader.store.search_schema import MAP_TABLE

    engine = create_sqlite_engine(db)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            f"SELECT article_id, docid FROM {MAP_TABLE} ORDER BY docid"
        ).fetchall()[:limit]
        documents: dict[int, SearchDocument] = {}
        ids = [article_id for article_id, _ in rows]
        for start in range(0, len(ids), 5000):
            documents.update(stored_documents(connection, ids[start : start + 5000]))
    engine.dispose()
    docs = [documents[article_id] for article_id, _ in rows]
    text = sum(len("".join((d.title or "", *d.paragraphs)).encode("utf-8")) for d in docs)
    # The codings below start from the former one (the server's: date << 32 | id).
    legacy = [(day_of(docid) << SERVER_ID_BITS) | article_id for article_id, docid in rows]
    return legacy, docs, text


def measure(
    path: Path, options: str, columns: tuple[str, ...], rows: Iterable[tuple[int, ...]]
) -> float:
    """MB of one FTS5 table holding ``rows`` (docid first), merged and vacuumed."""
    path.unlink(missing_ok=True)
    scratch = sqlite3.connect(path)
    scratch.execute(f"CREATE VIRTUAL TABLE t USING fts5({', '.join(columns)}, {options})")
    marks = ", ".join("?" * (len(columns) + 1))
    with scratch:
        scratch.executemany(f"INSERT INTO t(rowid, {', '.join(columns)}) VALUES ({marks})", rows)
    scratch.execute("INSERT INTO t(t) VALUES ('optimize')")
    scratch.commit()
    scratch.execute("VACUUM")
    size = scratch.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 't_%'").fetchone()[0]
    scratch.close()
    path.unlink()
    return float(size) / 1e6


def rest_of_archive(db: Path) -> float:
    """MB of the archive's tables and indexes other than the search tables."""
    archive = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    total = archive.execute(
        "SELECT sum(pgsize) FROM dbstat WHERE name NOT LIKE 'search_fts%'"
        " AND name NOT LIKE 'search_head%'"
    ).fetchone()[0]
    archive.close()
    return float(total) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--text-mb", type=float, help="source files' MB (default: stored text)")
    parser.add_argument("--articles", type=int, help="only the first N articles")
    parser.add_argument("--full-sample", type=int, default=8000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/reader-layouts"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    docids, docs, stored = load(args.db, args.articles)
    text_mb = args.text_mb or stored / 1e6
    print(f"{len(docs)} articles, {stored / 1e6:.1f} MB stored text, ratios per {text_mb:.1f} MB")
    rest = rest_of_archive(args.db)
    print(f"the archive without its search tables: {rest:.0f} MB = {rest / text_mb:.2f}×")
    if args.articles:
        print("(of the whole archive: the last column means little with --articles)")
    print(f"(loaded in {time.perf_counter() - started:.0f} s)\n")

    heads = [_distinct_grams(fold(f) for f in (d.title, d.kicker, d.subtitle) if f) for d in docs]
    whole = [
        _distinct_grams(
            [fold(f) for f in (d.title, d.kicker, d.subtitle) if f]
            + [fold(name) for name in d.byline_names]
            + [fold(p) for p in d.paragraphs]
        )
        for d in docs
    ]
    codings: list[tuple[str, Callable[[], Coding]]] = [
        ("date << 32 | article id (before v10)", lambda: _today),
        (f"date << {DAY_BITS} | n-th of its day", _day_coded),
        ("dense: rank in date order", lambda: _dense),
    ]
    none = "content='', tokenize='ascii', detail=none, columnsize=0"
    print("| docid | detail=none main | headline | database would be |")
    print("|---|---|---|---|")
    for label, coding in codings:
        code = coding()
        ids = [code(rank, docid) for rank, docid in enumerate(docids)]
        main_mb = measure(args.work / "main.db", none, ("grams",), zip(ids, whole, strict=True))
        pairs = [(i, h) for i, h in zip(ids, heads, strict=True) if h]
        head_mb = measure(args.work / "head.db", none, ("grams",), pairs)
        total = (rest + main_mb + head_mb) / text_mb
        cell = label.replace("|", "\\|")
        print(
            f"| {cell} | {main_mb:.1f} MB = {main_mb / text_mb:.2f}× |"
            f" {head_mb:.1f} MB = {head_mb / text_mb:.3f}× | {total:.2f}× |"
        )

    sample = min(args.full_sample, len(docs))
    if sample:
        sample_text = sum(
            len("".join((d.title or "", *d.paragraphs)).encode("utf-8")) for d in docs[:sample]
        )
        columns = [(d.index_text().grams,) for d in docs[:sample]]
        print(f"\ntoday's layout (v11: detail=none) on the first {sample} articles:")
        for label, coding in codings:
            code = coding()
            ids = [code(rank, docid) for rank, docid in enumerate(docids[:sample])]
            rows = [(i, *c) for i, c in zip(ids, columns, strict=True)]
            mb = measure(args.work / "full.db", FTS5_OPTIONS, COLUMNS, rows)
            print(f"  {label}: {mb:.1f} MB = {mb * 1e6 / sample_text:.2f}× the stored text")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
