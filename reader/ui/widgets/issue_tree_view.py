"""The issue tree (``issueTree``): browse by date, multi-select for export, the
current article opens in the reading pane as the selection moves (keyboard too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from reader.domain import ArticleSummary
from reader.ui.models.issue_tree import IssueTreeModel
from reader.ui.models.roles import ARTICLE_ID_ROLE, PAYLOAD_ROLE

if TYPE_CHECKING:
    from reader.services import ArchiveService


class IssueTreeView(QTreeView):
    articleChosen = Signal(int)

    def __init__(
        self, service: ArchiveService | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("issueTree")
        self.tree_model = IssueTreeModel(service, self)
        self.setModel(self.tree_model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setExpandsOnDoubleClick(True)
        self.setAnimated(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.selectionModel().currentChanged.connect(self._on_current)
        self.activated.connect(self._on_current)
        self.expand_latest()

    def set_service(self, service: ArchiveService) -> None:
        """The archive is open: read its years and open the newest month."""
        self.tree_model.set_service(service)
        self.expand_latest()

    def reload(self) -> None:
        self.tree_model.reload()
        self.expand_latest()

    def expand_latest(self) -> None:
        """Open the newest year and month, so the first screen shows real issues."""
        model = self.tree_model
        parent = QModelIndex()
        for field in ("year", "month"):
            if model.canFetchMore(parent):
                model.fetchMore(parent)
            indexes = [model.index(row, 0, parent) for row in range(model.rowCount(parent))]
            # Undated issues sort last (year None); prefer the newest dated period.
            dated = [i for i in indexes if getattr(i.data(PAYLOAD_ROLE), field) is not None]
            chosen = (dated or indexes)[-1:]
            if not chosen:
                return
            self.expand(chosen[0])
            parent = chosen[0]

    def select_article(self, summary: ArticleSummary) -> bool:
        index = self.tree_model.locate_article(summary)
        if not index.isValid():
            return False
        self.expand(index.parent())
        # Move the current row without re-opening the article the pane already shows.
        self.selectionModel().blockSignals(True)
        self.selectionModel().setCurrentIndex(
            index,
            self.selectionModel().SelectionFlag.ClearAndSelect
            | self.selectionModel().SelectionFlag.Rows,
        )
        self.selectionModel().blockSignals(False)
        self.viewport().update()
        self.scrollTo(index)
        return True

    def selected_article_ids(self) -> list[int]:
        ids: list[int] = []
        rows = sorted(self.selectionModel().selectedRows(), key=self._order_key)
        for index in rows:
            for article_id in self.tree_model.article_ids_under(index):
                if article_id not in ids:
                    ids.append(article_id)
        return ids

    def _order_key(self, index: QModelIndex) -> list[int]:
        path: list[int] = []
        while index.isValid():
            path.insert(0, index.row())
            index = index.parent()
        return path

    def _on_current(self, current: QModelIndex, *_args: object) -> None:
        article_id = current.data(ARTICLE_ID_ROLE) if current.isValid() else None
        if article_id is not None:
            self.articleChosen.emit(article_id)
