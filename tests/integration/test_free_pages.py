"""A large run ends with the search index merged; the pages that frees go back to the
file system, so the archive file is no larger than its data."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.cli import main
from reader.domain import SearchRequest
from reader.store import indexer
from tests.conftest import index_folder


def _pages(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as connection:
        return (
            connection.execute("PRAGMA auto_vacuum").fetchone()[0],
            connection.execute("PRAGMA freelist_count").fetchone()[0],
            connection.execute("PRAGMA page_count").fetchone()[0],
        )


def _indexed_old_archive(folder: Path, seeds: Path) -> Path:
    """The seeds indexed into a file whose tables predate the auto-vacuum setting."""
    db = folder / "old.sqlite3"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE placeholder (x)")
    index_folder(db, seeds)
    return db


def test_a_merged_run_leaves_no_free_pages(
    tmp_path: Path, pinned_seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer, "OPTIMIZE_THRESHOLD", 1)  # the seeds count as a large run
    db = tmp_path / "archive.sqlite3"
    index_folder(db, pinned_seeds)
    auto_vacuum, free, _ = _pages(db)
    assert auto_vacuum == 2  # INCREMENTAL: set on the new file before its first table
    assert free == 0
    service = open_service(db)
    try:
        assert service.search(SearchRequest("高新区")).hits  # the file is whole after moving pages
        assert service.health().healthy
    finally:
        service.close()


def test_an_archive_made_before_keeps_its_pages_for_reuse(
    tmp_path: Path, pinned_seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer, "OPTIMIZE_THRESHOLD", 1)
    db = _indexed_old_archive(tmp_path, pinned_seeds)
    auto_vacuum, free, pages = _pages(db)
    assert auto_vacuum == 0 and 0 <= free < pages
    service = open_service(db)
    try:
        assert service.health().healthy
    finally:
        service.close()


def test_compact_shrinks_an_old_archive_and_switches_it_to_releasing_pages(
    tmp_path: Path,
    pinned_seeds: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(indexer, "OPTIMIZE_THRESHOLD", 1)
    db = _indexed_old_archive(tmp_path, pinned_seeds)
    _, free, pages = _pages(db)
    assert free > 0
    before_hits = _all_hits(db, capsys)

    assert main(["check", "--compact", "--json", "--db", str(db)]) == 0
    report = json.loads(capsys.readouterr().out)

    auto_vacuum, free, compacted_pages = _pages(db)
    assert (auto_vacuum, free) == (2, 0) and compacted_pages < pages
    assert report["healthy"] and report["compacted"]["bytes_after"] == db.stat().st_size
    assert report["compacted"]["bytes_after"] < report["compacted"]["bytes_before"]
    assert _all_hits(db, capsys) == before_hits
    assert main(["check", "--compact", "--db", str(db)]) == 0
    assert "compacted:" in capsys.readouterr().out


def test_rebuilding_the_index_leaves_no_free_pages(seeded_db: Path) -> None:
    service = open_service(seeded_db)
    try:
        service.rebuild_search_index()
    finally:
        service.close()
    assert _pages(seeded_db)[1] == 0


def _all_hits(db: Path, capsys: pytest.CaptureFixture[str]) -> list[int]:
    capsys.readouterr()
    assert main(["search", "的", "--json", "--all", "--db", str(db)]) == 0
    return sorted(hit["id"] for hit in json.loads(capsys.readouterr().out)["results"])
