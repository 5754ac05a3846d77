"""The GUI entry point: a clear one-line message without a display; export wiring."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction

from reader.app import has_display
from reader.ui.models.roles import ISSUE_ID_ROLE

from .helpers import load_level


def test_no_display_prints_one_line_and_exits_1(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from reader.app import main; sys.exit(main([]))"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parents[2],
    )
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert len(lines) == 1 and "xvfb-run" in lines[0]


def test_has_display_rules() -> None:
    assert not has_display({})
    assert has_display({"DISPLAY": ":0"})
    assert has_display({"QT_QPA_PLATFORM": "offscreen"})


def test_export_action_passes_tree_selection(
    qtbot, make_window, seeded_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[object, object, list[int]]] = []
    fake = types.ModuleType("reader.ui.export_dialog")
    fake.run_export_dialog = lambda parent, ops, ids: calls.append((parent, ops, ids))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "reader.ui.export_dialog", fake)
    window = make_window(seeded_db)
    tree = window.tree
    model = tree.model()
    load_level(qtbot, model, QModelIndex())
    year = model.index(0, 0)
    load_level(qtbot, model, year)
    month = model.index(0, 0, year)
    load_level(qtbot, model, month)
    issue = model.index(0, 0, month)
    selection = tree.selectionModel()
    selection.select(issue, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    window.findChild(QAction, "actionExportPdf").trigger()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=10_000)
    parent, ops, ids = calls[0]
    assert parent is window and ops is window.ops
    expected = [a.id for a in window.service.articles_in_issue(issue.data(ISSUE_ID_ROLE))]
    assert ids == expected
    # A whole year exports every article under it, in tree order.
    calls.clear()
    selection.clearSelection()
    selection.select(year, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    window.findChild(QAction, "actionExportPdf").trigger()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=10_000)
    year_ids = calls[0][2]
    assert set(expected) <= set(year_ids) and len(year_ids) == len(set(year_ids))
