"""Reading the store's rows the search engine needs (fields for snippets, summaries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from reader.domain import ArticleKind, ArticleSummary
from reader.search.driver import fetch_rows

_CHUNK = 500


@dataclass(frozen=True)
class ArticleFields:
    """The searchable text of one article, as stored."""

    title: str | None
    kicker: str | None
    subtitle: str | None
    byline_names: tuple[str, ...]
    paragraphs: tuple[str, ...]


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[start : start + _CHUNK]) for start in range(0, len(ids), _CHUNK)]


def _rows(connection: Connection, sql: str, chunk: list[int]) -> list[tuple]:  # type: ignore[type-arg]
    """``sql`` with ``IN (?, …)`` for ``chunk`` (ids are ints)."""
    marks = ",".join("?" * len(chunk))
    return fetch_rows(connection, sql.replace("(:ids)", f"({marks})"), chunk)


def load_fields(connection: Connection, article_ids: Sequence[int]) -> dict[int, ArticleFields]:
    heads: dict[int, tuple[str | None, str | None, str | None]] = {}
    names: dict[int, list[str]] = {}
    paragraphs: dict[int, list[str]] = {}
    for chunk in _chunks(article_ids):
        for row in _rows(
            connection, "SELECT id, title, kicker, subtitle FROM articles WHERE id IN (:ids)", chunk
        ):
            heads[row[0]] = (row[1], row[2], row[3])
        for article_id, name in _rows(
            connection,
            "SELECT article_id, name FROM bylines WHERE article_id IN (:ids)"
            " ORDER BY article_id, position",
            chunk,
        ):
            names.setdefault(article_id, []).append(name)
        for article_id, body in _rows(
            connection,
            "SELECT article_id, text FROM paragraphs WHERE article_id IN (:ids)"
            " ORDER BY article_id, position",
            chunk,
        ):
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
    for chunk in _chunks(article_ids):
        rows = _rows(
            connection,
            "SELECT a.id, a.key, a.display_title, a.title IS NULL, a.kind, a.date,"
            " a.issue_id, i.date, i.source_name"
            " FROM articles a JOIN issues i ON i.id = a.issue_id WHERE a.id IN (:ids)",
            chunk,
        )
        for row in rows:
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
