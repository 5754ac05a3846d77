"""Reading the store's rows the search engine needs (fields for snippets, summaries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from reader.domain import ArticleKind, ArticleSummary
from reader.search.driver import chunks, fetch_rows, marks
from reader.store.tables import ARTICLES, BYLINES, ISSUES, PARAGRAPHS

# Names from the store's tables: ``{ARTICLES}`` renders the table's name, ``{_A.id}``
# the column's name qualified by it. ``(:ids)`` becomes ``(?, …)`` for each chunk.
_A, _B, _P, _I = ARTICLES.c, BYLINES.c, PARAGRAPHS.c, ISSUES.c
_HEADS = (
    f"SELECT {_A.id}, {_A.title}, {_A.kicker}, {_A.subtitle} FROM {ARTICLES}"
    f" WHERE {_A.id} IN (:ids)"
)
_NAMES = (
    f"SELECT {_B.article_id}, {_B.name} FROM {BYLINES} WHERE {_B.article_id} IN (:ids)"
    f" ORDER BY {_B.article_id}, {_B.position}"
)
_PARAGRAPHS = (
    f"SELECT {_P.article_id}, {_P.text} FROM {PARAGRAPHS} WHERE {_P.article_id} IN (:ids)"
    f" ORDER BY {_P.article_id}, {_P.position}"
)
_SUMMARIES = (
    f"SELECT {_A.id}, {_A.key}, {_A.display_title}, {_A.title} IS NULL, {_A.kind}, {_A.date},"
    f" {_A.issue_id}, {_I.date}, {_I.source_name}"
    f" FROM {ARTICLES} JOIN {ISSUES} ON {_I.id} = {_A.issue_id} WHERE {_A.id} IN (:ids)"
)


@dataclass(frozen=True)
class ArticleFields:
    """The searchable text of one article, as stored."""

    title: str | None
    kicker: str | None
    subtitle: str | None
    byline_names: tuple[str, ...]
    paragraphs: tuple[str, ...]


def _rows(connection: Connection, sql: str, chunk: list[int]) -> list[tuple]:  # type: ignore[type-arg]
    """``sql`` with ``IN (?, …)`` for ``chunk`` (ids are ints)."""
    return fetch_rows(connection, sql.replace("(:ids)", f"({marks(len(chunk))})"), chunk)


def load_fields(connection: Connection, article_ids: Sequence[int]) -> dict[int, ArticleFields]:
    heads: dict[int, tuple[str | None, str | None, str | None]] = {}
    names: dict[int, list[str]] = {}
    paragraphs: dict[int, list[str]] = {}
    for chunk in chunks(article_ids):
        for row in _rows(connection, _HEADS, chunk):
            heads[row[0]] = (row[1], row[2], row[3])
        for article_id, name in _rows(connection, _NAMES, chunk):
            names.setdefault(article_id, []).append(name)
        for article_id, body in _rows(connection, _PARAGRAPHS, chunk):
            paragraphs.setdefault(article_id, []).append(body)
    return {
        article_id: ArticleFields(
            title,
            kicker,
            subtitle,
            tuple(names.get(article_id, ())),
            tuple(paragraphs.get(article_id, ())),
        )
        for article_id, (title, kicker, subtitle) in heads.items()
    }


def _date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def load_summaries(connection: Connection, article_ids: Sequence[int]) -> dict[int, ArticleSummary]:
    found: dict[int, ArticleSummary] = {}
    for chunk in chunks(article_ids):
        for row in _rows(connection, _SUMMARIES, chunk):
            found[row[0]] = ArticleSummary(
                id=row[0],
                key=row[1],
                display_title=row[2],
                untitled=bool(row[3]),
                kind=ArticleKind(row[4]),
                date=_date(row[5]),
                issue_id=row[6],
                issue_date=_date(row[7]),
                source_name=row[8],
            )
    return found
