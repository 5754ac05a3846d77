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
