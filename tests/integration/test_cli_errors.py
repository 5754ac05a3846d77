"""User errors on the command line: one line, never a traceback, nothing created."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main, show_cmd


def reader(*argv: str | bytes) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "command",
    [["search", "大气"], ["dump", "--json"], ["show", "1"], ["entities"], ["bookmarks", "list"]],
)
def test_a_reading_command_where_no_archive_exists_creates_nothing(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "nothing" / "archive.sqlite3"
    assert main([*command, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err == f"reader: 没有档案 (no archive at {db})\n"
    assert not db.parent.exists()


def test_a_database_path_under_a_file_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    result = reader("index", "--db", str(blocker / "archive.sqlite3"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(blocker) in result.stderr


def test_a_file_that_is_no_archive_is_one_line_without_library_text(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is no database at all" * 100)
    result = reader("search", "大气", "--db", str(garbage))
    assert result.returncode == 2
    assert result.stderr == (
        f"reader: 档案已损坏或不是档案文件 (the archive is damaged or not an archive): {garbage}\n"
    )


def test_a_query_typed_in_a_gbk_terminal_is_read_as_text(seeded_db: Path) -> None:
    result = reader("search", "大气".encode("gbk"), "--db", str(seeded_db))
    assert result.returncode == 0, result.stderr
    assert "大气" in result.stdout and "Traceback" not in result.stderr


def test_an_argument_in_no_known_encoding_is_one_line(seeded_db: Path) -> None:
    result = reader("search", b"\xff\xfe\xfa", "--db", str(seeded_db))
    assert result.returncode == 2
    assert result.stderr == (
        "reader: 参数不是可识别的文字 (an argument is neither UTF-8 nor GB18030 text)\n"
    )


def test_an_unexpected_error_is_one_line_and_a_log_file(
    seeded_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(_: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(show_cmd, "run", broken)
    assert main(["show", "1", "--db", str(seeded_db)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError" in err
    [log] = (tmp_path / "data" / "archive-reader" / "logs").glob("reader-crash-*.log")
    assert "a bug" in log.read_text(encoding="utf-8") and str(log) in err


def test_output_cut_short_by_a_closed_pipe_is_quiet(seeded_db: Path) -> None:
    """``reader dump --json | head -1`` (more than a pipe holds): no message about a
    broken pipe, exit 0."""
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "dump", "--json", "--db", str(seeded_db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # as head does after its first line
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert error == ""
