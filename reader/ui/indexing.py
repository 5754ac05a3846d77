"""Indexing from the app: an operation (:mod:`reader.ui.ops`) over
``service.index_paths``, a progress dialog with Cancel, and a summary that lists every
skipped file with its reason."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from reader.domain import IndexEvent, IndexOutcome, IndexReport
from reader.errors import ReaderError
from reader.ui.ops import Change

if TYPE_CHECKING:
    from reader.services import ArchiveService
    from reader.ui.ops import ArchiveOps, Job

# lupdate reads literal translate("Context", "text") calls.
translate = QCoreApplication.translate

SHOW_PROGRESS_AFTER_MS = 400
"""Quick runs (a few files) finish before the dialog would flash up."""
MAX_LISTED = 12


def _index_when_writable(
    service: ArchiveService, targets: list[Path], job: Job[Any], on_wait: Callable[[], None]
) -> Iterator[IndexEvent]:
    """Index once no other process writes to the archive (runs in the worker thread,
    which alone may import the store)."""
    from reader import services

    limit = services.WRITE_LOCK_WAIT_SECONDS
    if not service.wait_until_writable(limit, on_wait, job.token):
        if job.cancelled:
            return
        raise ReaderError(services.archive_still_busy(limit))
    yield from service.index_paths(targets, job.token)


class IndexingController(QObject):
    finished = Signal(object, bool, str)
    """IndexReport, whether it was cancelled, an error message ("" when none)."""
    busy = Signal()
    """Another process holds the archive's write lock: the run waits for it."""

    def __init__(self, ops: ArchiveOps, window: QWidget) -> None:
        super().__init__(window)
        self._ops = ops
        self._window = window
        self._job: Job[Any] | None = None
        self._report = IndexReport()
        self._error = ""
        self.dialog: QProgressDialog | None = None
        # A modal QProgressDialog's setValue() runs the event loop, which can deliver
        # the next events (and the run's end) inside the handler of this one: they
        # wait here and are applied in order, and the end comes after them.
        self._pending: deque[IndexEvent] = deque()
        self._applying = False
        self._finish_deferred = False
        self.busy.connect(self._on_busy)

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, paths: Sequence[Path]) -> bool:
        if self._job is not None or not paths or not self._ops.ready:
            return False
        self._report = IndexReport()
        self._error = ""
        targets = [Path(p) for p in paths]
        dialog = self.dialog = QProgressDialog(self._window)
        dialog.setObjectName("indexProgress")
        dialog.setWindowTitle(self.tr("正在索引"))
        dialog.setLabelText(self.tr("正在准备…"))
        dialog.setCancelButtonText(self.tr("取消"))
        dialog.setRange(0, 0)
        dialog.setMinimumWidth(420)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        busy = self.busy

        def work(service: ArchiveService, job: Job[Any]) -> Any:
            return _index_when_writable(service, targets, job, busy.emit)

        self._job = self._ops.operation(
            work,
            lambda _result: self._on_finished(),
            change=Change.EVERYTHING,
            item=self._on_event,
            failed=self._on_failed,
        )
        dialog.canceled.connect(self._job.cancel)
        return True

    def _on_busy(self) -> None:
        if self.dialog is None:
            return
        self.dialog.setLabelText(self.tr("档案正忙，正在等待另一个进程写完…"))
        self.dialog.show()  # at once: the wait may be long, and it is not an error

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _on_event(self, event: IndexEvent) -> None:
        self._pending.append(event)
        if self._applying:
            return
        self._applying = True
        try:
            while self._pending:
                self._apply(self._pending.popleft())
        finally:
            self._applying = False
        if self._finish_deferred:
            self._finish_deferred = False
            self._on_finished()

    def _apply(self, event: IndexEvent) -> None:
        if event.done:
            return
        name = Path(event.path).name
        if event.surveying:
            self._show(event, self.tr("正在读取第 %1 / %2 个文件：%3"))
            return
        if event.outcome is IndexOutcome.INDEXED:
            self._report.indexed.append(name)
        elif event.outcome is IndexOutcome.UNCHANGED:
            self._report.unchanged.append(name)
        elif event.outcome is IndexOutcome.SKIPPED:
            self._report.skipped.append((name, event.message))
        elif event.outcome is IndexOutcome.REMOVED:
            self._report.removed.append(name)
        self._show(event, self.tr("第 %1 / %2 个文件：%3"))

    def _show(self, event: IndexEvent, template: str) -> None:
        """Progress of the current pass: ``template`` takes position, total and name."""
        if self.dialog is None or not event.total:
            return
        self.dialog.setLabelText(
            template.replace("%1", str(event.position))
            .replace("%2", str(event.total))
            .replace("%3", Path(event.path).name)
        )
        self.dialog.setRange(0, event.total)
        self.dialog.setValue(min(event.position, event.total))  # may run the event loop

    def _on_failed(self, message: str) -> None:
        self._error = message
        self._on_finished()

    def _on_finished(self) -> None:
        if self._applying:  # the end arrived inside an event's setValue(): after it
            self._finish_deferred = True
            return
        cancelled = bool(self._job and self._job.cancelled)
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self._job = None
        self.finished.emit(self._report, cancelled, self._error)


def summary_text(report: IndexReport, cancelled: bool, error: str) -> tuple[str, str]:
    """(headline, details) for the summary dialog; details list skipped files."""
    head = (
        translate("IndexSummary", "已索引 %1 个文件，未变化 %2 个，跳过 %3 个。")
        .replace("%1", str(len(report.indexed)))
        .replace("%2", str(len(report.unchanged)))
        .replace("%3", str(len(report.skipped)))
    )
    if report.removed:
        head += translate("IndexSummary", "已移除 %1 个不再存在的文件。").replace(
            "%1", str(len(report.removed))
        )
    if cancelled:
        head = translate("IndexSummary", "索引已取消。") + head
    lines: list[str] = []
    if error:
        lines.append(translate("IndexSummary", "出错：%1").replace("%1", error))
    if report.skipped:
        lines.append(translate("IndexSummary", "跳过的文件："))
        for name, reason in report.skipped[:MAX_LISTED]:
            lines.append(f"• {name}：{reason}")
        if len(report.skipped) > MAX_LISTED:
            lines.append(
                translate("IndexSummary", "……另有 %1 个").replace(
                    "%1", str(len(report.skipped) - MAX_LISTED)
                )
            )
    return head, "\n".join(lines)


def show_summary(parent: QWidget, report: IndexReport, cancelled: bool, error: str) -> QMessageBox:
    head, details = summary_text(report, cancelled, error)
    box = QMessageBox(parent)
    box.setObjectName("indexSummary")
    box.setWindowTitle(translate("IndexSummary", "索引结果"))
    box.setIcon(
        QMessageBox.Icon.Warning if (report.skipped or error) else QMessageBox.Icon.Information
    )
    box.setText(head)
    if details:
        box.setInformativeText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # open(), not exec(): the window stays live (and tests can read the box).
    box.open()
    return box
