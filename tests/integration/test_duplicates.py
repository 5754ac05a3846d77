"""The same issue in a second file (a copy, another encoding, other line breaks) is
reported as a duplicate of the stored file and not stored again; a renamed file is not
a duplicate of its old self."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.cli import main
from reader.domain import IndexOutcome
from reader.paths import BUNDLED_SEEDS_DIR

SEED = sorted(BUNDLED_SEEDS_DIR.glob("*.txt"))[0]


def index(db: Path, *paths: Path) -> dict[str, tuple[IndexOutcome | None, str]]:
    service = open_service(db)
    try:
        events = [e for e in service.index_paths(list(paths)) if not e.done and not e.surveying]
    finally:
        service.close()
    return {Path(e.path).name: (e.outcome, e.message) for e in events}


def hits(db: Path, capsys: pytest.CaptureFixture[str]) -> int:
    capsys.readouterr()
    assert main(["search", "高新区", "--json", "--all", "--db", str(db)]) == 0
    return int(json.loads(capsys.readouterr().out)["total"])


def test_copies_in_other_encodings_and_layouts_are_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "issues"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    shutil.copy(SEED, folder / "a-original.txt")
    (folder / "b-gbk.txt").write_bytes(text.encode("gb18030"))
    (folder / "c-relaid.txt").write_text(text.replace("\n", "\n\n  "), encoding="utf-8")
    db = tmp_path / "archive.sqlite3"
    outcome = index(db, folder)
    assert outcome["a-original.txt"][0] is IndexOutcome.INDEXED
    for copy in ("b-gbk.txt", "c-relaid.txt"):
        assert outcome[copy][0] is IndexOutcome.SKIPPED
        assert outcome[copy][1].endswith(f"(duplicate of {folder / 'a-original.txt'})")
    alone = tmp_path / "alone.sqlite3"
    index(alone, folder / "a-original.txt")
    assert hits(db, capsys) == hits(alone, capsys)


def test_a_copy_indexed_in_a_later_run_is_a_duplicate(tmp_path: Path) -> None:
    original, copy = tmp_path / "original.txt", tmp_path / "copy.txt"
    shutil.copy(SEED, original)
    db = tmp_path / "archive.sqlite3"
    assert index(db, original)["original.txt"][0] is IndexOutcome.INDEXED
    shutil.copy(SEED, copy)
    outcome = index(db, copy)["copy.txt"]
    assert outcome[0] is IndexOutcome.SKIPPED and "duplicate of" in outcome[1]


def test_a_renamed_file_is_indexed_not_taken_for_a_copy(tmp_path: Path) -> None:
    folder = tmp_path / "issues"
    folder.mkdir()
    shutil.copy(SEED, folder / "old-name.txt")
    db = tmp_path / "archive.sqlite3"
    index(db, folder)
    (folder / "old-name.txt").rename(folder / "new-name.txt")
    outcome = index(db, folder)
    assert outcome["new-name.txt"][0] is IndexOutcome.INDEXED
    service = open_service(db)
    try:  # the renamed file replaced its old self: one issue, not two
        assert [issue.source_name for issue in service.issues()] == ["new-name.txt"]
    finally:
        service.close()
