"""Shared steps for the GUI tests."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QTreeView

from reader.ui.models.roles import ARTICLE_ID_ROLE


def first_article_index(tree: QTreeView) -> QModelIndex:
    """The first article row of the issue tree, fetching the lazy levels on the way."""
    model = tree.model()
    parent = QModelIndex()
    while True:
        if model.canFetchMore(parent):
            model.fetchMore(parent)
        index = model.index(0, 0, parent)
        assert index.isValid()
        if model.data(index, ARTICLE_ID_ROLE) is not None:
            return index
        parent = index
