"""Schema versioning: create a new database, or upgrade an older one in place.

Each step is a function from version N to N+1 run in one transaction. User tables
(bookmarks) are never dropped; archive tables can always be rebuilt by re-indexing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import Connection, Engine, bindparam, inspect, select, text
from sqlalchemy.exc import OperationalError

from reader.errors import StoreError
from reader.progress import Progress
from reader.store.models import Base

SCHEMA_VERSION = 11


def _read_version(connection: Connection) -> int | None:
    if not inspect(connection).has_table("meta"):
        return None
    row = connection.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else None


def _write_version(connection: Connection, version: int) -> None:
    connection.execute(
        text(
            "INSERT INTO meta(key, value) VALUES ('schema_version', :v) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        ),
        {"v": str(version)},
    )


def _v1_to_v2(connection: Connection, _progress: Progress | None) -> None:
    # v1 had no mention roles nor bookmark snapshots; add them without touching rows.
    columns = {c["name"] for c in inspect(connection).get_columns("mentions")}
    if "role" not in columns:
        connection.execute(text("ALTER TABLE mentions ADD COLUMN role VARCHAR DEFAULT ''"))
    columns = {c["name"] for c in inspect(connection).get_columns("bookmarks")}
    if "title_when_saved" not in columns:
        connection.execute(
            text("ALTER TABLE bookmarks ADD COLUMN title_when_saved TEXT DEFAULT ''")
        )
    if "issue_date_when_saved" not in columns:
        connection.execute(text("ALTER TABLE bookmarks ADD COLUMN issue_date_when_saved DATE"))


def _rebuild_search_index(connection: Connection, progress: Progress | None) -> None:
    # v2's search index had one token per character, v3's overlapping bigrams in one
    # column; v4 splits the bigrams by parity (reader.search.fts). The index is
    # derived data: rebuild it from the store rows.
    from reader.search import fts

    if inspect(connection).has_table("articles"):
        fts.rebuild(connection, progress)
    else:
        fts.drop_schema(connection)


def _drop_search_index(connection: Connection, _progress: Progress | None) -> None:
    # The v3 → v4 step rebuilds it; building the v3 index first would be wasted work.
    from reader.search import fts

    fts.drop_schema(connection)


def _add_text_digest(connection: Connection, _progress: Progress | None) -> None:
    # v5 remembers each source's text digest to recognise duplicate files. Files indexed
    # before have none until they are indexed again; they are never taken for copies.
    if not inspect(connection).has_table("source_files"):
        return  # created whole, with the column, below
    columns = {c["name"] for c in inspect(connection).get_columns("source_files")}
    if "text_digest" not in columns:
        connection.execute(text("ALTER TABLE source_files ADD COLUMN text_digest VARCHAR(64)"))


def _add_signatures(connection: Connection, progress: Progress | None) -> None:
    # v6 keeps each article's MinHash signatures (related articles): computed here for
    # the stored articles, from their stored text (~0.2 ms each).
    from reader.search.related import fill_missing
    from reader.store.tables import SIGNATURES

    SIGNATURES.create(connection, checkfirst=True)
    if inspect(connection).has_table("articles"):
        fill_missing(connection, progress)


def _add_bookmark_owner(connection: Connection, _progress: Progress | None) -> None:
    # v7: bookmarks belong to a user (on a server, the database user). An SQLite file
    # upgraded in place keeps its unique key index: it has one user, whose name is "".
    if not inspect(connection).has_table("bookmarks"):
        return
    columns = {c["name"] for c in inspect(connection).get_columns("bookmarks")}
    if "owner" not in columns:
        connection.execute(
            text("ALTER TABLE bookmarks ADD COLUMN owner VARCHAR NOT NULL DEFAULT ''")
        )


def _add_role_index(connection: Connection, _progress: Progress | None) -> None:
    # v8: a partial index of the titled mentions. Regrouping spellings after each
    # indexing run read every mention for their roles (3.6 s at 300,000 articles).
    if not inspect(connection).has_table("mentions"):
        return  # created whole, with the index, below
    from reader.store.tables import MENTIONS

    for index in MENTIONS.indexes:
        if index.name == "ix_mentions_role":
            index.create(connection, checkfirst=True)


def _narrow_signatures(connection: Connection, progress: Progress | None) -> None:
    # v9 stores the low 16 bits of each MinHash bin (reader.search.minhash): the same
    # minima, so the stored 32-bit bins are cut down in place, not computed again (rows
    # the v6 step just wrote are already narrow). A malformed row is dropped and
    # computed again from the article's text.
    if not inspect(connection).has_table("article_signatures"):
        return
    from reader.search.minhash import HEAD_BINS, TEXT_BINS, narrowed
    from reader.search.related import bump_generation, fill_missing
    from reader.store.tables import SIGNATURES

    column = SIGNATURES.c
    ids = list(connection.scalars(select(column.article_id).order_by(column.article_id)))
    update = (
        SIGNATURES.update()
        .where(column.article_id == bindparam("key"))
        .values(text_minhash=bindparam("text"), head_minhash=bindparam("head"))
    )
    malformed: list[int] = []
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        rows = connection.execute(
            select(column.article_id, column.text_minhash, column.head_minhash).where(
                column.article_id.in_(chunk)
            )
        )
        values = []
        for key, text_bins, head_bins in rows:
            narrow = narrowed(text_bins, TEXT_BINS)
            if narrow is None:
                malformed.append(key)
            else:
                head = narrowed(head_bins, HEAD_BINS)
                values.append({"key": key, "text": narrow, "head": head})
        if values:
            connection.execute(update, values)
        if progress is not None:
            progress(start + len(chunk), len(ids))
    if malformed:
        connection.execute(SIGNATURES.delete().where(column.article_id.in_(malformed)))
        fill_missing(connection)
    bump_generation(connection)


def _day_coded_docids(connection: Connection, progress: Progress | None) -> None:
    # v10 numbers the embedded index's docids by day and place in the day instead of
    # date << 32 | article id (reader.search.docids): renumbering every posting is a
    # rebuild. The server's index keeps its docids.
    from reader.search import fts
    from reader.search.related import bump_generation

    if connection.dialect.name == "postgresql" or not inspect(connection).has_table("articles"):
        return
    fts.rebuild(connection, progress)
    bump_generation(connection)  # cached docid samples and maps are of the old docids


def _document_level_postings(connection: Connection, progress: Progress | None) -> None:
    # v11 keeps which articles hold each character and bigram, not where (detail=none:
    # the index 3.1× → ~0.6× the text), so the embedded index is rebuilt; a v9 archive
    # rebuilt by the step before already has it. The server's index is unchanged.
    from reader.search import fts
    from reader.search.related import bump_generation

    if connection.dialect.name == "postgresql" or not inspect(connection).has_table("articles"):
        return
    if fts.has_current_layout(connection):
        return
    fts.rebuild(connection, progress)
    bump_generation(connection)


UPGRADES: dict[int, Callable[[Connection, Progress | None], None]] = {
    1: _v1_to_v2,
    2: _drop_search_index,
    3: _rebuild_search_index,
    4: _add_text_digest,
    5: _add_signatures,
    6: _add_bookmark_owner,
    7: _add_role_index,
    8: _narrow_signatures,
    9: _day_coded_docids,
    10: _document_level_postings,
}


def migrate(
    engine: Engine,
    create_extra: Callable[[Connection], None],
    progress: Progress | None = None,
) -> int:
    """Bring the database to :data:`SCHEMA_VERSION`; returns the version found before.

    An archive already at this version is only read: opening it to search or show never
    takes the write lock, so it works while another process indexes.  Two processes
    creating the same new archive at once: the one that loses the race finds the other's
    tables, and reads the version again.

    ``progress(done, total)`` follows a step that rebuilds the search index."""
    for attempt in range(_CREATE_ATTEMPTS):
        try:
            return _migrate_once(engine, create_extra, progress)
        except OperationalError as error:
            if "already exists" not in str(error) or attempt == _CREATE_ATTEMPTS - 1:
                raise
            time.sleep(0.2)
    raise AssertionError("unreachable")


_CREATE_ATTEMPTS = 5
_MIGRATION_LOCK = 0x52454144  # "READ": the advisory lock key of schema changes


def _migrate_once(
    engine: Engine, create_extra: Callable[[Connection], None], progress: Progress | None
) -> int:
    with engine.connect() as connection:
        found = _read_version(connection)
    if found == SCHEMA_VERSION:
        return found
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Two processes opening a new server archive at once: one creates, the other
            # waits here and then finds the tables (the lock ends with the transaction).
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        found = _read_version(connection)
        if found is not None and found > SCHEMA_VERSION:
            raise StoreError(
                f"数据库版本 {found} 比本程序支持的 {SCHEMA_VERSION} 新，请升级程序"
                f" (database schema {found} is newer than supported {SCHEMA_VERSION})"
            )
        version = found if found is not None else SCHEMA_VERSION
        while version < SCHEMA_VERSION:
            UPGRADES[version](connection, progress)
            version += 1
        Base.metadata.create_all(connection)
        create_extra(connection)
        _write_version(connection, SCHEMA_VERSION)
    return found if found is not None else 0
