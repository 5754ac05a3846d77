"""The search index: one contentless FTS5 table with one token per character.

Text is folded (:mod:`reader.search.normalize`) and written with a space between
characters, so FTS5's ``ascii`` tokenizer makes every character — CJK, Latin,
digit, punctuation, whitespace — a token of its own. A query term becomes an FTS5
phrase of its characters, which matches exactly where the term occurs as a
substring (Ctrl+F semantics) for any length, including one character. Fields and
paragraphs are separated by a :data:`~reader.search.normalize.BOUNDARY` token that
no query can contain, so no match spans two paragraphs.

The FTS rowid (``docid``) is ``date_ordinal << 32 | article_id``: walking the index
in rowid order is walking the archive newest first, which gives a very common term
its first page without ranking every hit. ``search_docs`` maps article ids to docids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, text

from reader.search.normalize import fold, spaced

FTS_TABLE = "search_fts"
MAP_TABLE = "search_docs"
ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1
HEAD, BYLINE, BODY = "head", "byline", "body"


@dataclass(frozen=True)
class SearchDocument:
    """What the index holds of one article (``kicker`` = 引题, ``subtitle`` = 副题)."""

    title: str | None
    kicker: str | None
    subtitle: str | None
    byline_names: tuple[str, ...]
    paragraphs: tuple[str, ...]

    def columns(self) -> tuple[str, str, str]:
        head = [fold(field) for field in (self.title, self.kicker, self.subtitle) if field]
        return (
            spaced(head),
            spaced([fold(name) for name in self.byline_names]),
            spaced([fold(paragraph) for paragraph in self.paragraphs]),
        )


def docid_for(article_id: int, date: dt.date | None) -> int:
    """The FTS rowid of an article: newer articles have larger docids."""
    ordinal = date.toordinal() if date else 0
    return (ordinal << ID_BITS) | article_id


def date_bound(date: dt.date, upper: bool) -> int:
    """The smallest (or largest, with ``upper``) docid an article of ``date`` can have."""
    return docid_for(ID_MASK if upper else 0, date)


def create_schema(connection: Connection) -> None:
    """Create the search tables if missing (idempotent; called when the store opens)."""
    connection.execute(
        text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            f"{HEAD}, {BYLINE}, {BODY}, content='', tokenize='ascii', detail=full)"
        )
    )
    connection.execute(
        text(
            f"CREATE TABLE IF NOT EXISTS {MAP_TABLE} ("
            "article_id INTEGER PRIMARY KEY, docid INTEGER NOT NULL UNIQUE)"
        )
    )


def _dates(connection: Connection, article_ids: Sequence[int]) -> dict[int, dt.date | None]:
    found: dict[int, dt.date | None] = {}
    statement = text(
        "SELECT a.id, coalesce(a.date, i.date) FROM articles a JOIN issues i ON i.id = a.issue_id"
        " WHERE a.id IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        for article_id, value in connection.execute(statement, {"ids": chunk}):
            found[article_id] = _as_date(value)
    return found


def _as_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def index_article(connection: Connection, article_id: int, doc: SearchDocument) -> None:
    """Add one article (its rows must already be inserted, in the same transaction)."""
    index_articles(connection, [(article_id, doc)])


def index_articles(connection: Connection, items: Iterable[tuple[int, SearchDocument]]) -> None:
    """Add many articles in two statements: the fastest way for the indexer.

    Call it once per file (per transaction) with every article of the issue.
    """
    pairs = list(items)
    if not pairs:
        return
    dates = _dates(connection, [article_id for article_id, _ in pairs])
    docs = []
    mapping = []
    for article_id, doc in pairs:
        docid = docid_for(article_id, dates.get(article_id))
        head, byline, body = doc.columns()
        docs.append({"docid": docid, "head": head, "byline": byline, "body": body})
        mapping.append({"article_id": article_id, "docid": docid})
    connection.execute(
        text(f"INSERT INTO {MAP_TABLE}(article_id, docid) VALUES (:article_id, :docid)"),
        mapping,
    )
    connection.execute(
        text(
            f"INSERT INTO {FTS_TABLE}(rowid, {HEAD}, {BYLINE}, {BODY})"
            " VALUES (:docid, :head, :byline, :body)"
        ),
        docs,
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
    docids: dict[int, int] = {}
    select_docids = text(
        f"SELECT article_id, docid FROM {MAP_TABLE} WHERE article_id IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        docids.update((row[0], row[1]) for row in connection.execute(select_docids, {"ids": chunk}))
    if not docids:
        return
    documents = stored_documents(connection, list(docids))
    rows = []
    for article_id, docid in docids.items():
        doc = documents.get(article_id, SearchDocument(None, None, None, (), ()))
        head, byline, body = doc.columns()
        rows.append({"docid": docid, "head": head, "byline": byline, "body": body})
    connection.execute(
        text(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {HEAD}, {BYLINE}, {BODY})"
            " VALUES ('delete', :docid, :head, :byline, :body)"
        ),
        rows,
    )
    connection.execute(
        text(f"DELETE FROM {MAP_TABLE} WHERE article_id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        ),
        {"ids": list(docids)},
    )


def optimize(connection: Connection) -> None:
    """Merge the index into one segment: call once after a large indexing run.

    Queries on a merged index read each token's list once instead of per segment.
    """
    connection.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"))


def rebuild(connection: Connection) -> None:
    """Recreate the whole index from the store's rows (repair tool)."""
    connection.execute(text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))
    connection.execute(text(f"DROP TABLE IF EXISTS {MAP_TABLE}"))
    create_schema(connection)
    ids = [row[0] for row in connection.execute(text("SELECT id FROM articles ORDER BY id"))]
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        index_articles(connection, stored_documents(connection, chunk).items())
