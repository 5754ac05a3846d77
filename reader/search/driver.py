"""Statements that go straight to the sqlite3 driver under a SQLAlchemy connection.

Used where a statement runs very often with plain values: every search's reads, and
the indexer's inserts of every article, paragraph, mention and index row. There,
SQLAlchemy's compiler, parameter processing and result rows cost more than SQLite's
own work (a common-term search: ~0.5 ms of 4 ms; indexing 20,000 articles: ~6 s of 38).
Table and column names come from the store's ``Table`` objects
(:mod:`reader.store.tables`, :mod:`reader.store.search_schema`), never spelled here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import Connection

T = TypeVar("T")

SQLITE_CHUNK = 500
"""Values bound in one ``IN (?, …)`` list. SQLite refuses a statement with more bound
parameters than ``SQLITE_MAX_VARIABLE_NUMBER`` (999 before SQLite 3.32, 32766 since);
500 stays below the older limit with room for the statement's other parameters."""


def chunks(values: Sequence[T], size: int = SQLITE_CHUNK) -> Iterator[list[T]]:
    """``values`` in consecutive lists of at most ``size`` (none when it is empty)."""
    for start in range(0, len(values), size):
        yield list(values[start : start + size])


def marks(count: int) -> str:
    """``?, ?, …``: ``count`` placeholders for an ``IN (…)`` list."""
    return ", ".join("?" * count)


_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=512)
def server_sql(sql: str, named: bool) -> str:
    """The statement in psycopg's parameter style: ``?`` → ``%s``, ``:name`` →
    ``%(name)s`` (a literal ``%`` doubled). The statements written here never hold a
    ``?`` or ``:name`` inside a string literal."""
    sql = sql.replace("%", "%%")
    return _NAMED.sub(r"%(\1)s", sql) if named else sql.replace("?", "%s")


def on_server(connection: Connection) -> bool:
    return bool(connection.dialect.name == "postgresql")


def fetch_rows(
    connection: Connection, sql: str, parameters: Sequence[object] | dict[str, object]
) -> list[tuple]:  # type: ignore[type-arg]
    """Run ``sql`` on the DB-API connection under ``connection``; every row, as tuples.

    ``sql`` uses SQLite's placeholders (``?`` or ``:name``); on PostgreSQL they are
    rewritten for psycopg (:func:`server_sql`)."""
    driver: Any = connection.connection.driver_connection
    assert driver is not None
    if connection.dialect.name == "postgresql":
        sql = server_sql(sql, isinstance(parameters, dict))
        return [tuple(row) for row in driver.execute(sql, parameters).fetchall()]
    return driver.execute(sql, parameters).fetchall()  # type: ignore[no-any-return]


def execute(connection: Connection, sql: str, parameters: Sequence[object]) -> list[tuple]:  # type: ignore[type-arg]
    """A statement with ``?`` placeholders that may return rows (every row, as tuples)."""
    if on_server(connection):
        sql = server_sql(sql, False)
    result = connection.exec_driver_sql(sql, tuple(parameters))
    return [tuple(row) for row in result] if result.returns_rows else []


def executemany(connection: Connection, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
    """``sql`` once per row (nothing when there are no rows); ``?`` placeholders.

    On PostgreSQL psycopg's ``executemany`` sends the rows in pipeline mode (one round
    trip per batch, not per row)."""
    if not rows:
        return
    if on_server(connection):
        driver: Any = connection.connection.driver_connection
        with driver.cursor() as cursor:
            cursor.executemany(server_sql(sql, False), list(rows))
        return
    connection.exec_driver_sql(sql, list(rows))  # type: ignore[arg-type]
