"""The search index on PostgreSQL: one table of folded text and character grams with
GIN indexes (:data:`~reader.store.search_schema.SEARCH_GRAMS`).

It holds what the FTS5 index holds (:mod:`reader.search.fts`), in a form PostgreSQL's
own index machinery serves: for each article the folded text of its head, byline and
body fields (fields and paragraphs joined by the boundary, one more at the end) and
the distinct characters and bigrams of that text (``grams``; the head's alone in
``head_grams``). The indexer's workers compute both (:class:`~reader.search.fts.IndexText`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, select

from reader.progress import Progress
from reader.search.driver import chunks, executemany
from reader.store.search_schema import SEARCH_GRAMS, SERVER_SEARCH_METADATA
from reader.store.tables import ARTICLES, bulk_insert

if TYPE_CHECKING:
    from reader.search.fts import IndexText

_G = SEARCH_GRAMS.c
_INSERT = bulk_insert(
    SEARCH_GRAMS, "article_id", "docid", "head", "byline", "body", "grams", "head_grams"
)


def create_schema(connection: Connection) -> None:
    SERVER_SEARCH_METADATA.create_all(connection)


def drop_schema(connection: Connection) -> None:
    SERVER_SEARCH_METADATA.drop_all(connection)


def _listed(grams: str) -> list[str]:
    """The space-separated grams of :class:`~reader.search.fts.IndexText` as a list."""
    return grams.split(" ") if grams else []


def row_for(
    article_id: int, docid: int, index: IndexText
) -> tuple[int, int, str, str, str, list[str], list[str]]:
    return (
        article_id,
        docid,
        index.head,
        index.byline,
        index.body,
        _listed(index.grams),
        _listed(index.head_grams),
    )


def write(connection: Connection, rows: list[tuple[int, int, IndexText]]) -> None:
    """Add (article id, docid, index text) rows."""
    executemany(connection, _INSERT, [row_for(a, d, index) for a, d, index in rows])


def remove(connection: Connection, article_ids: Sequence[int]) -> None:
    for chunk in chunks(list(article_ids)):
        connection.execute(delete(SEARCH_GRAMS).where(_G.article_id.in_(chunk)))


def rebuild(connection: Connection, progress: Progress | None = None) -> None:
    from reader.search.fts import index_articles, stored_documents

    drop_schema(connection)
    create_schema(connection)
    ids = list(connection.scalars(select(ARTICLES.c.id).order_by(ARTICLES.c.id)))
    for start in range(0, len(ids), 1000):
        if progress is not None:
            progress(start, len(ids))
        chunk = ids[start : start + 1000]
        index_articles(connection, stored_documents(connection, chunk).items())
    analyze(connection)
    if progress is not None:
        progress(len(ids), len(ids))


def analyze(connection: Connection) -> None:
    """Fresh planner statistics (the selectivity of ``grams @>``) after a large run."""
    connection.exec_driver_sql(f"ANALYZE {SEARCH_GRAMS.name}")


def counts(connection: Connection) -> tuple[int, int, int]:
    """(stored articles, indexed articles, indexed articles that are no longer stored)."""
    stored = connection.scalar(select(func.count()).select_from(ARTICLES)) or 0
    indexed = connection.scalar(select(func.count()).select_from(SEARCH_GRAMS)) or 0
    stray = (
        connection.scalar(
            select(func.count())
            .select_from(SEARCH_GRAMS)
            .where(_G.article_id.not_in(select(ARTICLES.c.id)))
        )
        or 0
    )
    return int(stored), int(indexed), int(stray)


def problems(connection: Connection) -> list[str]:
    found = []
    stored, indexed, stray = counts(connection)
    missing = stored - (indexed - stray)
    if missing:
        found.append(f"{missing} 篇文章不在搜索索引中 ({missing} articles not in search)")
    if stray:
        found.append(f"搜索索引中有 {stray} 篇已删的文章 ({stray} deleted articles in search)")
    return found


def looks_damaged(connection: Connection) -> bool:
    stored = connection.scalar(select(func.count()).select_from(ARTICLES)) or 0
    indexed = connection.scalar(select(func.count()).select_from(SEARCH_GRAMS)) or 0
    return bool(stored != indexed)
