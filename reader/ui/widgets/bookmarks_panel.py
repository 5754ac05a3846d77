"""Bookmarks tab: the list with notes editable in place, ordering, removal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.colors import MUTED_TEXT
from reader.ui.models.bookmarks import ADDED, ISSUE_DATE, NOTE, TITLE, BookmarksModel
from reader.ui.ops import Change

if TYPE_CHECKING:
    from reader.ui.ops import ArchiveOps


class BookmarksPanel(QWidget):
    openRequested = Signal(int)

    def __init__(self, ops: ArchiveOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarksPanel")
        self.model = BookmarksModel(ops, self)
        self._select_after_load: str | None = None
        self.model.loaded.connect(self._on_loaded)
        ops.archiveChanged.connect(self._on_archive_changed)
        self.order = QComboBox(self)
        self.order.setObjectName("bookmarkOrder")
        self.order.addItem(self.tr("按收藏时间"), "added")
        self.order.addItem(self.tr("按期次日期"), "issue")
        self.order.currentIndexChanged.connect(
            lambda _i: self.model.set_order(self.order.currentData())
        )
        self.view = QTreeView(self)
        self.view.setObjectName("bookmarkList")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        # A little air per row: notes are read and edited here.
        self.view.setStyleSheet("QTreeView::item { padding: 4px 2px; }")
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ISSUE_DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ADDED, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(NOTE, 120)
        # The title and the note matter most in a narrow dock; the time added is in
        # the tooltip's sort order anyway.
        self.view.setColumnHidden(ADDED, True)
        self.view.clicked.connect(self._open)
        self.view.activated.connect(self._open)

        remove = QAction(self.tr("取消收藏"), self.view)
        remove.setObjectName("actionRemoveBookmark")
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        edit = QAction(self.tr("编辑备注"), self.view)
        edit.triggered.connect(self._edit_note)
        self.view.addAction(edit)
        self.view.addAction(remove)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.hint = QLabel(self.tr("Ctrl+D 收藏当前文章；双击备注栏写备注。"), self)
        self.hint.setObjectName("bookmarkHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED_TEXT}")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("排序"), self))
        top.addWidget(self.order, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)

    def archive_opened(self) -> None:
        self.model.reload()

    def _on_archive_changed(self, change: Change) -> None:
        # A title, a missing article or a new bookmark: the list reads them again.
        if change & (Change.BOOKMARKS | Change.ARTICLES):
            self.model.reload()

    def reload(self) -> None:
        self.model.reload()

    def _on_loaded(self) -> None:
        key, self._select_after_load = self._select_after_load, None
        if key is not None:
            self.select_key(key)

    def select_when_loaded(self, key: str) -> None:
        """Make ``key``'s row current once the list has been read again."""
        self._select_after_load = key

    def set_order(self, order: str) -> None:
        index = self.order.findData(order)
        if index >= 0:
            self.order.setCurrentIndex(index)
        self.model.set_order(self.order.currentData())

    def select_key(self, key: str) -> None:
        row = self.model.row_of(key)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, TITLE))

    def _open(self, index: QModelIndex) -> None:
        if index.column() == NOTE:
            return
        mark = self.model.bookmark(index.row())
        if mark.article is not None:
            self.openRequested.emit(mark.article.id)

    def _edit_note(self) -> None:
        current = self.view.currentIndex()
        if current.isValid():
            self.view.edit(self.model.index(current.row(), NOTE))

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()}, reverse=True)
        for row in rows:
            self.model.remove(row)

    def selected_article_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        marks = [self.model.bookmark(r) for r in rows] or [
            self.model.bookmark(r) for r in range(self.model.rowCount())
        ]
        return [m.article.id for m in marks if m.article is not None]
