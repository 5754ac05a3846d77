"""``reader bookmarks`` and terminal-safe text output, over the indexed seeds."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.cli import main
from reader.cli.common import terminal_safe


def run(db: Path | str, *argv: str) -> int:
    return main([*argv, "--db", str(db)])


def listed(db: Path | str, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    capsys.readouterr()
    assert run(db, "bookmarks", "list", "--json") == 0
    return json.loads(capsys.readouterr().out)


def first_article(db: Path | str) -> tuple[int, str, str]:
    service = open_service(db)
    try:
        summary = service.issues()[0]
        article = service.articles_in_issue(summary.id)[0]
        return article.id, article.key, article.display_title
    finally:
        service.close()


def test_add_note_list_remove(seeded_archive: str, capsys: pytest.CaptureFixture[str]) -> None:
    article_id, key, title = first_article(seeded_archive)
    assert listed(seeded_archive, capsys) == []
    assert run(seeded_archive, "bookmarks", "add", str(article_id), "--note", "待核实") == 0
    assert run(seeded_archive, "bookmarks", "add", str(article_id)) == 0  # already there: fine
    [mark] = listed(seeded_archive, capsys)
    assert set(mark) == {"key", "article_id", "title", "note", "missing", "added"}
    assert (mark["key"], mark["article_id"], mark["title"]) == (key, article_id, title)
    assert (mark["note"], mark["missing"]) == ("待核实", False)
    assert run(seeded_archive, "bookmarks", "note", str(article_id), "已核实") == 0
    assert listed(seeded_archive, capsys)[0]["note"] == "已核实"
    assert run(seeded_archive, "bookmarks", "remove", str(article_id)) == 0
    assert listed(seeded_archive, capsys) == []
    assert run(seeded_archive, "bookmarks", "remove", str(article_id)) == 2  # nothing to remove


def test_a_bookmark_whose_article_is_gone_is_listed_as_missing_and_removable_by_key(
    seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id, key, title = first_article(seeded_db)
    assert run(seeded_db, "bookmarks", "add", key, "--note", "留档") == 0
    with sqlite3.connect(seeded_db) as connection:  # the article disappears from the archive
        connection.execute("UPDATE bookmarks SET key = ? WHERE key = ?", ("gone-" + key, key))
    [mark] = listed(seeded_db, capsys)
    assert mark["missing"] is True and mark["article_id"] is None
    assert (mark["title"], mark["note"]) == (title, "留档")
    assert run(seeded_db, "bookmarks", "list") == 0
    assert "missing" in capsys.readouterr().out
    assert run(seeded_db, "bookmarks", "remove", "gone-" + key) == 0
    assert listed(seeded_db, capsys) == []


def test_unknown_article_is_one_line_not_a_traceback(
    seeded_archive: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(seeded_archive, "bookmarks", "add", "999999") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "999999" in err and "Traceback" not in err


def test_control_characters_never_reach_the_terminal() -> None:
    text = "标题\x1b[31m红\x1b]0;title\x07\x9b2J\x00尾\t列"
    safe = terminal_safe(text)
    assert not any(ord(c) < 0x20 and c != "\t" or 0x7F <= ord(c) <= 0x9F for c in safe)
    assert safe == "标题\\x1b[31m红\\x1b]0;title\\x07\\x9b2J\\x00尾\t列"


def test_show_and_search_escape_stored_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "hostile.txt"
    source.write_text(
        "测试日报\n2025年1月2日\n\n控制字符的标题\n"
        "本报讯（记者王明）1月2日，一段含有\x1b[31m颜色\x1b[0m和\x1b]0;窗口标题\x07的文字。"
        + "其余都是普通的新闻文字，讲述本地的发展情况。" * 20
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "archive.sqlite3"
    assert run(db, "index", str(source)) == 0
    capsys.readouterr()
    assert run(db, "search", "颜色") == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b" in out
    service = open_service(db)
    try:
        article_id = service.all_article_ids()[0]
    finally:
        service.close()
    assert run(db, "show", str(article_id)) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[31m颜色" in out
