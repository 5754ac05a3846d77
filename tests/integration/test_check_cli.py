"""``reader check [--repair]``: a damaged search index is noticed and rebuilt."""

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
    seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = all_hits(seeded_db, capsys)
    with sqlite3.connect(seeded_db) as connection:
        connection.execute("DROP TABLE search_fts_data")
    assert run(seeded_db, "index") == 0  # every seed is unchanged
    assert "unchanged" in capsys.readouterr().out
    assert all_hits(seeded_db, capsys) == before
    assert run(seeded_db, "check") == 0
