"""Reading never writes: commands that only read work while another process holds the
archive's write lock, and two processes may create the same new archive at once."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main


def test_reading_commands_work_while_the_write_lock_is_held(
    seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = sqlite3.connect(seeded_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # what an indexing process holds while it writes
    holder.execute("UPDATE meta SET value = value WHERE key = 'schema_version'")
    try:
        began = time.monotonic()
        for argv in (
            ["search", "高新区", "--json"],
            ["dump", "--json"],
            ["entities"],
            ["bookmarks", "list", "--json"],
            ["show", "1", "--json"],
        ):
            capsys.readouterr()
            assert main([*argv, "--db", str(seeded_db)]) == 0, argv
        assert time.monotonic() - began < 5  # no command waited for the lock
        assert json.loads(capsys.readouterr().out)["id"] == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()


CREATE = "import sys; from reader.bootstrap import open_service; open_service(sys.argv[1]).close()"


def test_two_processes_create_the_same_new_archive_at_once(tmp_path: Path) -> None:
    for attempt in range(10):
        db = tmp_path / f"new-{attempt}" / "archive.sqlite3"
        racers = [
            subprocess.Popen([sys.executable, "-c", CREATE, str(db)], stderr=subprocess.PIPE)
            for _ in range(4)
        ]
        for racer in racers:
            _, err = racer.communicate(timeout=60)
            assert racer.returncode == 0, err.decode()


def test_a_writer_says_it_waits_for_the_lock_then_indexes(
    seeded_db: Path, pinned_seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import threading

    holder = sqlite3.connect(seeded_db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.5, lambda: (holder.execute("ROLLBACK"), holder.close()))
    release.start()
    try:
        assert main(["index", str(pinned_seeds), "--db", str(seeded_db)]) == 0
    finally:
        release.join()
    captured = capsys.readouterr()
    assert "archive busy: waiting for another process" in captured.err
    assert "unchanged" in captured.out


def test_a_writer_gives_up_after_the_limit_with_one_line(
    seeded_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.cli import index_cmd

    monkeypatch.setattr(index_cmd, "LOCK_WAIT_SECONDS", 1.0)
    holder = sqlite3.connect(seeded_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert main(["index", "--db", str(seeded_db)]) == 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith("reader: 档案仍被另一个进程占用")
    assert err[-1].endswith("(archive still busy after 1 s: try again later)")
