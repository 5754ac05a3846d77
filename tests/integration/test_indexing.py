"""Indexing the seeds into SQLite: counts, re-indexing, bad files, vanished files, bookmarks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.cli import main as cli_main
from reader.domain import IndexOutcome
from reader.paths import BUNDLED_SEEDS_DIR
from reader.services import ArchiveService

SEED_NAMES = sorted(p.name for p in BUNDLED_SEEDS_DIR.glob("*.txt"))


def run_index(service: ArchiveService, *paths: Path) -> dict[IndexOutcome, list[str]]:
    outcomes: dict[IndexOutcome, list[str]] = {o: [] for o in IndexOutcome}
    for event in service.index_paths(list(paths)):
        if not event.done and not event.surveying:
            assert event.outcome is not None
            outcomes[event.outcome].append(Path(event.path).name)
    return outcomes


@pytest.fixture()
def seed_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    shutil.copytree(BUNDLED_SEEDS_DIR, folder)
    return folder


@pytest.fixture()
def service(tmp_path: Path):
    svc = open_service(tmp_path / "db.sqlite3")
    yield svc
    svc.close()


def test_seeds_give_34_articles_in_5_issues(service: ArchiveService, seed_dir: Path) -> None:
    outcomes = run_index(service, seed_dir)
    assert sorted(outcomes[IndexOutcome.INDEXED]) == SEED_NAMES
    by_source = {i.source_name: i.article_count for i in service.issues()}
    assert [by_source[name] for name in SEED_NAMES] == [7, 7, 7, 6, 7]
    assert sum(by_source.values()) == 34


def test_reindexing_unchanged_folder_does_no_parsing(
    service: ArchiveService, seed_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_index(service, seed_dir)
    import reader.ingest.parse as parse_module

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an unchanged file was parsed again")

    monkeypatch.setattr(parse_module, "parse_issue", refuse)
    outcomes = run_index(service, seed_dir)
    assert sorted(outcomes[IndexOutcome.UNCHANGED]) == SEED_NAMES
    assert outcomes[IndexOutcome.INDEXED] == []


def test_changed_file_is_replaced_and_keys_survive(service: ArchiveService, seed_dir: Path) -> None:
    run_index(service, seed_dir)
    first = service.issues()[0]
    before = {a.key: a.display_title for a in service.articles_in_issue(first.id)}
    target = seed_dir / first.source_name
    target.write_bytes(target.read_bytes() + "\n\n扫一扫\n".encode())
    outcomes = run_index(service, seed_dir)
    assert outcomes[IndexOutcome.INDEXED] == [first.source_name]
    issue = next(i for i in service.issues() if i.source_name == first.source_name)
    after = {a.key: a.display_title for a in service.articles_in_issue(issue.id)}
    assert after == before


def test_vanished_file_is_removed(service: ArchiveService, seed_dir: Path) -> None:
    run_index(service, seed_dir)
    (seed_dir / SEED_NAMES[0]).unlink()
    outcomes = run_index(service, seed_dir)
    assert outcomes[IndexOutcome.REMOVED] == [SEED_NAMES[0]]
    assert {i.source_name for i in service.issues()} == set(SEED_NAMES[1:])


def test_bad_files_are_skipped_with_reasons_and_the_rest_indexes(
    service: ArchiveService, seed_dir: Path
) -> None:
    (seed_dir / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (seed_dir / "empty.txt").write_bytes(b"")
    from reader.ingest.decode import MAX_FILE_BYTES

    (seed_dir / "huge.txt").write_bytes("高新区".encode() * (MAX_FILE_BYTES // 9 + 10))
    outcomes = run_index(service, seed_dir)
    assert sorted(outcomes[IndexOutcome.SKIPPED]) == ["binary.txt", "empty.txt", "huge.txt"]
    assert sorted(outcomes[IndexOutcome.INDEXED]) == SEED_NAMES
    reasons = dict(service.skipped_sources())
    assert len(set(reasons.values())) == 3, reasons
    assert all(reason.strip() for reason in reasons.values())


def test_bookmarks_survive_reindexing_and_missing_articles_stay_listed(
    service: ArchiveService, seed_dir: Path
) -> None:
    run_index(service, seed_dir)
    issue = service.issues()[0]
    article = service.articles_in_issue(issue.id)[0]
    assert service.toggle_bookmark(article.key) is True
    service.set_bookmark_note(article.key, "重要：复查数据")
    # Re-index the file after a change: ids change, the bookmark follows the key.
    target = seed_dir / issue.source_name
    target.write_bytes(target.read_bytes() + "\n\n关注我们\n".encode())
    run_index(service, seed_dir)
    marks = service.bookmarks()
    assert [(m.key, m.note) for m in marks] == [(article.key, "重要：复查数据")]
    assert marks[0].article is not None
    assert marks[0].article.display_title == article.display_title
    # The file disappears: the bookmark stays, marked missing.
    target.unlink()
    run_index(service, seed_dir)
    marks = service.bookmarks()
    assert len(marks) == 1 and marks[0].article is None
    assert marks[0].title_when_saved == article.display_title


def test_dump_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "dump.sqlite3"
    assert cli_main(["index", str(BUNDLED_SEEDS_DIR), "--db", str(db)]) == 0
    capsys.readouterr()
    assert cli_main(["dump", "--json", "--db", str(db)]) == 0
    dump = json.loads(capsys.readouterr().out)
    assert set(dump) == {"issues", "skipped"}
    dates = [issue["date"] for issue in dump["issues"]]
    assert dates == sorted(dates)
    required = {
        "id": int,
        "key": str,
        "display_title": str,
        "kind": str,
        "reporters": list,
        "correspondents": list,
        "photographers": list,
        "authors": list,
        "paragraphs": list,
        "entities": list,
    }
    articles = [a for issue in dump["issues"] for a in issue["articles"]]
    assert len(articles) == 34
    for article in articles:
        for field, kind in required.items():
            assert isinstance(article[field], kind), field
        assert article["kind"] in {"news", "photo", "commentary"}
        for name in ("title", "kicker", "subtitle", "date"):
            assert name in article
        for entity in article["entities"]:
            text = (
                article["title"]
                if entity["paragraph"] == -1
                else article["paragraphs"][entity["paragraph"]]
            )
            assert text[entity["start"] : entity["end"]] == entity["text"]
    assert cli_main(["show", str(articles[0]["id"]), "--db", str(db)]) == 0
    assert articles[0]["display_title"] in capsys.readouterr().out


def test_index_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.sqlite3"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert cli_main(["index", str(bad), "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "skipped" in out and "summary:" in out
    one_seed = str(BUNDLED_SEEDS_DIR / SEED_NAMES[0])
    assert cli_main(["index", one_seed, str(bad), "--db", str(db)]) == 0


def test_database_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "env.sqlite3"
    monkeypatch.setenv("READER_DB", str(target))
    service = open_service()
    try:
        assert service.database_path == target
    finally:
        service.close()
    assert target.exists()
