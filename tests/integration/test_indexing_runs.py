"""Indexing runs: the process-pool path equals the serial one; a cancelled run stays whole."""

from __future__ import annotations

from pathlib import Path

import pytest

import reader.store.indexer as indexer
from reader.bootstrap import open_service
from reader.cli.dump_cmd import build_dump
from reader.domain import IndexOutcome
from reader.paths import BUNDLED_SEEDS_DIR
from reader.progress import CancelToken

COPIES = 4  # 5 seeds × 4 = 20 files, above the pool threshold


@pytest.fixture()
def many_files(tmp_path: Path) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    for copy in range(COPIES):
        for seed in sorted(BUNDLED_SEEDS_DIR.glob("*.txt")):
            # Each copy differs by a few characters inside its first sentence (identical
            # copies would be skipped as duplicates); the layout stays the same.
            text = seed.read_text(encoding="utf-8").replace("。", f"。第{copy + 1}版", 1)
            (folder / f"{copy}_{seed.name}").write_text(text, encoding="utf-8")
    return folder


def index_and_dump(folder: Path, db: Path) -> dict:
    service = open_service(db)
    try:
        events = [e for e in service.index_paths([folder]) if not e.done]
        outcomes = [e.outcome for e in events if not e.surveying]
        assert outcomes.count(IndexOutcome.INDEXED) == COPIES * 5
        return build_dump(service)
    finally:
        service.close()


def without_ids(dump: dict) -> list:
    return [
        [{k: v for k, v in a.items() if k != "id"} for a in issue["articles"]]
        for issue in dump["issues"]
    ]


def test_process_pool_gives_the_same_archive_as_serial_indexing(
    many_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert COPIES * 5 >= indexer.POOL_THRESHOLD
    pooled = index_and_dump(many_files, tmp_path / "pool.sqlite3")
    monkeypatch.setattr(indexer, "POOL_THRESHOLD", 10**9)
    serial = index_and_dump(many_files, tmp_path / "serial.sqlite3")
    assert without_ids(pooled) == without_ids(serial)
    keys = [a["key"] for issue in pooled["issues"] for a in issue["articles"]]
    assert len(keys) == len(set(keys)) == 34 * COPIES  # a story printed twice gets -2, -3…


def test_cancelled_run_keeps_whole_files_and_a_rerun_completes(
    many_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer, "POOL_THRESHOLD", 10**9)
    service = open_service(tmp_path / "cancel.sqlite3")
    try:
        cancel = CancelToken()
        indexed = 0
        for event in service.index_paths([many_files], cancel):
            if event.outcome is IndexOutcome.INDEXED:
                indexed += 1
                if indexed == 3:
                    cancel.cancel()
        assert indexed == 3
        assert len(service.issues()) == 3
        assert all(issue.article_count in (6, 7) for issue in service.issues())
        outcomes = [e.outcome for e in service.index_paths([many_files]) if not e.done]
        outcomes = [outcome for outcome in outcomes if outcome is not None]
        assert outcomes.count(IndexOutcome.UNCHANGED) == 3
        assert outcomes.count(IndexOutcome.INDEXED) == COPIES * 5 - 3
    finally:
        service.close()


def test_first_pass_parse_is_reused(
    many_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file is parsed once: its year depends on the file alone, so the survey's
    parse is final, spooled and loaded by the second pass. The archive equals one
    built without the spool, and the spool is removed."""
    import tempfile

    import reader.ingest.parse as parse_module

    monkeypatch.setattr(indexer, "POOL_THRESHOLD", 10**9)  # count parses in this process
    spool_root = tmp_path / "tmp"
    spool_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool_root))
    parses: list[str] = []
    real_parse = parse_module.parse_issue

    def counting_parse(text: str, source_name: str, **years: object) -> object:
        parses.append(source_name)
        return real_parse(text, source_name, **years)  # type: ignore[arg-type]

    monkeypatch.setattr(parse_module, "parse_issue", counting_parse)
    spooled = index_and_dump(many_files, tmp_path / "spooled.sqlite3")
    files = [p.name for p in many_files.glob("*.txt")]
    assert sorted(parses) == sorted(files)
    assert list(spool_root.iterdir()) == []

    real_survey = indexer.survey_file
    monkeypatch.setattr(
        indexer,
        "survey_file",
        lambda path, spool=None, known_year=None, mtime=0.0: real_survey(
            path, None, known_year, mtime
        ),
    )
    parses.clear()
    unspooled = index_and_dump(many_files, tmp_path / "unspooled.sqlite3")
    assert len(parses) == 2 * COPIES * 5
    assert without_ids(spooled) == without_ids(unspooled)


def test_large_run_merges_less_often_then_restores_the_index_settings(
    many_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from reader.search import fts
    from reader.store import writer

    monkeypatch.setattr(indexer, "OPTIMIZE_THRESHOLD", 10)  # 20 files make a large run
    seen: list[bool] = []
    real = writer.set_bulk_merging

    def spy(store: object, bulk: bool) -> None:
        seen.append(bulk)
        real(store, bulk)  # type: ignore[arg-type]

    monkeypatch.setattr(writer, "set_bulk_merging", spy)
    db = tmp_path / "bulk.sqlite3"
    index_and_dump(many_files, db)
    assert seen == [True, False]
    with sqlite3.connect(db) as connection:
        for table in (fts.FTS_TABLE, fts.HEAD_TABLE):
            config = dict(connection.execute(f"SELECT k, v FROM {table}_config"))
            assert config["automerge"] == config["crisismerge"] == fts.AUTOMERGE
            assert config["pgsz"] == fts.PAGE_BYTES
            connection.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


def test_first_pass_reports_progress_and_can_be_cancelled(
    many_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer, "POOL_THRESHOLD", 10**9)
    service = open_service(tmp_path / "survey.sqlite3")
    try:
        events = [e for e in service.index_paths([many_files]) if not e.done]
        files = COPIES * 5
        assert [e.surveying for e in events] == [True] * files + [False] * files
        assert [e.position for e in events[:files]] == list(range(1, files + 1))
        assert {e.path for e in events[:files]} == {e.path for e in events[files:]}
        assert all(e.outcome is None for e in events[:files])

        cancel = CancelToken()
        fresh = open_service(tmp_path / "cancel-survey.sqlite3")
        try:
            for event in fresh.index_paths([many_files], cancel):
                assert event.surveying or event.done  # nothing stored after the cancel
                if event.surveying and event.position == 3:
                    cancel.cancel()
            assert fresh.issues() == []
        finally:
            fresh.close()
    finally:
        service.close()
