"""File → Export to PDF…: options dialog, export off the UI thread, then open it.

``run_export_dialog`` is the one entry point (``actionExportPdf``). The export runs
as an operation of :mod:`reader.ui.ops`, with progress and Cancel.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.export import PAGE_SIZE_NAMES, ExportOptions, ExportResult, export_pdf
from reader.progress import CancelToken

if TYPE_CHECKING:
    from reader.services import ArchiveService
    from reader.ui.ops import ArchiveOps, Job

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


def default_export_path() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = tr("报刊档案导出") + f"-{dt.date.today():%Y%m%d}.pdf"
    return Path(folder or Path.home()) / name


class ExportDialog(QDialog):
    """File name, paper size, entity highlighting and table of contents."""

    def __init__(
        self, article_count: int, parent: QWidget | None = None, timeline: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("导出为 PDF"))
        self.path_edit = QLineEdit(str(default_export_path()))
        self.path_edit.setObjectName("exportPath")
        self.path_edit.textChanged.connect(self._update_ok)
        browse = QPushButton(tr("浏览…"))
        browse.setObjectName("exportBrowse")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.page_size = QComboBox()
        self.page_size.setObjectName("exportPageSize")
        self.page_size.addItems(list(PAGE_SIZE_NAMES))
        self.page_size.setCurrentText("A4")
        self.highlight = QCheckBox(tr("标注人名、地名、机构和日期"))
        self.highlight.setObjectName("exportHighlight")
        self.toc = QCheckBox(tr("包含目录"))
        self.toc.setObjectName("exportToc")
        self.toc.setChecked(True)

        form = QFormLayout()
        form.addRow(tr("文件："), path_row)
        form.addRow(tr("纸张大小："), self.page_size)
        form.addRow("", self.highlight)
        form.addRow("", self.toc)
        self.timeline = QCheckBox(tr("在扉页加入检索的时间分布图"))
        self.timeline.setObjectName("exportTimeline")
        self.timeline.setChecked(timeline)
        self.timeline.setVisible(timeline)
        form.addRow("", self.timeline)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("导出"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr_n("将导出 %n 篇文章。", article_count)))
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, tr("导出为 PDF"), self.path_edit.text(), tr("PDF 文件 (*.pdf)")
        )
        if chosen:
            self.path_edit.setText(chosen)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.path_edit.text().strip()))

    def path(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def options(self, description: str = "") -> ExportOptions:
        return ExportOptions(
            page_size=self.page_size.currentText(),
            highlight_entities=self.highlight.isChecked(),
            include_toc=self.toc.isChecked(),
            description=description,
        )


def tr_n(text: str, n: int) -> str:
    return QCoreApplication.translate("ExportDialog", text, "", n)


def _export(
    service: ArchiveService,
    job: Job[ExportResult],
    token: CancelToken,
    ids: list[int],
    path: Path,
    options: ExportOptions,
) -> ExportResult:
    """Load the articles and write the PDF (runs in a worker)."""
    token.raise_if_cancelled()
    articles = service.articles(ids)
    token.raise_if_cancelled()
    return export_pdf(articles, path, options, job.report, token)


class ExportController(QObject):
    """Owns one export's operation and progress dialog, reports the outcome, then goes.

    Parented to the window that started it; once the export has ended it shows the
    outcome (when ``ask_to_open``), emits :attr:`finished` and deletes itself and its
    progress dialog (``deleteLater``). Read :attr:`result` and :attr:`error` in a slot
    connected to :attr:`finished`, not afterwards.
    """

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        ops: ArchiveOps,
        article_ids: Sequence[int],
        path: Path,
        options: ExportOptions,
        ask_to_open: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportController")
        self._parent = parent
        self._ops = ops
        self._ids = list(article_ids)
        self._path = path
        self._options = options
        self._ask_to_open = ask_to_open
        self._job: Job[ExportResult] | None = None
        self._token = CancelToken()
        self.result: ExportResult | None = None
        self.error = ""
        self.progress = QProgressDialog(tr("正在导出 PDF…"), tr("取消"), 0, 0, parent)
        self.progress.setObjectName("exportProgress")
        self.progress.setWindowTitle(tr("导出为 PDF"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        # Closing the window cancels the export; the window's ops wait for it to stop
        # before the archive closes.
        parent.installEventFilter(self)

    def start(self) -> None:
        ids, path, options, token = self._ids, self._path, self._options, self._token
        self._job = self._ops.operation(
            lambda service, job: _export(service, job, token, ids, path, options),
            self._on_success,
            change=None,
            failed=self._on_failure,
            progress=self._on_progress,
        )

    def cancel(self) -> None:
        self._token.cancel()

    @property
    def running(self) -> bool:
        return self._job is not None and not self._job.finished

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._parent and event.type() == QEvent.Type.Close:
            self.cancel()
        return False

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(min(done, total))

    def _on_success(self, result: ExportResult | None) -> None:
        self.result = result  # None: cancelled
        self._done()

    def _on_failure(self, message: str) -> None:
        self.error = message
        bug = self._job is not None and self._job.failed_by_bug
        self._done(show_error=not bug)  # a bug was shown by the window already

    def _done(self, show_error: bool = True) -> None:
        self._parent.removeEventFilter(self)
        self.progress.canceled.disconnect(self.cancel)
        self.progress.reset()
        self.progress.hide()
        self.progress.deleteLater()
        self.finished.emit()
        if self._ask_to_open and self.result is not None:
            offer_to_open(self._parent, self.result)
        elif self._ask_to_open and self.error and show_error:
            QMessageBox.warning(self._parent, tr("导出失败"), self.error)
        # Queued: it runs once control is back in the event loop, never inside the
        # message box's nested loop above.
        self.deleteLater()


def offer_to_open(parent: QWidget, result: ExportResult) -> None:
    box = QMessageBox(parent)
    box.setObjectName("exportDone")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(tr("导出完成"))
    box.setText(
        tr("已导出 %1 篇文章，共 %2 页。")
        .replace("%1", str(result.article_count))
        .replace("%2", str(result.page_count))
    )
    box.setInformativeText(str(result.path))
    open_file = box.addButton(tr("打开文件"), QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(tr("打开所在文件夹"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(tr("关闭"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))
    elif box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path.parent)))


def _confirm_overwrite(parent: QWidget, path: Path) -> bool:
    answer = QMessageBox.question(
        parent, tr("导出为 PDF"), tr("%1 已存在，要替换它吗？").replace("%1", path.name)
    )
    return answer == QMessageBox.StandardButton.Yes


def run_export_dialog(
    parent: QWidget,
    ops: ArchiveOps,
    article_ids: Sequence[int],
    query: str = "",
    timeline: Sequence[Any] = (),
) -> ExportController | None:
    """Ask for the options, then export ``article_ids`` in the background.

    From a search, ``query`` names it on the title page and ``timeline`` (its hits per
    period) may be drawn there. Returns the running :class:`ExportController` (it
    deletes itself when done), or ``None`` when there was nothing to export or the
    user cancelled the dialog.
    """
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        QMessageBox.information(parent, tr("导出为 PDF"), tr("请先选择要导出的文章。"))
        return None
    dialog = ExportDialog(len(ids), parent, timeline=bool(timeline))
    try:
        while True:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            if not dialog.path().exists() or _confirm_overwrite(dialog, dialog.path()):
                break
        if query:
            description = tr("检索：%1").replace("%1", query)
        else:
            description = tr_n("选定文章 %n 篇", len(ids))
        path, options = dialog.path(), dialog.options(description)
        if timeline and dialog.timeline.isChecked():
            by = "月" if len(timeline[0].period) > 4 else "年"
            caption = tr("“%1”每%2命中篇数").replace("%1", query).replace("%2", by)
            options = dataclasses.replace(
                options, timeline=tuple(timeline), timeline_caption=caption
            )
    finally:
        dialog.deleteLater()
    controller = ExportController(parent, ops, ids, path, options)
    controller.start()
    return controller
