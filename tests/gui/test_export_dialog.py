"""The export dialog's widgets and the background export with progress and cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLineEdit, QProgressDialog, QWidget

import reader.ui.export_dialog as export_dialog
from reader.bootstrap import open_service
from reader.export import ExportResult
from reader.ui.export_dialog import ExportController, ExportDialog, run_export_dialog

from .helpers import ops_over


@pytest.fixture
def service(seeded_db: Path):  # type: ignore[no-untyped-def]
    svc = open_service(seeded_db)
    yield svc
    svc.close()


@pytest.fixture
def ops(service):  # type: ignore[no-untyped-def]
    operations = ops_over(service)
    yield operations
    operations.wait()


class Outcome:
    """What a controller reported when it finished (it deletes itself afterwards)."""

    def __init__(self, controller: ExportController) -> None:
        self.result: ExportResult | None = None
        self.error: str | None = None

        def record() -> None:
            self.result, self.error = controller.result, controller.error

        controller.finished.connect(record)


def leftovers(parent: QWidget) -> list[QObject]:
    """Export objects still alive under ``parent``."""
    kinds: tuple[type[QObject], ...] = (ExportController, QProgressDialog, ExportDialog)
    return [child for kind in kinds for child in parent.findChildren(kind)]


def wait_until_cleaned_up(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not leftovers(parent), timeout=5_000)


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


def test_background_export_writes_the_pdf_and_cleans_up(
    qtbot, service, ops, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    ids = service.all_article_ids()[:3]
    dialog = ExportDialog(len(ids))
    qtbot.addWidget(dialog)
    target = tmp_path / "three.pdf"
    controller = ExportController(parent, ops, ids, target, dialog.options(), ask_to_open=False)
    outcome = Outcome(controller)
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        controller.start()
    del controller
    assert outcome.error == ""
    assert outcome.result is not None and outcome.result.article_count == 3
    assert len(PdfReader(target).outline) == 3
    wait_until_cleaned_up(qtbot, parent)


def test_two_exports_in_a_row_through_the_dialog(
    qtbot, service, ops, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    targets = iter([tmp_path / "first.pdf", tmp_path / "second.pdf"])

    def accept(self: ExportDialog) -> int:
        self.path_edit.setText(str(next(targets)))
        return QDialog.DialogCode.Accepted.value

    offered: list[ExportResult] = []
    monkeypatch.setattr(ExportDialog, "exec", accept)
    fake_offer: Callable[[QWidget, ExportResult], None] = lambda _p, r: offered.append(r)  # noqa: E731
    monkeypatch.setattr(export_dialog, "offer_to_open", fake_offer)
    ids = service.all_article_ids()
    for expected in (1, 2):
        controller = run_export_dialog(parent, ops, ids)
        assert controller is not None
        with qtbot.waitSignal(controller.finished, timeout=30_000):
            pass
        del controller
        wait_until_cleaned_up(qtbot, parent)
        assert len(offered) == expected
    assert [r.path.name for r in offered] == ["first.pdf", "second.pdf"]
    for result in offered:
        assert result.article_count == len(ids)
        assert len(PdfReader(result.path).outline) == len(ids)


def test_cancel_writes_nothing(qtbot, service, ops, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    ids = service.all_article_ids() * 3
    target = tmp_path / "cancelled.pdf"
    dialog = ExportDialog(len(ids))
    qtbot.addWidget(dialog)
    controller = ExportController(parent, ops, ids, target, dialog.options(), ask_to_open=False)
    outcome = Outcome(controller)
    controller.cancel()  # before the worker's first step: it must stop at once
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        controller.start()
    del controller
    assert outcome.result is None and outcome.error == ""
    assert not target.exists()
    wait_until_cleaned_up(qtbot, parent)


def test_closing_the_window_stops_the_export_first(qtbot, service, ops, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    ids = service.all_article_ids() * 30
    target = tmp_path / "closed.pdf"
    dialog = ExportDialog(len(ids))
    qtbot.addWidget(dialog)
    controller = ExportController(parent, ops, ids, target, dialog.options(), ask_to_open=False)
    outcome = Outcome(controller)
    controller.start()
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        parent.close()  # the close event cancels the export
    assert ops.wait(5_000)
    del controller
    assert outcome.result is None
    assert not target.exists()
    wait_until_cleaned_up(qtbot, parent)
