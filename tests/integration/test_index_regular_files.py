"""Only regular files are read: FIFOs, folders and link loops named like issues are
reported and skipped, named on the command line or found in a folder, and never hang."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.cli import main
from reader.domain import IndexOutcome
from reader.paths import BUNDLED_SEEDS_DIR


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir()
    seed = sorted(BUNDLED_SEEDS_DIR.glob("*.txt"))[0]
    shutil.copy(seed, folder / "real.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "folder.txt").mkdir()
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    return folder


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """Reading a FIFO would block for ever: fail the test instead of hanging the suite."""

    def hung(*_: object) -> None:
        raise TimeoutError("indexing hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_a_folder_with_special_files_is_indexed_and_they_are_reported(
    hostile_folder: Path, tmp_path: Path
) -> None:
    service = open_service(tmp_path / "archive.sqlite3")
    try:
        events = [e for e in service.index_paths([hostile_folder]) if not e.done]
    finally:
        service.close()
    outcome = {Path(e.path).name: (e.outcome, e.message) for e in events if e.outcome}
    assert outcome["real.txt"][0] is IndexOutcome.INDEXED
    assert outcome["pipe.txt"] == (
        IndexOutcome.SKIPPED,
        "是命名管道，不是普通文件 (a FIFO, not a regular file)",
    )
    assert outcome["folder.txt"] == (
        IndexOutcome.SKIPPED,
        "是文件夹，不是文件 (a folder, not a file)",
    )
    assert outcome["loop.txt"][0] is IndexOutcome.SKIPPED
    assert "symbolic links" in outcome["loop.txt"][1]


def test_a_fifo_named_on_the_command_line_is_skipped_with_one_line(
    hostile_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "archive.sqlite3"
    fifo, loop = hostile_folder / "pipe.txt", hostile_folder / "loop.txt"
    assert main(["index", str(fifo), str(loop), "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "a FIFO, not a regular file" in out
    assert "a broken or looping symbolic link" in out
    assert "Traceback" not in out
