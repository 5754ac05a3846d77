"""The archive's entities (canonical names with counts) as a table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from reader.domain import EntitySummary
from reader.ui.article_html import ENTITY_COLOURS, ENTITY_TEXT_COLOURS
from reader.ui.labels import entity_type_label
from reader.ui.models.roles import PAYLOAD_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex
NAME, TYPE, ARTICLES = range(3)


class EntitiesModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EntitySummary] = []

    def set_entities(self, rows: list[EntitySummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def entity(self, row: int) -> EntitySummary:
        return self._rows[row]

    def row_of(self, canonical: str) -> int:
        return next((i for i, e in enumerate(self._rows) if e.canonical == canonical), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {NAME: self.tr("名称"), TYPE: self.tr("类型"), ARTICLES: self.tr("篇数")}.get(
            section
        )

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entity = self._rows[index.row()]
        column = index.column()
        if role == PAYLOAD_ROLE:
            return entity
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return entity.canonical
            if column == TYPE:
                return entity_type_label(entity.type)
            if column == ARTICLES:
                return entity.article_count
        if role == Qt.ItemDataRole.ToolTipRole:
            others = [a for a in entity.aliases if a != entity.canonical]
            tip = (
                self.tr("%1篇文章，共提及%2次")
                .replace("%1", str(entity.article_count))
                .replace("%2", str(entity.mention_count))
            )
            if others:
                tip += "\n" + self.tr("又作：%1").replace("%1", "、".join(others))
            return tip
        if role == Qt.ItemDataRole.BackgroundRole and column == TYPE:
            return QColor(ENTITY_COLOURS[entity.type])
        if role == Qt.ItemDataRole.ForegroundRole and column == TYPE:
            return QColor(ENTITY_TEXT_COLOURS[entity.type])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ARTICLES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
