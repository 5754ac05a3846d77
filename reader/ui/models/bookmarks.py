"""Bookmarks as a table: title, note (editable in place), issue date, date added.

Rows are keyed by the article's stable key; a bookmark whose article vanished from
the archive stays as a "missing" row so the user's note is never silently lost.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from reader.domain import Bookmark
from reader.ui.icons import icon, kind_icon
from reader.ui.models.roles import ARTICLE_ID_ROLE, PAYLOAD_ROLE
from reader.ui.ops import Change

if TYPE_CHECKING:
    from reader.ui.ops import ArchiveOps

ModelIndex = QModelIndex | QPersistentModelIndex

TITLE, NOTE, ISSUE_DATE, ADDED = range(4)
ORDERS = ("added", "issue")


class BookmarksModel(QAbstractTableModel):
    loaded = Signal()
    """The rows were (re)read from the archive."""

    def __init__(self, ops: ArchiveOps, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._order = "added"
        self._rows: list[Bookmark] = []

    @property
    def order(self) -> str:
        return self._order

    def set_order(self, order: str) -> None:
        self._order = order if order in ORDERS else "added"
        self.reload()

    def reload(self) -> None:
        """Read the bookmarks in a worker; the rows change when they arrive."""
        if not self._ops.ready:
            return  # before the archive is open there are no rows
        order = self._order
        self._ops.query(
            lambda service: service.bookmarks(order), self._set_rows, channel="bookmarks"
        )

    def _set_rows(self, rows: list[Bookmark]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        self.loaded.emit()

    def bookmark(self, row: int) -> Bookmark:
        return self._rows[row]

    def row_of(self, key: str) -> int:
        return next((i for i, b in enumerate(self._rows) if b.key == key), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            TITLE: self.tr("文章"),
            NOTE: self.tr("备注"),
            ISSUE_DATE: self.tr("期次日期"),
            ADDED: self.tr("收藏时间"),
        }.get(section)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == NOTE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        mark = self._rows[index.row()]
        column = index.column()
        if role == PAYLOAD_ROLE:
            return mark
        if role == ARTICLE_ID_ROLE:
            return mark.article.id if mark.article else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == TITLE:
                if mark.article is None:
                    return self.tr("（已不在档案中）%1").replace("%1", mark.title_when_saved)
                return mark.article.display_title
            if column == NOTE:
                return mark.note
            if column == ISSUE_DATE:
                date = mark.article.issue_date if mark.article else None
                return date.isoformat() if date else ""
            if column == ADDED:
                return mark.created_at.strftime("%Y-%m-%d %H:%M")
        if role == Qt.ItemDataRole.ToolTipRole:
            if mark.article is None:
                return self.tr("这篇文章在重新索引后已不在档案中；收藏和备注仍保留。")
            if column == NOTE:
                return self.tr("双击编辑备注")
            return mark.article.source_name
        if column == TITLE and role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(mark.article.kind) if mark.article else icon("missing")
        if mark.article is None and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#b3261e"))
        if mark.article is None and role == Qt.ItemDataRole.FontRole and column == TITLE:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != NOTE or role != Qt.ItemDataRole.EditRole:
            return False
        mark = self._rows[index.row()]
        note = str(value).strip()
        if note == mark.note:
            return False
        key = mark.key
        self._ops.operation(
            lambda service, _job: service.set_bookmark_note(key, note), change=Change.BOOKMARKS
        )
        self._rows[index.row()] = dataclasses.replace(mark, note=note)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def remove(self, row: int) -> None:
        key = self._rows[row].key
        self._ops.operation(
            lambda service, _job: service.remove_bookmark(key), change=Change.BOOKMARKS
        )
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
