"""Shared steps for the GUI tests: the window reads the archive in workers, so each
step waits for its answer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QTreeView

from reader.ui.models.roles import ARTICLE_ID_ROLE

WAIT_MS = 10_000


def load_level(qtbot: Any, model: Any, parent: QModelIndex) -> None:
    """Fetch the rows under ``parent`` of the issue tree model and wait for them."""
    if model.canFetchMore(parent):
        model.fetchMore(parent)
    qtbot.waitUntil(lambda: model.is_loaded(parent), timeout=WAIT_MS)


def first_article_index(qtbot: Any, tree: QTreeView) -> QModelIndex:
    """The first article row of the issue tree, fetching the lazy levels on the way."""
    model = tree.model()
    parent = QModelIndex()
    while True:
        load_level(qtbot, model, parent)
        index = model.index(0, 0, parent)
        assert index.isValid()
        if model.data(index, ARTICLE_ID_ROLE) is not None:
            return index
        parent = index


def open_and_wait(qtbot: Any, window: Any, article_id: int, hits: Any = ()) -> None:
    """Open an article as the window does and wait until the pane shows it."""
    pane = window.article_pane
    # The pane shows it, and the tree has moved its current row to it.
    with qtbot.waitSignals([pane.articleOpened, window.tree.revealed], timeout=WAIT_MS):
        assert window.open_article(article_id, hits)
    assert pane.article is not None and pane.article.id == article_id


def ops_over(service: Any) -> Any:
    """An ArchiveOps over ``service``, for testing a model on its own."""
    from reader.ui.ops import ArchiveOps

    ops = ArchiveOps()
    ops.set_service(service)
    return ops
