"""The archive as year → month → issue → article, fetched one level at a time.

Only the years are read when the model is built; months, issues and articles are
asked for when a row is expanded (``canFetchMore``/``fetchMore``), each level as a
query in a worker (:mod:`reader.ui.ops`), so expanding never blocks the window and an
archive of 100,000 articles opens as fast as one of ten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from reader.domain import ArticleLocation, ArticleSummary, IssueSummary, PeriodSummary
from reader.ui.colors import MUTED_ITEM
from reader.ui.icons import kind_icon
from reader.ui.labels import kind_label
from reader.ui.models.roles import ARTICLE_ID_ROLE, ISSUE_ID_ROLE, NODE_KIND_ROLE, PAYLOAD_ROLE

if TYPE_CHECKING:
    from reader.services import ArchiveService
    from reader.ui.ops import ArchiveOps

ModelIndex = QModelIndex | QPersistentModelIndex

MUTED = QColor(MUTED_ITEM)


@dataclass(eq=False)
class _Node:
    kind: str  # root | year | month | issue | article
    payload: Any
    parent: _Node | None
    row: int = 0
    children: list[_Node] = field(default_factory=list)
    fetched: bool = False
    fetching: bool = False

    def expected_children(self) -> bool:
        if self.kind == "article":
            return False
        if self.fetched:
            return bool(self.children)
        if self.kind == "root":
            return True
        if self.kind == "issue":
            return self.payload.article_count > 0
        return self.payload.issue_count > 0


_CHILD_KIND = {"root": "year", "year": "month", "month": "issue", "issue": "article"}


def children_of(service: ArchiveService, kind: str, payload: Any) -> list[Any]:
    """The payloads one level below a node (runs in a worker)."""
    if kind == "root":
        return list(service.years())
    if kind == "year":
        return list(service.months(payload.year))
    if kind == "month":
        return list(service.issues_in_month(payload.year, payload.month))
    if kind == "issue":
        return list(service.articles_in_issue(payload.id))
    return []


@dataclass(frozen=True)
class TreePath:
    """What revealing an article needs: its location and every level's rows down to it,
    read in one worker call."""

    location: ArticleLocation
    levels: tuple[tuple[Any, ...], ...]
    """Years, the year's months, the month's issues, the issue's articles."""


def tree_path(service: ArchiveService, article_id: int) -> TreePath | None:
    location = service.article_location(article_id)
    if location is None:
        return None
    years = service.years()
    months = service.months(location.year)
    issues = service.issues_in_month(location.year, location.month)
    articles = service.articles_in_issue(location.issue_id)
    return TreePath(location, (tuple(years), tuple(months), tuple(issues), tuple(articles)))


class IssueTreeModel(QAbstractItemModel):
    childrenLoaded = Signal(QModelIndex)
    """The rows under this index arrived (the root: an invalid index)."""

    def __init__(self, ops: ArchiveOps, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._generation = 0
        self._root = _Node("root", None, None)
        # No archive yet (it is being opened): an empty tree until archive_opened().
        self._root.fetched = not ops.ready

    def archive_opened(self) -> None:
        """The archive is open: start over, reading from it."""
        self.reload()

    # -- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        """Forget everything fetched (after indexing changed the archive)."""
        self._generation += 1
        self.beginResetModel()
        self._root = _Node("root", None, None)
        self._root.fetched = not self._ops.ready
        self.endResetModel()

    def is_loaded(self, index: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        """The rows under ``index`` have arrived (an article row has none to load)."""
        node = self._node(index)
        return node.kind == "article" or node.fetched

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        node = self._node(parent)
        return node.kind != "article" and not node.fetched and not node.fetching

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        node = self._node(parent)
        if node.fetched or node.fetching or node.kind == "article" or not self._ops.ready:
            return
        node.fetching = True
        generation = self._generation
        self._ops.query(
            lambda service: children_of(service, node.kind, node.payload),
            lambda payloads: self._arrived(node, generation, payloads),
            failed=lambda _message: self._arrived(node, generation, []),
        )

    def _arrived(self, node: _Node, generation: int, payloads: Sequence[Any]) -> None:
        if generation != self._generation or node.fetched:
            return  # the tree was reloaded meanwhile, or a reveal filled the node
        node.fetching = False
        self._fill(node, payloads)

    def _fill(self, node: _Node, payloads: Sequence[Any]) -> None:
        node.fetched = True
        parent = self._index_of(node)
        if payloads:
            kind = _CHILD_KIND[node.kind]
            self.beginInsertRows(parent, 0, len(payloads) - 1)
            node.children = [_Node(kind, p, node, row) for row, p in enumerate(payloads)]
            self.endInsertRows()
        self.childrenLoaded.emit(parent)

    def _index_of(self, node: _Node) -> QModelIndex:
        if node is self._root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    # -- structure ----------------------------------------------------------------------
    def _node(self, index: ModelIndex) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        node = self._node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._node(index).parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return False
        return self._node(parent).expected_children()

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("期次")
        return None

    # -- data ---------------------------------------------------------------------------
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        if role == NODE_KIND_ROLE:
            return node.kind
        if role == PAYLOAD_ROLE:
            return node.payload
        if role == ARTICLE_ID_ROLE:
            return node.payload.id if node.kind == "article" else None
        if role == ISSUE_ID_ROLE:
            if node.kind == "issue":
                return node.payload.id
            if node.kind == "article":
                return node.payload.issue_id
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if node.kind == "article":
            article: ArticleSummary = node.payload
            if role == Qt.ItemDataRole.DecorationRole:
                return kind_icon(article.kind)
            if role == Qt.ItemDataRole.ForegroundRole and article.untitled:
                return QBrush(MUTED)
            if role == Qt.ItemDataRole.FontRole and article.untitled:
                font = QFont()
                font.setItalic(True)
                return font
        return None

    def _display(self, node: _Node) -> str:
        if node.kind == "year":
            year = node.payload.year
            return self.tr("%1年").replace("%1", str(year)) if year else self.tr("日期不详")
        if node.kind == "month":
            month = node.payload.month
            return self.tr("%1月").replace("%1", str(month)) if month else self.tr("日期不详")
        if node.kind == "issue":
            issue: IssueSummary = node.payload
            when = _format_date(issue.date) if issue.date else issue.source_name
            if issue.date and issue.year_inferred:
                when = self.tr("%1（年份推定）").replace("%1", when)
            return self.tr("%1 · %2篇").replace("%1", when).replace("%2", str(issue.article_count))
        if node.kind == "article":
            return node.payload.display_title
        return ""

    def _tooltip(self, node: _Node) -> str:
        if node.kind in ("year", "month"):
            p: PeriodSummary = node.payload
            return (
                self.tr("%1期，%2篇文章")
                .replace("%1", str(p.issue_count))
                .replace("%2", str(p.article_count))
            )
        if node.kind == "issue":
            if node.payload.year_inferred:
                return self.tr("%1：报纸未印年份，年份按文件修改时间推定").replace(
                    "%1", node.payload.source_name
                )
            return node.payload.source_name
        if node.kind == "article":
            a: ArticleSummary = node.payload
            parts = [kind_label(a.kind)]
            if a.date:
                parts.append(_format_date(a.date))
            if a.untitled:
                parts.append(self.tr("原文无标题，标题取自首句"))
            return " · ".join(parts)
        return ""

    # -- lookups ------------------------------------------------------------------------
    def index_on_path(self, path: TreePath) -> QModelIndex:
        """Fill the levels ``path`` read (where not yet fetched) and return the index of
        its article, or an invalid index when the tree no longer holds it."""
        location = path.location
        steps: list[Any] = [
            lambda p: p.year == location.year,
            lambda p: p.month == location.month,
            lambda p: p.id == location.issue_id,
            lambda p: p.id == location.article_id,
        ]
        node = self._root
        for payloads, matches in zip(path.levels, steps, strict=True):
            if not node.fetched:
                node.fetching = False
                self._fill(node, payloads)
            found = next((child for child in node.children if matches(child.payload)), None)
            if found is None:
                return QModelIndex()
            node = found
        return self._index_of(node)

    def scope(self, index: ModelIndex) -> tuple[str, Any]:
        """What a selected row stands for: ("article", id), ("issue", id) or
        ("period", (year, month)); resolved to article ids by :func:`article_ids_in`."""
        node = self._node(index)
        if node.kind == "article":
            return ("article", node.payload.id)
        if node.kind == "issue":
            return ("issue", node.payload.id)
        if node.kind == "year":
            return ("period", (node.payload.year, None))
        return ("period", (node.payload.year, node.payload.month))


def article_ids_in(service: ArchiveService, scopes: Sequence[tuple[str, Any]]) -> list[int]:
    """Article ids of the selected rows, in order, each once (runs in a worker)."""
    ids: list[int] = []
    for kind, value in scopes:
        if kind == "article":
            found = [value]
        elif kind == "issue":
            found = [a.id for a in service.articles_in_issue(value)]
        else:
            found = service.article_ids_in_period(*value)
        ids.extend(found)
    return list(dict.fromkeys(ids))


def _format_date(date: dt.date) -> str:
    return date.isoformat()
