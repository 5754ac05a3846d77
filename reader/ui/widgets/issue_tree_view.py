"""The issue tree (``issueTree``): browse by date, multi-select for export, the
current article opens in the reading pane as the selection moves (keyboard too)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from reader.ui.models.issue_tree import IssueTreeModel, TreePath, tree_path
from reader.ui.models.roles import ARTICLE_ID_ROLE, NODE_KIND_ROLE, PAYLOAD_ROLE
from reader.ui.ops import Change

if TYPE_CHECKING:
    from reader.ui.ops import ArchiveOps


class IssueTreeView(QTreeView):
    articleChosen = Signal(int)
    revealed = Signal(int)
    """The article's row is shown and current (after :meth:`reveal`)."""

    def __init__(self, ops: ArchiveOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issueTree")
        self._ops = ops
        self._expanding: QPersistentModelIndex | None = None
        self.tree_model = IssueTreeModel(ops, self)
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
        self.tree_model.childrenLoaded.connect(self._on_children_loaded)
        ops.archiveChanged.connect(self._on_archive_changed)

    def archive_opened(self) -> None:
        """The archive is open: read its years and open the newest month."""
        self.tree_model.archive_opened()
        self.expand_latest()

    def _on_archive_changed(self, change: Change) -> None:
        if change & Change.ARTICLES:
            self.reload()

    def reload(self) -> None:
        self.tree_model.reload()
        self.expand_latest()

    # -- expanding the newest month -----------------------------------------------------
    def expand_latest(self) -> None:
        """Open the newest year and month, so the first screen shows real issues. Each
        level arrives from a worker; the next step runs when it has."""
        self._expanding = QPersistentModelIndex(QModelIndex())
        model = self.tree_model
        if model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        elif model.rowCount(QModelIndex()):
            self._on_children_loaded(QModelIndex())

    def _on_children_loaded(self, parent: QModelIndex) -> None:
        if self._expanding is None or self._expanding != QPersistentModelIndex(parent):
            return
        kind = parent.data(NODE_KIND_ROLE) if parent.isValid() else "root"
        model = self.tree_model
        field = {"root": "year", "year": "month"}.get(kind)
        if field is None:
            self._expanding = None
            return
        indexes = [model.index(row, 0, parent) for row in range(model.rowCount(parent))]
        # Undated issues sort last (year None); prefer the newest dated period.
        dated = [i for i in indexes if getattr(i.data(PAYLOAD_ROLE), field) is not None]
        chosen = (dated or indexes)[-1:]
        if not chosen:
            self._expanding = None
            return
        self._expanding = QPersistentModelIndex(chosen[0])
        self.expand(chosen[0])
        if model.canFetchMore(chosen[0]):
            model.fetchMore(chosen[0])
        elif model.rowCount(chosen[0]):
            self._on_children_loaded(chosen[0])

    # -- revealing an article -----------------------------------------------------------
    def reveal(self, article_id: int) -> None:
        """Expand the tree straight to the article and make it current (without opening
        it again): the levels down to it are read in one query."""
        if not self._ops.ready:
            return
        self._ops.query(
            lambda service: tree_path(service, article_id),
            self._show_path,
            channel="tree-reveal",
        )

    def _show_path(self, path: TreePath | None) -> None:
        if path is None:
            return
        index = self.tree_model.index_on_path(path)
        if not index.isValid():
            return
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        # Move the current row without re-opening the article the pane already shows.
        selection = self.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(
            index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows
        )
        selection.blockSignals(False)
        self.viewport().update()
        self.scrollTo(index)
        self.revealed.emit(path.location.article_id)

    # -- selection ----------------------------------------------------------------------
    def selected_scopes(self) -> list[tuple[str, Any]]:
        """The selected rows in tree order, as ``IssueTreeModel.scope`` describes them;
        :func:`article_ids_in` turns them into article ids in a worker."""
        rows = sorted(self.selectionModel().selectedRows(), key=self._order_key)
        return [self.tree_model.scope(index) for index in rows]

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
