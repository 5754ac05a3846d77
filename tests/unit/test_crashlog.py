"""One line for the person, the traceback in a log file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.crashlog import user_message
from reader.errors import StoreError


def test_a_classified_error_is_its_first_line() -> None:
    assert user_message(StoreError("档案坏了\nmore detail")) == "档案坏了"


def test_a_database_error_is_told_in_the_users_terms() -> None:
    error = sqlite3.DatabaseError("file is not a database")
    assert (
        user_message(error) == "档案已损坏或不是档案文件 (the archive is damaged or not an archive)"
    )


def test_a_bug_is_one_line_naming_a_log_with_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    try:
        {}["missing"]
    except KeyError as error:
        message = user_message(error)
    assert message.startswith("内部错误 (unexpected error: KeyError); details in ")
    log = Path(message.rsplit(" ", 1)[1])
    assert log.parent == tmp_path / "archive-reader" / "logs"
    assert "Traceback" in log.read_text(encoding="utf-8") and "missing" in log.read_text()
