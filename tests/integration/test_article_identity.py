"""Bookmarks follow their article when its file is renamed, re-encoded or edited."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.paths import BUNDLED_SEEDS_DIR

SEED = sorted(BUNDLED_SEEDS_DIR.glob("*.txt"))[0]


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Path, Path, str, str]:
    """A folder holding one issue, indexed, with its second article bookmarked."""
    folder = tmp_path / "issues"
    folder.mkdir()
    shutil.copy(SEED, folder / "issue.txt")
    db = tmp_path / "archive.sqlite3"
    service = open_service(db)
    try:
        list(service.index_paths([folder]))
        issue = service.issues()[0]
        article = service.articles_in_issue(issue.id)[1]
        service.add_bookmark(article.key)
        service.set_bookmark_note(article.key, "跟进")
    finally:
        service.close()
    return folder, db, article.key, article.display_title


def reindex_and_bookmark(folder: Path, db: Path) -> tuple[str, bool, str, int]:
    service = open_service(db)
    try:
        list(service.index_paths([folder]))
        [mark] = service.bookmarks()
        return mark.key, mark.article is None, mark.note, len(service.all_article_ids())
    finally:
        service.close()


def test_a_renamed_file_keeps_its_articles_keys(archive: tuple[Path, Path, str, str]) -> None:
    folder, db, key, _ = archive
    (folder / "issue.txt").rename(folder / "2025-11-07 高新区头条.txt")
    assert reindex_and_bookmark(folder, db)[:3] == (key, False, "跟进")


def test_a_moved_and_re_encoded_file_keeps_its_articles_keys(
    archive: tuple[Path, Path, str, str],
) -> None:
    folder, db, key, _ = archive
    text = (folder / "issue.txt").read_text(encoding="utf-8")
    (folder / "issue.txt").unlink()
    (folder / "moved").mkdir()
    (folder / "moved" / "issue-gbk.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    assert reindex_and_bookmark(folder, db)[:3] == (key, False, "跟进")


def test_edits_in_the_headline_and_text_keep_the_key(
    archive: tuple[Path, Path, str, str],
) -> None:
    folder, db, key, title = archive
    path = folder / "issue.txt"
    text = path.read_text(encoding="utf-8")
    edited_title = title[:-2] + "有关" + title[-1:]  # the headline changes...
    text = text.replace(title, edited_title, 1).replace("。", "，据悉。", 1)  # ...and the text
    path.write_text(text, encoding="utf-8")
    new_key, missing, note, _ = reindex_and_bookmark(folder, db)
    assert (new_key, missing, note) == (key, False, "跟进")


def test_an_edited_and_renamed_file_keeps_the_key(archive: tuple[Path, Path, str, str]) -> None:
    folder, db, key, _ = archive
    path = folder / "issue.txt"
    text = path.read_text(encoding="utf-8").replace("。", "。另讯。", 2)
    path.unlink()
    (folder / "renamed.txt").write_text(text, encoding="utf-8")
    assert reindex_and_bookmark(folder, db)[:3] == (key, False, "跟进")


def test_an_article_really_gone_is_missing(archive: tuple[Path, Path, str, str]) -> None:
    folder, db, _, title = archive
    (folder / "issue.txt").unlink()
    (folder / "other.txt").write_bytes(sorted(BUNDLED_SEEDS_DIR.glob("*.txt"))[1].read_bytes())
    _, missing, note, _ = reindex_and_bookmark(folder, db)
    assert missing and note == "跟进"
