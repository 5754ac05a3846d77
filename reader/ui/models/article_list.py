"""A flat list of article summaries (the articles naming one entity)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from reader.domain import ArticleSummary
from reader.ui.colors import MUTED_ITEM
from reader.ui.icons import kind_icon
from reader.ui.labels import kind_label
from reader.ui.models.roles import ARTICLE_ID_ROLE, PAYLOAD_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex


class ArticleListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleSummary] = []

    def set_articles(self, rows: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def article(self, row: int) -> ArticleSummary:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        article = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = article.date or article.issue_date
            return f"{when.isoformat() if when else '—'}  {article.display_title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{kind_label(article.kind)} · {article.source_name}"
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(article.kind)
        if role == Qt.ItemDataRole.ForegroundRole and article.untitled:
            return QBrush(QColor(MUTED_ITEM))
        if role == ARTICLE_ID_ROLE:
            return article.id
        if role == PAYLOAD_ROLE:
            return article
        return None
