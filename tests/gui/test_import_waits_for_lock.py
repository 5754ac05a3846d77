"""Importing from the window while another process writes: it says so and waits."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from reader import services


def _hold_write_lock(db: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def _new_issue(tmp_path: Path) -> Path:
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "issue.txt").write_text(
        "全区召开安全生产会议\n\n本报讯（记者王明）3月2日，2024年全区安全生产会议召开。\n",
        encoding="utf-8",
    )
    return folder


def test_import_says_the_archive_is_busy_then_indexes(
    qtbot, make_window, seeded_db: Path, tmp_path: Path
) -> None:
    window = make_window(seeded_db)
    holder = _hold_write_lock(seeded_db)
    released = threading.Event()

    def release() -> None:
        holder.execute("ROLLBACK")
        holder.close()
        released.set()

    try:
        with qtbot.waitSignal(window.indexingFinished, timeout=30_000) as finished:
            assert window.import_paths([_new_issue(tmp_path)])
            qtbot.waitUntil(
                lambda: (
                    window.indexing.dialog is not None
                    and window.indexing.dialog.isVisible()
                    and "档案正忙" in window.indexing.dialog.labelText()
                ),
                timeout=10_000,
            )
            release()
    finally:
        if not released.is_set():
            release()
    assert finished.args[0].indexed == ["issue.txt"]


def test_import_gives_up_after_the_limit_with_one_line(
    qtbot, make_window, seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "WRITE_LOCK_WAIT_SECONDS", 0.5)
    window = make_window(seeded_db)
    holder = _hold_write_lock(seeded_db)
    try:
        with qtbot.waitSignal(window.indexingFinished, timeout=30_000) as finished:
            assert window.import_paths([_new_issue(tmp_path)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert finished.args[0].indexed == []
    box = window.findChild(QMessageBox, "indexSummary")
    assert box is not None
    details = box.informativeText()
    assert "archive still busy after 0 s" in details or "archive still busy after 1 s" in details
    assert "Traceback" not in details and "sqlite" not in details.lower()
