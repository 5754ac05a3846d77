"""``reader check [--repair] [--json]``: damage is noticed, derived data rebuilt."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.cli import main


def run(db: Path, *argv: str) -> int:
    return main([*argv, "--db", str(db)])


def all_hits(db: Path, capsys: pytest.CaptureFixture[str], query: str = "高新区") -> list[int]:
    capsys.readouterr()
    assert run(db, "search", query, "--json", "--all") == 0
    return sorted(hit["id"] for hit in json.loads(capsys.readouterr().out)["results"])


def test_a_healthy_archive(seeded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(seeded_db, "check") == 0
    assert capsys.readouterr().out.startswith("ok:")


def test_articles_missing_from_the_index_are_found_and_repaired(
    seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = all_hits(seeded_db, capsys)
    with sqlite3.connect(seeded_db) as connection:
        connection.execute("DELETE FROM search_docs WHERE article_id % 2 = 0")
    assert run(seeded_db, "check") == 1
    assert "articles not in search" in capsys.readouterr().out
    assert run(seeded_db, "check", "--repair") == 0
    assert "repaired" in capsys.readouterr().out
    assert run(seeded_db, "check") == 0
    assert all_hits(seeded_db, capsys) == before


def test_a_damaged_index_gives_one_line_and_is_rebuilt(
    seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = all_hits(seeded_db, capsys)
    with sqlite3.connect(seeded_db) as connection:
        connection.execute("DROP TABLE search_fts_data")  # a shadow table of FTS5
    assert run(seeded_db, "search", "高新区") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "reader check --repair" in err and "Traceback" not in err
    assert run(seeded_db, "check") == 1
    assert "search index search_fts is damaged" in capsys.readouterr().out
    assert run(seeded_db, "check", "--repair") == 0
    assert all_hits(seeded_db, capsys) == before


def test_indexing_again_rebuilds_a_damaged_index(
    seeded_db: Path, pinned_seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = all_hits(seeded_db, capsys)
    with sqlite3.connect(seeded_db) as connection:
        connection.execute("DROP TABLE search_fts_data")
    assert run(seeded_db, "index", str(pinned_seeds)) == 0  # every seed is unchanged
    assert "unchanged" in capsys.readouterr().out
    assert all_hits(seeded_db, capsys) == before
    assert run(seeded_db, "check") == 0


def check_json(db: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = run(db, "check", "--json", *extra)
    return code, json.loads(capsys.readouterr().out)


def test_json_report_of_a_healthy_archive(seeded_db: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert check_json(seeded_db, capsys) == (
        0,
        {"healthy": True, "problems": [], "repaired": False},
    )


def test_orphan_rows_and_broken_mentions_are_found_and_removed_bookmarks_kept(
    seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.bootstrap import open_service

    service = open_service(seeded_db)
    try:
        key = service.articles_in_issue(service.issues()[0].id)[0].key
        service.add_bookmark(key)
        service.set_bookmark_note(key, "保留")
    finally:
        service.close()
    with sqlite3.connect(seeded_db) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("DELETE FROM articles WHERE id = (SELECT max(id) FROM articles)")
        connection.execute('UPDATE mentions SET "end" = start WHERE id % 7 = 0')
        connection.execute("UPDATE entity_surfaces SET canonical = '' WHERE id = 1")
    code, report = check_json(seeded_db, capsys)
    areas = {problem["area"] for problem in report["problems"]}
    assert code == 1 and not report["healthy"]
    assert {"orphans", "entities", "search_index"} <= areas
    assert any("paragraphs" in p["message"] for p in report["problems"])

    code, repaired = check_json(seeded_db, capsys, "--repair")
    assert code == 0 and repaired["healthy"] and repaired["repaired"]
    assert {p["area"] for p in repaired["found"]} == areas
    assert run(seeded_db, "check") == 0
    capsys.readouterr()
    assert run(seeded_db, "bookmarks", "list", "--json") == 0
    [mark] = json.loads(capsys.readouterr().out)
    assert (mark["key"], mark["note"], mark["missing"]) == (key, "保留", False)


def test_an_unknown_schema_version_is_reported_and_not_repaired(seeded_db: Path) -> None:
    from sqlalchemy import create_engine

    from reader.store import health

    with sqlite3.connect(seeded_db) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    engine = create_engine(f"sqlite:///{seeded_db}")
    try:
        with engine.connect() as connection:
            report = health.check(connection)
    finally:
        engine.dispose()
    assert report.schema and "schema version 99" in report.schema[0]
    assert not report.healthy and not report.repairable


def test_check_where_no_archive_exists_could_not_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path / "none.sqlite3", "check") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no archive at" in err
    assert not (tmp_path / "none.sqlite3").exists()
