"""Engine construction: the SQLite pragmas every connection needs, or a server's pool."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from reader.search.normalize import FOLD_FUNCTION, fold
from reader.store.location import DatabaseTarget

BUSY_TIMEOUT_MS = 10_000
"""How long a statement waits for another process's lock before it fails."""

TEXT_ENCODING = "UTF-16be"
"""How a new archive stores its text. Chinese characters take 2 bytes in UTF-16 and 3 in
UTF-8; the archive's text is nearly all Chinese (100,000 articles: the paragraphs table
157 → 105 MB). An archive created before keeps UTF-8; SQLite converts at the boundary,
so both read and write the same. Big-endian: SQLite's binary collation compares the
stored bytes, and those of UTF-16BE sort in code-point order like UTF-8's (little-endian
would put 阳 before 习), except that characters beyond U+FFFF sort before U+E000–U+FFFF."""


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the UI read while a worker indexes; foreign keys make deletes cascade.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if cursor.execute("PRAGMA page_count").fetchone()[0] == 0:
        # A new file (both settings only take before the first table). Only then: on an
        # existing file the auto_vacuum pragma would wait for another process's write
        # lock, and the encoding cannot change. Free pages can be released after a large
        # run (Store.release_free_pages); text is stored in UTF-16, two bytes a Chinese
        # character instead of three (the stored text a third smaller).
        cursor.execute("PRAGMA auto_vacuum=INCREMENTAL")
        cursor.execute(f"PRAGMA encoding='{TEXT_ENCODING}'")
    for attempt in range(50):
        # Switching a new file to WAL needs it to itself for a moment; a second process
        # creating the same archive gets "locked" without waiting: try again shortly.
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError:
            if attempt == 49:
                raise
            time.sleep(0.1)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # Search checks candidates against the folded text (reader.search.matching).
    dbapi_connection.create_function(FOLD_FUNCTION, 1, _fold_or_none, deterministic=True)


def _fold_or_none(value: object) -> str | None:
    return fold(value) if isinstance(value, str) else None


def create_sqlite_engine(path: Path) -> Engine:
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": 10},
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


def create_server_engine(url: str) -> Engine:
    """A PostgreSQL engine (psycopg 3). Readers and the writer share nothing but the
    server: MVCC lets every reader search while one process indexes."""
    try:
        import psycopg  # noqa: F401
    except ImportError as error:  # pragma: no cover - depends on the install
        from reader.errors import StoreError

        raise StoreError(
            "缺少 PostgreSQL 驱动，请安装 archive-reader[postgres]"
            " (psycopg is missing: pip install 'archive-reader[postgres]')"
        ) from error
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=8,
        max_overflow=16,
        connect_args={"connect_timeout": 10, "application_name": "archive-reader"},
    )


def create_engine_for(target: DatabaseTarget) -> Engine:
    if target.path is not None:
        return create_sqlite_engine(target.path)
    return create_server_engine(target.url)


def is_server(connection_or_engine: Any) -> bool:
    """True on PostgreSQL (a Connection or an Engine)."""
    return bool(connection_or_engine.dialect.name == "postgresql")


def create_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
