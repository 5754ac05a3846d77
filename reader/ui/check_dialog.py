"""工具 → 检查档案: the window's ``reader check [--repair] [--compact]``.

The check, the repair and the compaction run in worker threads; the dialog lists one
line per problem and offers to rebuild what is derived from the stored text (the
search and entity indexes, orphan rows). Bookmarks and notes are never touched. A
healthy archive can be compacted: its file rewritten without free pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.ops import Change

if TYPE_CHECKING:
    from reader.domain import HealthReport
    from reader.ui.ops import ArchiveOps, Job


class CheckDialog(QDialog):
    repaired = Signal()
    """Derived data was rebuilt (``archiveChanged`` tells the panels too)."""

    def __init__(self, ops: ArchiveOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkDialog")
        self.setWindowTitle(self.tr("检查档案"))
        self.setMinimumWidth(520)
        self._ops = ops
        self._job: Job[Any] | None = None
        self.health: HealthReport | None = None

        self.summary = QLabel(self)
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        # Plain text: problem lines may quote stored text or file names.
        self.problems = QPlainTextEdit(self)
        self.problems.setObjectName("checkProblems")
        self.problems.setReadOnly(True)
        self.problems.hide()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("checkProgress")
        self.progress.setRange(0, 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.repair_button = QPushButton(self.tr("修复"), self)
        self.repair_button.setObjectName("checkRepairButton")
        self.repair_button.setToolTip(
            self.tr("从已保存的文章重建搜索索引与实体索引；收藏和笔记不受影响。")
        )
        self.repair_button.hide()
        self.repair_button.clicked.connect(self.repair)
        buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.compact_button = QPushButton(self.tr("压缩文件"), self)
        self.compact_button.setObjectName("checkCompactButton")
        self.compact_button.setToolTip(
            self.tr(
                "重写档案文件，去掉其中的空闲页，文件随之变小。"
                "大档案需要几分钟，并需要与档案同样大小的空闲磁盘空间。"
            )
        )
        self.compact_button.hide()
        self.compact_button.clicked.connect(self.compact)
        buttons.addButton(self.compact_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def check(self) -> None:
        """Check the archive in a worker; the dialog shows the verdict when done."""
        self.summary.setText(self.tr("正在检查档案…"))
        self.repair_button.hide()
        self.compact_button.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self._job = self._ops.query(
            lambda service: service.health(), self._on_checked, failed=self._on_failed
        )

    def _working(self, summary: str, button: QPushButton) -> None:
        """Say what runs, disable the button that started it, show a busy bar."""
        self.summary.setText(summary)
        button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()

    def repair(self) -> None:
        self._working(self.tr("正在重建索引…"), self.repair_button)
        self._job = self._ops.operation(
            lambda service, job: service.repair(job.report),
            self._on_repaired,
            change=Change.ENTITIES | Change.SEARCH_INDEX,
            failed=self._on_failed,
            progress=self._on_progress,
        )

    def compact(self) -> None:
        """Rewrite the archive file without its free pages, in a worker."""
        self._working(self.tr("正在压缩档案文件…"), self.compact_button)
        self._job = self._ops.operation(
            lambda service, _job: service.compact(),
            self._on_compacted,
            change=None,
            failed=self._on_failed,
        )

    def _on_compacted(self, sizes: tuple[int, int]) -> None:
        self._job = None
        self.progress.hide()
        before, after = sizes
        if before == 0:
            self.summary.setText(self.tr("服务器上的档案无需压缩。"))
            return
        self.summary.setText(
            self.tr("已压缩：%1 MB → %2 MB。")
            .replace("%1", f"{before / 1e6:,.1f}")
            .replace("%2", f"{after / 1e6:,.1f}")
        )

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_checked(self, health: HealthReport) -> None:
        self._job = None
        self.health = health
        self.progress.hide()
        labels = {
            "database": self.tr("数据库文件已损坏：%1"),
            "schema": self.tr("数据库版本：%1"),
            "search_index": self.tr("搜索索引：%1"),
            "entities": self.tr("实体索引：%1"),
            "orphans": self.tr("孤立记录：%1"),
        }
        lines = [labels[area].replace("%1", line) for area, line in health.problems]
        self.problems.setPlainText("\n".join(lines))
        self.problems.setVisible(bool(lines))
        if health.healthy:
            self.summary.setText(self.tr("档案完好：未发现问题。"))
            self.compact_button.setEnabled(True)
            self.compact_button.show()
        elif not health.repairable:
            self.summary.setText(
                self.tr(
                    "数据库文件本身已损坏或版本不符，无法在此修复：请从备份恢复，或重新索引源文件。"
                )
            )
        else:
            self.summary.setText(
                self.tr("发现 %1 个问题。索引可以从已保存的文章重建。").replace(
                    "%1", str(len(lines))
                )
            )
            self.repair_button.setEnabled(True)
            self.repair_button.show()

    def _on_repaired(self, _result: object) -> None:
        self._job = None
        self.repaired.emit()
        self.check()

    def _on_failed(self, message: str) -> None:
        self._job = None
        self.progress.hide()
        self.summary.setText(self.tr("无法完成：%1").replace("%1", message))
        self.repair_button.setEnabled(True)
        self.compact_button.setEnabled(True)
