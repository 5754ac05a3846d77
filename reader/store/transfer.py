"""``reader migrate SOURCE TARGET``: copy a whole archive between backends (SQLite ↔
PostgreSQL, or file to file), bookmarks and notes included.

Every stored table is copied row by row with its ids (in the order of their foreign
keys), in batches; the search index is derived, so it is rebuilt on the target from
the copied text (the two backends index differently). The source user's bookmarks
become the target user's (on a server the database user, "" in a file); other users'
bookmarks keep their owner. The target must hold no archive yet.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, func, insert, select, text

from reader.errors import StoreError
from reader.progress import Progress
from reader.store.repository import Store
from reader.store.tables import (
    ARTICLES,
    BOOKMARKS,
    BYLINES,
    ENTITY_SURFACES,
    ISSUES,
    MENTIONS,
    META,
    PARAGRAPHS,
    SIGNATURES,
    SOURCE_FILES,
)

ORDER = (
    SOURCE_FILES,
    ISSUES,
    ARTICLES,
    PARAGRAPHS,
    BYLINES,
    ENTITY_SURFACES,
    MENTIONS,
    SIGNATURES,
    BOOKMARKS,
)
"""Parents before children."""
BATCH = 5000


def copy_archive(
    source: Store,
    target: Store,
    progress: Progress | None = None,
    say: Callable[[str], None] = print,
) -> dict[str, int]:
    """Copy ``source`` into the empty archive ``target``; rows copied per table."""
    if target.article_count() or target.bookmarks("added"):
        raise StoreError(f"目标已有档案 (the target already holds an archive: {target.target})")
    copied: dict[str, int] = {}
    source_user, target_user = source.user, target.user
    with source.engine.connect() as reading, target.engine.begin() as writing:
        for table in ORDER:
            writing.execute(table.delete())
        for table in ORDER:
            total = 0
            rows = reading.execute(select(table).order_by(*table.primary_key.columns))
            while batch := rows.fetchmany(BATCH):
                values = [dict(row._mapping) for row in batch]
                if table is BOOKMARKS:
                    for value in values:
                        if value["owner"] == source_user:
                            value["owner"] = target_user
                writing.execute(insert(table), values)
                total += len(values)
            copied[table.name] = total
            say(f"{table.name}: {total}")
        for key, value in reading.execute(select(META.c.key, META.c.value)):
            if key != "schema_version":
                writing.execute(META.delete().where(META.c.key == key))
                writing.execute(insert(META), {"key": key, "value": value})
        if writing.dialect.name == "postgresql":
            _reset_sequences(writing)
    from reader.search import fts

    with target.engine.begin() as writing:
        fts.rebuild(writing, progress)
    return copied


def _reset_sequences(connection: Connection) -> None:
    """Rows were inserted with their ids: the next generated id follows the largest."""
    for table in ORDER:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        largest = connection.scalar(select(func.max(table.c.id)))
        connection.execute(
            text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v, :called)"),
            {"t": table.name, "v": largest or 1, "called": largest is not None},
        )
