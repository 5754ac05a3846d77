"""The search index: contentless FTS5 tables of each article's distinct characters and
character bigrams, with document-level postings (``detail=none``).

Text is folded (:mod:`reader.search.normalize`); each field (a headline field, a byline
name, a paragraph) gives its characters and the bigrams inside it, and an article's
index text is the set of them (``高新区召开`` → ``高 新 区 召 开 高新 新区 区召 召开``),
space-separated so that FTS5's ``ascii`` tokenizer makes each a token (folded text has
no other ASCII than ``[a-z0-9]``). The index records only *which* articles hold a gram.
A query term of

* one or two characters is one token: exact;
* n > 2 characters has as *candidates* the articles holding all its bigrams (the ones
  at even offsets and the last: ``大气污染防治`` → ``大气 污染 防治``), and is exact
  only after each candidate is checked against the stored text
  (:mod:`reader.search.textcheck`: one ``instr()`` per field, in SQL).

A gram never spans two fields or paragraphs, and the check looks at one field at a
time, so no match spans two paragraphs. Punctuation and whitespace are characters like
any other, so ``作，要`` never matches ``作 要``.

Why document-level postings (issue 17): positions made the index 3.1× the text; this
makes it about 0.6× (docs/search.md, "Done in v11: a smaller index"), and the check costs about
4 µs per candidate of a long term (nearly every candidate of a real term is a hit).

Two tables share one docid space (their names, columns and DDL are defined with the
store's schema, in :mod:`reader.store.search_schema`, and re-exported here):

* :data:`FTS_TABLE`: every article's grams;
* :data:`HEAD_TABLE`: the grams of the headline fields (title, kicker, subtitle) of
  the articles that have one, for "headline hits first".

The FTS rowid (``docid``, :mod:`reader.search.docids`) is the article's day and its
place in the day: walking the index in rowid order is walking the archive newest
first, which gives a very common term its first page without reading every hit.
``SEARCH_DOCS`` maps article ids to docids and back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import (
    ColumnElement,
    Connection,
    ScalarSelect,
    String,
    Table,
    func,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError

from reader.progress import Progress
from reader.search import pg_index
from reader.search.docids import assign, server_docid
from reader.search.driver import chunks, executemany, on_server
from reader.search.gramsets import fold_fields, gram_text
from reader.search.normalize import BOUNDARY
from reader.store.search_schema import (
    COLUMNS,
    FTS5_SHADOWS,
    FTS_TABLE,
    HEAD_COLUMNS,
    HEAD_TABLE,
    SEARCH_DOCS,
    create_statements,
)
from reader.store.tables import ARTICLES, ISSUES, bulk_insert


class IndexText(NamedTuple):
    """What the index holds of one article (computed by the indexer's workers)."""

    head: str
    """The folded headline fields, each followed by the boundary (the server's text)."""
    byline: str
    """The folded byline names, likewise."""
    body: str
    """The folded paragraphs, likewise."""
    grams: str
    """The distinct characters and bigrams of every field, space-separated."""
    head_grams: str
    """Those of the headline fields alone ("" without a headline)."""


def term_grams(folded: str, every: bool = False) -> list[str]:
    """The grams every article holding ``folded`` holds: the term itself up to two
    characters, else its bigrams at even offsets and its last one (few false candidates
    for a term whose halves are seldom apart, and fewer lists to read), or with
    ``every`` each of its bigrams (``会议调度``: 230,035 candidates at 1,000,000
    articles from 会议 and 调度, none with 议调 as well)."""
    if len(folded) <= 2:
        return [folded]
    if every:
        return list(dict.fromkeys(folded[i : i + 2] for i in range(len(folded) - 1)))
    grams = [folded[i : i + 2] for i in range(0, len(folded) - 1, 2)]
    if len(folded) % 2:
        grams.append(folded[-2:])
    return list(dict.fromkeys(grams))


def term_expression(folded: str, every: bool = False) -> str:
    """An FTS5 expression matching the candidates of ``folded`` (exactly the articles
    holding it when it has at most two characters); ``every``: see :func:`term_grams`."""
    quoted = ['"' + gram.replace('"', '""') + '"' for gram in term_grams(folded, every)]
    return quoted[0] if len(quoted) == 1 else "(" + " AND ".join(quoted) + ")"


def is_exact(folded: str) -> bool:
    """Whether the index alone answers ``folded`` (no check against the text)."""
    return len(folded) <= 2


@dataclass(frozen=True)
class SearchDocument:
    """What the index holds of one article (``kicker`` = 引题, ``subtitle`` = 副题)."""

    title: str | None
    kicker: str | None
    subtitle: str | None
    byline_names: tuple[str, ...]
    paragraphs: tuple[str, ...]

    def index_text(self) -> IndexText:
        """The index text (pure and picklable: the indexer's workers compute it)."""
        heads = [field for field in (self.title, self.kicker, self.subtitle) if field]
        names = [name for name in self.byline_names if name]
        body = [paragraph for paragraph in self.paragraphs if paragraph]
        folded = fold_fields(heads + names + body)
        heads, names, body = (
            folded[: len(heads)],
            folded[len(heads) : len(heads) + len(names)],
            folded[len(heads) + len(names) :],
        )
        return IndexText(
            _joined(heads), _joined(names), _joined(body), gram_text(folded), gram_text(heads)
        )


def _joined(fields: list[str]) -> str:
    return "".join(field + BOUNDARY for field in fields)


AUTOMERGE = 16
"""FTS5 merges this many segments of a level at a time (default 4). The indexer
commits once per file, so each file adds a small segment; merging 16 at a time
rewrites the index about half as often (20,000 articles: indexing 0.62–0.70 →
0.76 MB/s)."""
BULK_AUTOMERGE = 64
"""The same while a large run is written (FTS5's maximum; ``crisismerge`` too): the
index is rewritten once less on the way to 100,000 articles, and the run ends with
``optimize`` anyway (FTS writes of 100,000 articles: 72 → 61 s)."""
PAGE_BYTES = 4050
"""FTS5 leaf page size (``pgsz``; FTS5's default). A list longer than 4 pages gets a
doclist index, which lets a read start at a rowid (a slice of the sample, a range of
dates) without decoding the list up to it. With document-level postings a common
bigram's list is ~100 KB at 100,000 articles: in 16 KB pages (v4–v10, written a
little faster) it had none, and a count of 1/256 of the archive cost a quarter of a
full count (6 bigrams, 100,000 articles: 3.4 ms; 0.25 ms in 4 KB pages; the full
count 10.8 and 10.3 ms; the table 90.5 and 93.1 MB)."""


def set_bulk_merging(connection: Connection, bulk: bool) -> None:
    """Merge segments less often during a large indexing run (see BULK_AUTOMERGE)."""
    if on_server(connection):
        return
    level = BULK_AUTOMERGE if bulk else AUTOMERGE
    for table in (FTS_TABLE, HEAD_TABLE):
        for setting in ("automerge", "crisismerge"):
            connection.execute(
                text(f"INSERT INTO {table}({table}, rank) VALUES ('{setting}', {level})")
            )


def create_schema(connection: Connection) -> None:
    """Create the search tables if missing (idempotent; called when the store opens)."""
    if on_server(connection):
        pg_index.create_schema(connection)
        return
    existing = {
        row[0]
        for row in connection.execute(
            text("SELECT name FROM sqlite_master WHERE name IN (:a, :b)"),
            {"a": FTS_TABLE, "b": HEAD_TABLE},
        )
    }
    for statement in create_statements():
        connection.execute(text(statement))
    for table in {FTS_TABLE, HEAD_TABLE} - existing:
        for setting, value in (("automerge", AUTOMERGE), ("pgsz", PAGE_BYTES)):
            connection.execute(
                text(f"INSERT INTO {table}({table}, rank) VALUES ('{setting}', {value})")
            )


def has_current_layout(connection: Connection) -> bool:
    """Whether the embedded index's tables are those :func:`create_schema` makes now."""
    rows = connection.execute(
        text("SELECT name, sql FROM sqlite_master WHERE name IN (:a, :b)"),
        {"a": FTS_TABLE, "b": HEAD_TABLE},
    )
    found = {str(name): str(sql) for name, sql in rows}
    wanted = create_statements()[:2]
    return [found.get(FTS_TABLE), found.get(HEAD_TABLE)] == [
        statement.replace(" IF NOT EXISTS", "") for statement in wanted
    ]


def drop_schema(connection: Connection) -> None:
    if on_server(connection):
        pg_index.drop_schema(connection)
        return
    for table in (FTS_TABLE, HEAD_TABLE, SEARCH_DOCS.name):
        try:
            with connection.begin_nested():
                connection.execute(text(f"DROP TABLE IF EXISTS {table}"))
        except DBAPIError:
            _unlink_damaged(connection, table)


def _unlink_damaged(connection: Connection, table: str) -> None:
    """Remove an FTS5 table whose shadow tables are damaged: SQLite cannot construct it,
    so it cannot DROP it either; its schema row goes, then its shadow tables."""
    version = connection.execute(text("PRAGMA schema_version")).scalar_one()
    connection.execute(text("PRAGMA writable_schema = ON"))
    connection.execute(
        text("DELETE FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": table}
    )
    connection.execute(text("PRAGMA writable_schema = OFF"))
    connection.execute(text(f"PRAGMA schema_version = {int(version) + 1}"))
    for shadow in FTS5_SHADOWS:
        connection.execute(text(f"DROP TABLE IF EXISTS {table}_{shadow}"))


def _dates(connection: Connection, article_ids: Sequence[int]) -> dict[int, dt.date | None]:
    found: dict[int, dt.date | None] = {}
    article, issue = ARTICLES.c, ISSUES.c
    for chunk in chunks(article_ids):
        statement = (
            select(article.id, func.coalesce(article.date, issue.date, type_=String))
            .join_from(ARTICLES, ISSUES, issue.id == article.issue_id)
            .where(article.id.in_(chunk))
        )
        for article_id, value in connection.execute(statement):
            found[article_id] = _as_date(value)
    return found


def _as_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _index_text(doc: SearchDocument | IndexText) -> IndexText:
    return doc.index_text() if isinstance(doc, SearchDocument) else doc


def index_articles(
    connection: Connection,
    items: Iterable[tuple[int, SearchDocument | IndexText]],
    dates: Sequence[dt.date | None] | None = None,
) -> None:
    """Add many articles in a few statements: the fastest way for the indexer.

    Call it once per file (per transaction) with every article of the issue. A
    document may be given as its precomputed :meth:`SearchDocument.index_text`;
    ``dates`` (each article's date, else its issue's), when the caller knows them,
    spare reading them back.
    """
    pairs = list(items)
    if not pairs:
        return
    if dates is None:
        stored = _dates(connection, [article_id for article_id, _ in pairs])
        dates = [stored.get(article_id) for article_id, _ in pairs]
    dated = [(article_id, date) for (article_id, _), date in zip(pairs, dates, strict=True)]
    if on_server(connection):
        server_docids = [server_docid(article_id, date) for article_id, date in dated]
        rows = [
            (article_id, docid, _index_text(doc))
            for (article_id, doc), docid in zip(pairs, server_docids, strict=True)
        ]
        pg_index.write(connection, rows)
        return
    docids = assign(connection, dated)
    _write(
        connection,
        [
            (article_id, docid, _index_text(doc))
            for (article_id, doc), docid in zip(pairs, docids, strict=True)
        ],
    )


_INSERT_DOCIDS = bulk_insert(SEARCH_DOCS, "article_id", "docid")


def _write(
    connection: Connection, rows: list[tuple[int, int, IndexText]], delete: bool = False
) -> None:
    (main_column,), (head_column,) = COLUMNS, HEAD_COLUMNS
    if delete:
        main = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {main_column}) VALUES ('delete', ?, ?)"
        head = (
            f"INSERT INTO {HEAD_TABLE}({HEAD_TABLE}, rowid, {head_column}) VALUES ('delete', ?, ?)"
        )
    else:
        main = f"INSERT INTO {FTS_TABLE}(rowid, {main_column}) VALUES (?, ?)"
        head = f"INSERT INTO {HEAD_TABLE}(rowid, {head_column}) VALUES (?, ?)"
        executemany(
            connection,
            _INSERT_DOCIDS,
            [(article_id, docid) for article_id, docid, _ in rows],
        )
    executemany(connection, main, [(docid, index.grams) for _, docid, index in rows])
    executemany(
        connection,
        head,
        [(docid, index.head_grams) for _, docid, index in rows if index.head_grams],
    )


def stored_documents(
    connection: Connection, article_ids: Sequence[int]
) -> dict[int, SearchDocument]:
    """Rebuild the documents of stored articles from the store's rows."""
    from reader.search.rows import load_fields

    fields = load_fields(connection, article_ids)
    return {
        article_id: SearchDocument(
            title=f.title,
            kicker=f.kicker,
            subtitle=f.subtitle,
            byline_names=f.byline_names,
            paragraphs=f.paragraphs,
        )
        for article_id, f in fields.items()
    }


def remove_articles(connection: Connection, article_ids: Sequence[int]) -> None:
    """Drop articles from the index; call it before their rows are deleted.

    A contentless FTS5 table forgets a row when given the row's original text,
    which is rebuilt here from the store's rows (the same text the indexer gave).
    """
    if not article_ids:
        return
    if on_server(connection):
        pg_index.remove(connection, article_ids)
        return
    docids: dict[int, int] = {}
    mapped = SEARCH_DOCS.c
    for chunk in chunks(article_ids):
        found = connection.execute(
            select(mapped.article_id, mapped.docid).where(mapped.article_id.in_(chunk))
        )
        docids.update((row[0], row[1]) for row in found)
    if not docids:
        return
    documents = stored_documents(connection, list(docids))
    empty = SearchDocument(None, None, None, (), ())
    rows = [
        (article_id, docid, documents.get(article_id, empty).index_text())
        for article_id, docid in docids.items()
    ]
    _write(connection, rows, delete=True)
    for chunk in chunks(list(docids)):
        connection.execute(SEARCH_DOCS.delete().where(mapped.article_id.in_(chunk)))


def optimize(connection: Connection) -> None:
    """Merge the index into one segment: call once after a large indexing run.

    Queries on a merged index read each token's list once instead of per segment.
    On PostgreSQL: fresh planner statistics.
    """
    if on_server(connection):
        pg_index.analyze(connection)
        return
    for table in (FTS_TABLE, HEAD_TABLE):
        connection.execute(text(f"INSERT INTO {table}({table}) VALUES ('optimize')"))


def rebuild(connection: Connection, progress: Progress | None = None) -> None:
    """Recreate the whole index from the store's rows (repair tool, schema upgrades).

    ``progress(done, total)`` follows the articles indexed (about a minute for
    100,000 articles: the window shows it while an upgraded archive opens)."""
    if on_server(connection):
        pg_index.rebuild(connection, progress)
        return
    drop_schema(connection)
    create_schema(connection)
    set_bulk_merging(connection, True)
    ids = list(connection.scalars(select(ARTICLES.c.id).order_by(ARTICLES.c.id)))
    for start in range(0, len(ids), 1000):
        if progress is not None:
            progress(start, len(ids))
        chunk = ids[start : start + 1000]
        index_articles(connection, stored_documents(connection, chunk).items())
    set_bulk_merging(connection, False)
    optimize(connection)
    if progress is not None:
        progress(len(ids), len(ids))


def looks_damaged(connection: Connection) -> bool:
    """A quick look (no full integrity check): can the index be opened, and does it hold
    as many articles as the store?  Run before every indexing run."""
    if on_server(connection):
        return pg_index.looks_damaged(connection)
    try:
        for table in (FTS_TABLE, HEAD_TABLE):
            _open(connection, table)
        stored, indexed = connection.execute(select(_count(ARTICLES), _count(SEARCH_DOCS))).one()
    except DBAPIError:
        return True
    return bool(stored != indexed)


def _open(connection: Connection, table: str) -> None:
    """Open ``table`` and read its structure (a contentless ``detail=none`` table
    cannot be scanned: a query for the boundary, which is never indexed)."""
    connection.execute(
        text(f"SELECT rowid FROM {table} WHERE {table} MATCH :nothing LIMIT 1"),
        {"nothing": f'"{BOUNDARY}"'},
    ).all()


def _count(table: Table, *where: ColumnElement[bool]) -> ScalarSelect[int]:
    """``(SELECT count(*) FROM table WHERE …)``, as a column of an outer SELECT."""
    return select(func.count()).select_from(table).where(*where).scalar_subquery()


def problems(connection: Connection) -> list[str]:
    """What is wrong with the search index, in one line each (empty: nothing)."""
    if on_server(connection):
        return pg_index.problems(connection)
    found = []
    for table in (FTS_TABLE, HEAD_TABLE):
        try:
            connection.execute(
                text(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 0)")
            )
            _open(connection, table)
        except DBAPIError as error:
            found.append(f"搜索索引 {table} 已损坏 (search index {table} is damaged): {error.orig}")
    try:
        article_id, mapped_id = ARTICLES.c.id, SEARCH_DOCS.c.article_id
        missing, stray = connection.execute(
            select(
                _count(ARTICLES, article_id.not_in(select(mapped_id))),
                _count(SEARCH_DOCS, mapped_id.not_in(select(article_id))),
            )
        ).one()
    except DBAPIError as error:
        found.append(f"搜索索引目录已损坏 (search index map is damaged): {error.orig}")
    else:
        if missing:
            found.append(f"{missing} 篇文章不在搜索索引中 ({missing} articles not in search)")
        if stray:
            found.append(f"搜索索引中有 {stray} 篇已删的文章 ({stray} deleted articles in search)")
    return found
