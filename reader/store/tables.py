"""The store's tables as Core ``Table`` objects, for SQL written without the ORM.

The ORM models (:mod:`reader.store.models`) and the search tables
(:mod:`reader.store.search_schema`) are the only definition of table and column
names. Statements that go straight to the sqlite3 driver for speed (the writer's bulk
inserts, the search engine's reads) take the names from these objects
(``ARTICLES.name``, ``ARTICLES.c.issue_id.name``) or are compiled from Core
constructs once, at import.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table
from sqlalchemy.dialects import sqlite

from reader.store.models import (
    ArticleRow,
    ArticleSignature,
    BookmarkRow,
    BylineRow,
    EntitySurface,
    Issue,
    MentionRow,
    Meta,
    ParagraphRow,
    SourceFile,
)

META = cast(Table, Meta.__table__)
SOURCE_FILES = cast(Table, SourceFile.__table__)
ISSUES = cast(Table, Issue.__table__)
ARTICLES = cast(Table, ArticleRow.__table__)
PARAGRAPHS = cast(Table, ParagraphRow.__table__)
BYLINES = cast(Table, BylineRow.__table__)
ENTITY_SURFACES = cast(Table, EntitySurface.__table__)
MENTIONS = cast(Table, MentionRow.__table__)
BOOKMARKS = cast(Table, BookmarkRow.__table__)
SIGNATURES = cast(Table, ArticleSignature.__table__)

_DIALECT = sqlite.dialect()


def bulk_insert(table: Table, *columns: str, on_conflict_do_nothing: bool = False) -> str:
    """The text of ``INSERT INTO table (columns…) VALUES (?, …)`` for the driver's
    ``executemany``: one ``?`` per column, in the order given (the table's order;
    every column with a default must be given, or the placeholders would not match)."""
    statement = sqlite.insert(table)
    if on_conflict_do_nothing:
        statement = statement.on_conflict_do_nothing()
    compiled = statement.compile(dialect=_DIALECT, column_keys=list(columns))
    if list(compiled.positiontup or ()) != list(columns):
        raise ValueError(f"{table.name}: give {compiled.positiontup}, not {columns}")
    return str(compiled)
