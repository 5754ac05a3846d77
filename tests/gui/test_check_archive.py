"""工具 → 检查档案, and the warning when an archive opens with a damaged search index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QPushButton

from reader.domain import SearchRequest


def _total(window, query: str = "高新区") -> int:  # type: ignore[no-untyped-def]
    return window.service.search(SearchRequest(query, limit=None)).total


def test_a_healthy_archive_says_so(qtbot, make_window, seeded_db: Path) -> None:
    window = make_window(seeded_db)
    qtbot.waitUntil(lambda: window.service is not None, timeout=10_000)
    window.findChild(QAction, "actionCheckArchive").trigger()
    dialog = window._check_dialog
    assert dialog is not None and dialog.objectName() == "checkDialog"
    qtbot.waitUntil(lambda: dialog.health is not None, timeout=10_000)
    assert dialog.health.healthy
    assert "档案完好" in dialog.summary.text()
    assert dialog.repair_button.isHidden()
    assert window.findChild(QMessageBox, "damagedIndexBox") is None


def test_a_damaged_index_is_noticed_at_opening_and_repaired(
    qtbot, make_window, settings, seeded_db: Path
) -> None:
    from reader.ui import create_main_window

    healthy = make_window(seeded_db)
    qtbot.waitUntil(lambda: healthy.service is not None, timeout=10_000)
    before = _total(healthy)
    healthy.close()
    with sqlite3.connect(seeded_db) as connection:
        connection.execute("DELETE FROM search_docs WHERE article_id % 2 = 0")

    # As the app opens it: in a worker, with the cheap look at the search index.
    window = create_main_window(seeded_db, settings=settings, open_in_background=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(
        lambda: window.findChild(QMessageBox, "damagedIndexBox") is not None, timeout=10_000
    )
    assert "检查档案" in window.statusBar().currentMessage()
    box = window.findChild(QMessageBox, "damagedIndexBox")
    box.findChild(QPushButton, "damagedIndexRepair").click()
    dialog = window._check_dialog
    qtbot.waitUntil(lambda: dialog.health is not None, timeout=10_000)
    assert not dialog.health.healthy
    assert "articles not in search" in dialog.problems.toPlainText()
    assert dialog.repair_button.isVisible()

    with qtbot.waitSignal(dialog.repaired, timeout=30_000):
        dialog.repair_button.click()
    qtbot.waitUntil(lambda: dialog.health is not None and dialog.health.healthy, timeout=30_000)
    assert "档案完好" in dialog.summary.text()
    assert _total(window) == before


def test_a_healthy_archive_can_be_compacted(
    qtbot, make_window, tmp_path: Path, pinned_seeds, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from reader.store import indexer
    from tests.conftest import index_folder

    monkeypatch.setattr(indexer, "OPTIMIZE_THRESHOLD", 1)  # the merge leaves pages free
    db = tmp_path / "old.sqlite3"
    with sqlite3.connect(db) as connection:  # made before v9: no incremental auto-vacuum
        connection.execute("CREATE TABLE placeholder (x)")
    index_folder(db, pinned_seeds)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA freelist_count").fetchone()[0] > 0
    window = make_window(db)
    qtbot.waitUntil(lambda: window.service is not None, timeout=10_000)
    before = _total(window)
    window.findChild(QAction, "actionCheckArchive").trigger()
    dialog = window._check_dialog
    qtbot.waitUntil(lambda: dialog.health is not None, timeout=10_000)
    button = dialog.findChild(QPushButton, "checkCompactButton")
    assert button is dialog.compact_button and button.isVisible()

    button.click()
    qtbot.waitUntil(lambda: "已压缩" in dialog.summary.text(), timeout=30_000)
    assert "MB →" in dialog.summary.text() and dialog.progress.isHidden()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert connection.execute("PRAGMA auto_vacuum").fetchone()[0] == 2
    assert _total(window) == before
