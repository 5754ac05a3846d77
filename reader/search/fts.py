"""The search index: contentless FTS5 tables of character bigrams, split by parity.

Text is folded (:mod:`reader.search.normalize`) and cut into the bigram starting at
every character (``高新区召开`` → ``高新 新区 区召 召开 开⁋``). Every field list ends
with a :data:`~reader.search.normalize.BOUNDARY`, so *every* character starts a
bigram. The bigrams starting at even offsets go to one column and those starting at
odd offsets to its twin (``高新 区召 开⁋`` | ``新区 召开``), so inside one column
the tokens are back to back without overlap, and FTS5's ``ascii`` tokenizer makes
each bigram a token. A one-character prefix index (``prefix='1'``) holds, for each
character, exactly the places it occurs. A query term of n characters is

* one character ``c``: the prefix query ``"c"*`` (one prefix-index list);
* two characters: one token;
* n > 2: the phrase of its ⌊n/2⌋ non-overlapping bigrams, and for odd n its last
  character as a prefix token (``高新区召`` → ``"高新 区召"``, ``高新区`` →
  ``"高新 区"*``).

An occurrence starting at an even offset is that phrase in the even column, one at
an odd offset in the odd column, so all forms match exactly where the term occurs as
a substring (Ctrl+F semantics). The split halves the lists a long phrase reads
compared with overlapping bigrams in one column (``大气污染防治攻坚``: 4 lists, not 7),
at the same index size. Fields and paragraphs are joined by the boundary, which no
query can contain, so no match spans two paragraphs. Punctuation and whitespace are
characters like any other, so ``作，要`` never matches ``作 要``.

Two tables share one docid space (their names, columns and DDL are defined with the
store's schema, in :mod:`reader.store.search_schema`, and re-exported here):

* :data:`FTS_TABLE` (:data:`COLUMNS`: the even/odd twins of ``head``, ``byline``,
  ``body``): every article;
* :data:`HEAD_TABLE` (the twins of ``head``): only the headline fields (title,
  kicker, subtitle) of the articles that have one. It holds the same text as the
  ``head`` columns, but its lists are short, so "headline hits first" costs a few
  list reads instead of a scan of every hit.

The FTS rowid (``docid``, :mod:`reader.search.docids`) is the article's day and its
place in the day: walking the index in rowid order is walking the archive newest
first, which gives a very common term its first page without ranking every hit.
``SEARCH_DOCS`` maps article ids to docids and back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import add

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
from reader.search.normalize import BOUNDARY, fold
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

HEAD_FILTER = "{" + " ".join(HEAD_COLUMNS) + "}"
"""FTS5 column filter: the headline fields of the main table."""

Columns = tuple[str, str, str, str, str, str]
"""The index text of one article, one string of bigram tokens per :data:`COLUMNS`."""


def grams(folded_fields: Iterable[str]) -> tuple[str, str]:
    """The two column texts of a field list: the bigrams starting at even offsets of
    the fields joined by BOUNDARY, and those starting at odd offsets."""
    joined = BOUNDARY.join(field for field in folded_fields if field)
    if not joined:
        return "", ""
    joined += BOUNDARY
    bigrams = list(map(add, joined, joined[1:]))
    return " ".join(bigrams[0::2]), " ".join(bigrams[1::2])


def term_expression(folded: str) -> str:
    """An FTS5 expression matching exactly the rows where ``folded`` occurs."""
    tokens = [folded[i : i + 2] for i in range(0, len(folded) - 1, 2)]
    if len(folded) % 2:
        tokens.append(folded[-1])
    phrase = '"' + " ".join(tokens).replace('"', '""') + '"'
    return phrase + "*" if len(folded) % 2 else phrase


@dataclass(frozen=True)
class SearchDocument:
    """What the index holds of one article (``kicker`` = 引题, ``subtitle`` = 副题)."""

    title: str | None
    kicker: str | None
    subtitle: str | None
    byline_names: tuple[str, ...]
    paragraphs: tuple[str, ...]

    def columns(self) -> Columns:
        """The index text (pure and picklable: the indexer's workers compute it)."""
        head = grams(fold(field) for field in (self.title, self.kicker, self.subtitle) if field)
        byline = grams(fold(name) for name in self.byline_names)
        body = grams(fold(paragraph) for paragraph in self.paragraphs)
        return (*head, *byline, *body)


AUTOMERGE = 16
"""FTS5 merges this many segments of a level at a time (default 4). The indexer
commits once per file, so each file adds a small segment; merging 16 at a time
rewrites the index about half as often (20,000 articles: indexing 0.62–0.70 →
0.76 MB/s)."""
BULK_AUTOMERGE = 64
"""The same while a large run is written (FTS5's maximum; ``crisismerge`` too): the
index is rewritten once less on the way to 100,000 articles, and the run ends with
``optimize`` anyway (FTS writes of 100,000 articles: 72 → 61 s)."""
PAGE_BYTES = 16000
"""FTS5 leaf page size (``pgsz``, default 4050): fewer, larger pages to write and
merge (FTS writes of 100,000 articles: 61 → 52 s; a rare term's lookup +0.1 ms)."""


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


def _columns(doc: SearchDocument | Columns) -> Columns:
    return doc.columns() if isinstance(doc, SearchDocument) else doc


def index_articles(
    connection: Connection, items: Iterable[tuple[int, SearchDocument | Columns]]
) -> None:
    """Add many articles in a few statements: the fastest way for the indexer.

    Call it once per file (per transaction) with every article of the issue. A
    document may be given as its precomputed :meth:`SearchDocument.columns`.
    """
    pairs = list(items)
    if not pairs:
        return
    dates = _dates(connection, [article_id for article_id, _ in pairs])
    dated = [(article_id, dates.get(article_id)) for article_id, _ in pairs]
    if on_server(connection):
        server_docids = [server_docid(article_id, date) for article_id, date in dated]
        rows = [
            (article_id, docid, _columns(doc))
            for (article_id, doc), docid in zip(pairs, server_docids, strict=True)
        ]
        pg_index.write(connection, rows)  # type: ignore[arg-type]
        return
    docids = assign(connection, dated)
    _write(
        connection,
        [
            (article_id, docid, _columns(doc))
            for (article_id, doc), docid in zip(pairs, docids, strict=True)
        ],
    )


_INSERT_DOCIDS = bulk_insert(SEARCH_DOCS, "article_id", "docid")


def _write(
    connection: Connection, rows: list[tuple[int, int, Columns]], delete: bool = False
) -> None:
    main_columns, head_columns = ", ".join(COLUMNS), ", ".join(HEAD_COLUMNS)
    main_values, head_values = ", ?" * len(COLUMNS), ", ?" * len(HEAD_COLUMNS)
    if delete:
        main = (
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {main_columns})"
            f" VALUES ('delete', ?{main_values})"
        )
        head = (
            f"INSERT INTO {HEAD_TABLE}({HEAD_TABLE}, rowid, {head_columns})"
            f" VALUES ('delete', ?{head_values})"
        )
    else:
        main = f"INSERT INTO {FTS_TABLE}(rowid, {main_columns}) VALUES (?{main_values})"
        head = f"INSERT INTO {HEAD_TABLE}(rowid, {head_columns}) VALUES (?{head_values})"
        executemany(
            connection,
            _INSERT_DOCIDS,
            [(article_id, docid) for article_id, docid, _ in rows],
        )
    executemany(connection, main, [(docid, *columns) for _, docid, columns in rows])
    heads = len(HEAD_COLUMNS)
    executemany(
        connection,
        head,
        [(docid, *columns[:heads]) for _, docid, columns in rows if columns[0]],
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
        (article_id, docid, documents.get(article_id, empty).columns())
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
            connection.execute(text(f"SELECT rowid FROM {table} LIMIT 1")).all()
        stored, indexed = connection.execute(select(_count(ARTICLES), _count(SEARCH_DOCS))).one()
    except DBAPIError:
        return True
    return bool(stored != indexed)


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
            connection.execute(text(f"SELECT rowid FROM {table} LIMIT 1")).all()
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
