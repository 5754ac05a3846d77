"""Statements that go straight to the sqlite3 driver under a SQLAlchemy connection.

Used where a statement runs very often with plain values: every search's reads, and
the indexer's inserts of every article, paragraph, mention and index row. There,
SQLAlchemy's compiler, parameter processing and result rows cost more than SQLite's
own work (a common-term search: ~0.5 ms of 4 ms; indexing 20,000 articles: ~6 s of 38).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection


def fetch_rows(
    connection: Connection, sql: str, parameters: Sequence[object] | dict[str, object]
) -> list[tuple]:  # type: ignore[type-arg]
    """Run ``sql`` on the DB-API connection under ``connection``; every row, as tuples."""
    driver = connection.connection.driver_connection
    assert driver is not None
    return driver.execute(sql, parameters).fetchall()  # type: ignore[no-any-return]


def executemany(connection: Connection, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
    """``sql`` once per row (nothing when there are no rows)."""
    if rows:
        connection.exec_driver_sql(sql, list(rows))  # type: ignore[arg-type]
