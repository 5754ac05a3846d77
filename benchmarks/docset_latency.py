"""What document-level postings would cost at query time (issue 17: the smaller index).

    python benchmarks/docset_latency.py --db /tmp/reader-bench/archive-100000.sqlite3 \
        [--work /tmp/reader-docset] [--repeats 5] [--count-limit 30]

``benchmarks/index_layouts.py`` shows that only ``detail=none`` postings (which
articles hold a character or a bigram, not where) fit a database of 2.5× the text.
Such an index answers a term of one or two characters exactly, but a longer term only
with candidates (every one of its bigrams somewhere in the article), which must then
be checked against the stored text. This measures that check on a real archive,
without changing it:

* builds once (kept under ``--work``) one ``detail=none`` FTS5 table of each
  article's distinct characters and bigrams, with today's docids (newest first);
* for each query of ``search_bench``'s mix: the first page of 20 hits newest first,
  reading candidates newest first in batches and checking each against its folded
  fields (title, kicker, subtitle, byline names, paragraphs) until 20 hits are found,
  against today's engine on the same archive in the same run (``search``, the page as
  the window asks for it);
* the exact total: ``count(*)`` where no check is needed, else every candidate checked
  (at most ``--count-limit`` seconds per query).

The page here is cut newest first without ranking, so it is a lower bound of what the
design would cost. (Written before schema v11, which made this design the engine's:
"today's engine" is now the same design, the comparison a consistency check.)
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from index_layouts import _distinct_grams, load  # noqa: E402
from search_bench import QUERIES  # noqa: E402

from reader.domain import SearchRequest  # noqa: E402
from reader.search.docids import SERVER_ID_MASK as ID_MASK  # noqa: E402
from reader.search.engine import search  # noqa: E402
from reader.search.normalize import fold, folds_onto  # noqa: E402
from reader.search.query import Query, Term, parse  # noqa: E402
from reader.search.rows import load_fields  # noqa: E402
from reader.store.session import create_sqlite_engine  # noqa: E402
from reader.store.tables import ARTICLES, BYLINES, PARAGRAPHS  # noqa: E402

PAGE = 20
BATCH = 64


def timed(work, *args):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = work(*args)
    return (time.perf_counter() - started) * 1000.0, result


DOCSET = "content='', tokenize='ascii', detail=none, columnsize=0"


def build(db: Path, work: Path) -> Path:
    """The ``detail=none`` table of the archive (built once, then reused)."""
    path = work / "docset.db"
    if path.exists():
        return path
    work.mkdir(parents=True, exist_ok=True)
    docids, docs, _ = load(db, None)
    scratch = sqlite3.connect(work / "docset.partial")
    # The archive is attached to it later, which SQLite allows only in the same encoding.
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as archive:
        encoding = archive.execute("PRAGMA encoding").fetchone()[0]
    scratch.execute(f"PRAGMA encoding='{encoding}'")
    scratch.execute(f"CREATE VIRTUAL TABLE t USING fts5(grams, {DOCSET})")
    rows = (
        (
            docid,
            _distinct_grams(
                [fold(f) for f in (d.title, d.kicker, d.subtitle) if f]
                + [fold(name) for name in d.byline_names]
                + [fold(p) for p in d.paragraphs]
            ),
        )
        for docid, d in zip(docids, docs, strict=True)
    )
    with scratch:
        scratch.executemany("INSERT INTO t(rowid, grams) VALUES (?, ?)", rows)
    scratch.execute("INSERT INTO t(t) VALUES ('optimize')")
    scratch.commit()
    scratch.close()
    (work / "docset.partial").rename(path)
    return path


def _token(gram: str) -> str:
    return '"' + gram.replace('"', '""') + '"'


def _tokens(folded: str) -> str:
    """The candidates of a term: its only token, or all its distinct bigrams."""
    if len(folded) <= 2:
        return _token(folded)
    grams = sorted({folded[i : i + 2] for i in range(len(folded) - 1)})
    return "(" + " AND ".join(map(_token, grams)) + ")"


def candidates_expression(query: Query) -> str:
    groups = [
        "(" + " OR ".join(_tokens(t.folded) for t in group.terms) + ")" for group in query.required
    ]
    expression = " AND ".join(groups)
    short = [t for t in query.excluded if len(t.folded) <= 2]
    if short:  # a short excluded term is exact; a longer one is left to the check
        expression += " NOT (" + " OR ".join(_token(t.folded) for t in short) + ")"
    return expression


def needs_check(query: Query) -> bool:
    terms: list[Term] = [t for group in query.required for t in group.terms]
    return any(len(t.folded) > 2 for t in terms + list(query.excluded))


def holds(fields: Sequence[str], query: Query) -> bool:
    def found(term: Term) -> bool:
        return any(term.folded in field for field in fields)

    return all(any(found(t) for t in group.terms) for group in query.required) and not any(
        found(t) for t in query.excluded
    )


def _checked(archive, ids: list[int], query: Query) -> Iterator[int]:  # type: ignore[no-untyped-def]
    fields = load_fields(archive, ids)
    for article_id in ids:
        f = fields.get(article_id)
        if f is None:
            continue
        texts = [fold(x) for x in (f.title, f.kicker, f.subtitle) if x]
        texts += [fold(x) for x in f.byline_names] + [fold(x) for x in f.paragraphs]
        if holds(texts, query):
            yield article_id


_A, _B, _P = ARTICLES.c, BYLINES.c, PARAGRAPHS.c
_ID = f"(t.rowid & {ID_MASK})"


def _in_text(term: Term, params: list[str]) -> str:
    """SQL: ``term`` occurs in one of the article's fields (the archive attached as
    ``a``). The stored text is searched as it is unless another character folds onto
    one of the term's (then through the ``fold`` function)."""
    params.append(term.folded)
    needle = f"?{len(params) + 1}"

    def found(column: str) -> str:
        return (
            f"instr(fold({column}), {needle})"
            if folds_onto(term.folded)
            else (f"instr({column}, {needle})")
        )

    heads = " OR ".join(found(f"x.{c.name}") for c in (_A.title, _A.kicker, _A.subtitle))
    return (
        f"(EXISTS (SELECT 1 FROM a.{PARAGRAPHS.name} p WHERE p.{_P.article_id.name} = {_ID}"
        f" AND {found(f'p.{_P.text.name}')})"
        f" OR EXISTS (SELECT 1 FROM a.{ARTICLES.name} x WHERE x.{_A.id.name} = {_ID}"
        f" AND ({heads}))"
        f" OR EXISTS (SELECT 1 FROM a.{BYLINES.name} b WHERE b.{_B.article_id.name} = {_ID}"
        f" AND {found(f'b.{_B.name.name}')}))"
    )


def sql_check(query: Query) -> tuple[str, list[str]]:
    """The whole query checked in SQL on the stored text (C's ``instr``, no Python per
    article): the condition and its parameters after the ``MATCH`` expression."""
    params: list[str] = []
    groups = [
        "(" + " OR ".join(_in_text(t, params) for t in group.terms) + ")"
        for group in query.required
    ]
    condition = " AND ".join(groups)
    for term in query.excluded:
        condition += f" AND NOT {_in_text(term, params)}"
    return condition, params


def sql_page(docset: sqlite3.Connection, query: Query) -> list[int]:
    condition, params = sql_check(query) if needs_check(query) else ("1", [])
    rows = docset.execute(
        f"SELECT rowid FROM t WHERE t MATCH ?1 AND {condition} ORDER BY rowid DESC LIMIT {PAGE}",
        (candidates_expression(query), *params),
    )
    return [row[0] & ID_MASK for row in rows]


def sql_total(docset: sqlite3.Connection, query: Query) -> int:
    condition, params = sql_check(query) if needs_check(query) else ("1", [])
    counted = docset.execute(
        f"SELECT count(*) FROM t WHERE t MATCH ?1 AND {condition}",
        (candidates_expression(query), *params),
    )
    return int(counted.fetchone()[0])


def first_page(docset: sqlite3.Connection, archive, query: Query) -> list[int]:  # type: ignore[no-untyped-def]
    cursor = docset.execute(
        "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid DESC", (candidates_expression(query),)
    )
    check = needs_check(query)
    page: list[int] = []
    while len(page) < PAGE:
        batch = [row[0] & ID_MASK for row in cursor.fetchmany(BATCH if check else PAGE)]
        if not batch:
            break
        page.extend(_checked(archive, batch, query) if check else batch)
    return page[:PAGE]


def exact_total(docset: sqlite3.Connection, archive, query: Query, limit_s: float) -> str:  # type: ignore[no-untyped-def]
    expression = candidates_expression(query)
    if not needs_check(query):
        return str(
            docset.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()[0]
        )
    started = time.perf_counter()
    cursor = docset.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,))
    hits = seen = 0
    while True:
        batch = [row[0] & ID_MASK for row in cursor.fetchmany(2000)]
        if not batch:
            return str(hits)
        seen += len(batch)
        hits += sum(1 for _ in _checked(archive, batch, query))
        if time.perf_counter() - started > limit_s:
            return f"≥{hits} (stopped after {seen} candidates)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/reader-docset"))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--count-limit", type=float, default=30.0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = build(args.db, args.work)
    print(
        f"docset table: {path.stat().st_size / 1e6:.0f} MB ({time.perf_counter() - started:.0f} s)"
    )
    docset = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    docset.execute("ATTACH ? AS a", (f"file:{args.db}?mode=ro",))
    docset.create_function("fold", 1, fold, deterministic=True)
    engine = create_sqlite_engine(args.db)
    print(
        "| query | class | candidates | page ms: today | checked in Python | checked in SQL"
        " | exact total | s: today | in Python | in SQL |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    with engine.connect() as archive:
        for label, raw in QUERIES:
            query = parse(raw)
            request = SearchRequest(raw, limit=PAGE, exact_total=False)
            today, python, sql = [], [], []
            for _ in range(args.repeats):
                today.append(timed(search, archive, request)[0])
                python_ms, page = timed(first_page, docset, archive, query)
                python.append(python_ms)
                sql_ms, sql_hits = timed(sql_page, docset, query)
                sql.append(sql_ms)
                assert sql_hits == page, (raw, sql_hits, page)
            expression = candidates_expression(query)
            candidates = docset.execute(
                "SELECT count(*) FROM t WHERE t MATCH ?", (expression,)
            ).fetchone()[0]
            count_today, counted = timed(search, archive, SearchRequest(raw, limit=0))
            count_python, total = timed(exact_total, docset, archive, query, args.count_limit)
            count_sql, sql_count = timed(sql_total, docset, query)
            exact = counted.total
            assert sql_count == exact, (raw, sql_count, exact)
            print(
                f"| {raw} | {label} | {candidates} | {statistics.median(today):.2f}"
                f" | {statistics.median(python):.2f} | {statistics.median(sql):.2f}"
                f" | {exact} | {count_today / 1000:.3f} | {count_python / 1000:.2f}"
                f" ({total}) | {count_sql / 1000:.3f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
