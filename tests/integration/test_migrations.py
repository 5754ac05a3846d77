"""An older database is upgraded in place with the user's bookmarks intact."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.errors import StoreError
from reader.store.migrations import SCHEMA_VERSION

V1_SCHEMA = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1');
CREATE TABLE mentions (id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL,
    surface_id INTEGER NOT NULL, paragraph INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL);
CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, key VARCHAR NOT NULL UNIQUE,
    note TEXT NOT NULL, created_at DATETIME NOT NULL);
INSERT INTO bookmarks (key, note, created_at)
    VALUES ('abc123', '我的笔记', '2025-12-01 10:00:00.000000');
"""


def test_v1_database_is_upgraded_keeping_bookmarks(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    with sqlite3.connect(db) as connection:
        connection.executescript(V1_SCHEMA)
    service = open_service(db)
    try:
        marks = service.bookmarks()
        assert [(m.key, m.note, m.article) for m in marks] == [("abc123", "我的笔记", None)]
    finally:
        service.close()
    with sqlite3.connect(db) as connection:
        version = connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        columns = {row[1] for row in connection.execute("PRAGMA table_info(mentions)")}
    assert version == (str(SCHEMA_VERSION),)
    assert "role" in columns


def test_newer_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    with sqlite3.connect(db) as connection:
        connection.executescript(
            "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);"
            f"INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION + 5}');"
        )
    with pytest.raises(StoreError, match="newer"):
        open_service(db)


@pytest.mark.parametrize("old_version", [2, 3, 10])
def test_older_search_index_is_rebuilt(
    seeded_db: Path, old_version: int, make_old_archive: Callable[[Path, int], None]
) -> None:
    from reader.domain import SearchRequest

    db = seeded_db
    queries = ("区", "大气", "高新区", "党工委副书记")
    service = open_service(db)
    try:
        expected = {q: service.search(SearchRequest(q, limit=None)).total for q in queries}
    finally:
        service.close()
    assert all(expected.values())
    make_old_archive(db, old_version)
    reports: list[tuple[int, int]] = []
    service = open_service(db, progress=lambda done, total: reports.append((done, total)))
    try:
        for query, total in expected.items():
            assert service.search(SearchRequest(query, limit=None)).total == total
    finally:
        service.close()
    with sqlite3.connect(db) as connection:
        version = connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        columns = [row[1] for row in connection.execute("PRAGMA table_info(search_fts)")]
    assert version == (str(SCHEMA_VERSION),)
    assert {"search_fts", "search_head", "search_docs"} <= tables
    assert columns == ["article_grams"]
    articles = reports[-1][1]
    assert articles > 0 and reports[0] == (0, articles) and reports[-1] == (articles, articles)


def test_v7_archive_gets_the_role_index_and_keeps_its_entities(
    seeded_db: Path, tmp_path: Path
) -> None:
    """v8 adds a partial index of the titled mentions (regrouping spellings reads it,
    not every mention); the upgrade creates it and the entity index is unchanged."""
    import shutil

    from reader.store import writer
    from reader.store.repository import Store

    db = tmp_path / "v7.sqlite3"
    shutil.copy(seeded_db, db)
    service = open_service(db)
    before = service.entities()
    service.close()
    with sqlite3.connect(db) as connection:
        connection.execute("DROP INDEX ix_mentions_role")
        connection.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    store = Store(db)
    try:
        writer.regroup_entities(store)
    finally:
        store.close()
    with sqlite3.connect(db) as connection:
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT DISTINCT surface_id, role FROM mentions WHERE role != ''"
        ).fetchall()
        version = connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    assert version == (str(SCHEMA_VERSION),)
    assert any("ix_mentions_role" in str(row) for row in plan)
    service = open_service(db)
    try:
        assert service.entities() == before
    finally:
        service.close()


def _wide_signatures(db: Path) -> dict[int, tuple[bytes, bytes | None]]:
    """Every article's signatures as schema v8 stored them: full 32-bit bins."""
    from reader.search import minhash
    from reader.search.fts import stored_documents
    from reader.store.repository import Store

    store = Store(db)
    try:
        with store.engine.connect() as connection:
            ids = [row[0] for row in connection.exec_driver_sql("SELECT id FROM articles")]
            documents = stored_documents(connection, ids)
    finally:
        store.close()
    wide = {}
    for key, document in documents.items():
        text = minhash.normalise((document.title, document.subtitle, *document.paragraphs))
        text_bins = minhash.minhash(text, minhash.TEXT_SHINGLE, minhash.TEXT_BINS)
        assert text_bins is not None
        head = None
        if document.title:
            head_text = minhash.normalise((document.title,))
            head_bins = minhash.minhash(head_text, minhash.HEAD_SHINGLE, minhash.HEAD_BINS)
            head = None if head_bins is None else head_bins.astype("<u4").tobytes()
        wide[key] = (text_bins.astype("<u4").tobytes(), head)
    return wide


def _signature_rows(db: Path) -> dict[int, tuple[bytes, bytes | None]]:
    with sqlite3.connect(db) as connection:
        query = "SELECT article_id, text_minhash, head_minhash FROM article_signatures"
        return {row[0]: (row[1], row[2]) for row in connection.execute(query)}


def test_v8_signatures_are_narrowed_in_place_with_the_same_related_articles(
    seeded_db: Path, tmp_path: Path
) -> None:
    """v9 keeps 16 bits of each MinHash bin: an upgraded archive holds exactly the
    signatures a fresh index writes, and finds the same related articles."""
    import shutil

    from reader.search import minhash

    with sqlite3.connect(seeded_db) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY id")]
    fresh = open_service(seeded_db)
    try:
        expected_related = {key: fresh.related(key) for key in ids}
    finally:
        fresh.close()
    expected_rows = _signature_rows(seeded_db)
    assert all(len(text) == 2 * minhash.TEXT_BINS for text, _ in expected_rows.values())
    db = tmp_path / "v8.sqlite3"
    shutil.copy(seeded_db, db)
    wide = _wide_signatures(db)
    malformed_key = ids[0]
    with sqlite3.connect(db) as connection:
        connection.executemany(
            "UPDATE article_signatures SET text_minhash = ?, head_minhash = ? WHERE article_id = ?",
            [(text, head, key) for key, (text, head) in wide.items()],
        )
        connection.execute(
            "UPDATE article_signatures SET text_minhash = x'00' WHERE article_id = ?",
            (malformed_key,),
        )
        connection.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    service = open_service(db)
    try:
        assert {key: service.related(key) for key in ids} == expected_related
    finally:
        service.close()
    rows = _signature_rows(db)
    with sqlite3.connect(db) as connection:
        version = connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    assert version == (str(SCHEMA_VERSION),)
    assert rows == expected_rows
