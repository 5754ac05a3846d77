"""A new archive stores its text in UTF-16 (two bytes a Chinese character, not three);
an archive made before keeps UTF-8. Both hold and return the same text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.bootstrap import open_service
from reader.domain import SearchRequest
from tests.conftest import index_folder


def _encoding(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return str(connection.execute("PRAGMA encoding").fetchone()[0])


def _stored_text(db: Path) -> tuple[int, int, list[str]]:
    """(characters, bytes as stored, every paragraph in order)."""
    with sqlite3.connect(db) as connection:
        texts = [row[0] for row in connection.execute("SELECT text FROM paragraphs ORDER BY id")]
        stored = connection.execute(
            "SELECT sum(payload) FROM dbstat WHERE name = 'paragraphs'"
        ).fetchone()[0]
    return sum(map(len, texts)), stored, texts


def _hits(db: Path, term: str) -> list[str]:
    service = open_service(db)
    try:
        return [hit.article.key for hit in service.search(SearchRequest(term, limit=None)).hits]
    finally:
        service.close()


def test_a_new_archive_stores_text_in_utf16_and_an_old_one_keeps_utf8(
    tmp_path: Path, pinned_seeds: Path
) -> None:
    new, old = tmp_path / "new.sqlite3", tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as connection:  # a file whose tables predate the setting
        connection.execute("CREATE TABLE placeholder (x)")
    index_folder(new, pinned_seeds)
    index_folder(old, pinned_seeds)
    assert _encoding(new) == "UTF-16be"
    assert _encoding(old) == "UTF-8"
    new_chars, new_bytes, new_texts = _stored_text(new)
    old_chars, old_bytes, old_texts = _stored_text(old)
    assert new_texts == old_texts and new_chars == old_chars
    # Nearly every character is Chinese: ~2 bytes each instead of ~3 (plus row headers).
    assert new_bytes < 0.8 * old_bytes
    for term in ("高新区", "本报讯", "2019", "马雅宁"):
        assert _hits(new, term) == _hits(old, term)


def test_text_sorts_in_code_point_order_as_before(tmp_path: Path, pinned_seeds: Path) -> None:
    """SQLite's binary collation compares the stored bytes: UTF-16BE keeps the order of
    UTF-8 and Python (UTF-16LE would not: it puts 阳 before 习)."""
    db = tmp_path / "new.sqlite3"
    index_folder(db, pinned_seeds)
    with sqlite3.connect(db) as connection:
        names = [row[0] for row in connection.execute("SELECT text FROM entity_surfaces")]
        ordered = [
            row[0] for row in connection.execute("SELECT text FROM entity_surfaces ORDER BY text")
        ]
        assert connection.execute("SELECT '习' < '阳'").fetchone()[0] == 1
    assert len(names) > 50
    assert ordered == sorted(names)
