"""The export dialog's widgets and the background export with progress and cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from reader.bootstrap import open_service
from reader.ui.export_dialog import ExportController, ExportDialog


@pytest.fixture
def service(seeded_db: Path):  # type: ignore[no-untyped-def]
    svc = open_service(seeded_db)
    yield svc
    svc.close()


def test_dialog_widgets_and_defaults(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(3)
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "exportDialog"
    path = dialog.findChild(QLineEdit, "exportPath")
    size = dialog.findChild(QComboBox, "exportPageSize")
    highlight = dialog.findChild(QCheckBox, "exportHighlight")
    toc = dialog.findChild(QCheckBox, "exportToc")
    assert path and size and highlight and toc
    assert size.currentText() == "A4"
    assert toc.isChecked() and not highlight.isChecked()
    path.setText(str(tmp_path / "out"))
    size.setCurrentText("A5")
    highlight.setChecked(True)
    toc.setChecked(False)
    assert dialog.path() == tmp_path / "out.pdf"
    options = dialog.options("选定文章 3 篇")
    assert (options.page_size, options.highlight_entities, options.include_toc) == (
        "A5",
        True,
        False,
    )


def test_background_export_writes_the_pdf(qtbot, service, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    ids = service.all_article_ids()[:3]
    dialog = ExportDialog(len(ids))
    qtbot.addWidget(dialog)
    target = tmp_path / "three.pdf"
    controller = ExportController(parent, service, ids, target, dialog.options(), ask_to_open=False)
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        controller.start()
    assert controller.error == ""
    assert controller.result is not None and controller.result.article_count == 3
    assert len(PdfReader(target).outline) == 3


def test_cancel_writes_nothing(qtbot, service, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    ids = service.all_article_ids() * 3
    target = tmp_path / "cancelled.pdf"
    dialog = ExportDialog(len(ids))
    qtbot.addWidget(dialog)
    controller = ExportController(parent, service, ids, target, dialog.options(), ask_to_open=False)
    controller.cancel()  # before the worker's first step: it must stop at once
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        controller.start()
    assert controller.result is None
    assert not target.exists()
