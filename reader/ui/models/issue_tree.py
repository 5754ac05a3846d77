"""The archive as year → month → issue → article, fetched one level at a time.

Only the years are read when the model is built; months, issues and articles are
asked of the service when a row is expanded (``canFetchMore``/``fetchMore``), so an
archive of 100,000 articles opens as fast as one of ten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from reader.domain import ArticleSummary, IssueSummary, PeriodSummary
from reader.ui.icons import kind_icon
from reader.ui.labels import kind_label
from reader.ui.models.roles import ARTICLE_ID_ROLE, ISSUE_ID_ROLE, NODE_KIND_ROLE, PAYLOAD_ROLE
from reader.ui.service_user import ServiceUser

if TYPE_CHECKING:
    from reader.services import ArchiveService

ModelIndex = QModelIndex | QPersistentModelIndex

MUTED = QColor("#7a7a7a")


@dataclass(eq=False)
class _Node:
    kind: str  # root | year | month | issue | article
    payload: Any
    parent: _Node | None
    row: int = 0
    children: list[_Node] = field(default_factory=list)
    fetched: bool = False

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


class IssueTreeModel(QAbstractItemModel, ServiceUser):
    def __init__(
        self, service: ArchiveService | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._root = _Node("root", None, None)
        if service is None:
            # No archive yet (it is being opened): an empty tree, nothing to fetch.
            self._root.fetched = True

    def set_service(self, service: ArchiveService) -> None:
        """The archive is open: start over, reading from ``service``."""
        self._service = service
        self.reload()

    # -- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        """Forget everything fetched (after indexing changed the archive)."""
        self.beginResetModel()
        self._root = _Node("root", None, None)
        self._root.fetched = self._service is None
        self.endResetModel()

    def _load_children(self, node: _Node) -> list[_Node]:
        if self._service is None:
            return []
        if node.kind == "root":
            payloads: list[Any] = list(self._service.years())
            kind = "year"
        elif node.kind == "year":
            payloads = list(self._service.months(node.payload.year))
            kind = "month"
        elif node.kind == "month":
            p: PeriodSummary = node.payload
            payloads = list(self._service.issues_in_month(p.year, p.month))
            kind = "issue"
        elif node.kind == "issue":
            payloads = list(self._service.articles_in_issue(node.payload.id))
            kind = "article"
        else:
            return []
        return [_Node(kind, payload, node, row) for row, payload in enumerate(payloads)]

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        node = self._node(parent)
        return node.kind != "article" and not node.fetched

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        node = self._node(parent)
        if node.fetched or node.kind == "article":
            return
        children = self._load_children(node)
        node.fetched = True
        if children:
            self.beginInsertRows(parent, 0, len(children) - 1)
            node.children = children
            self.endInsertRows()

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
    def locate_article(self, summary: ArticleSummary) -> QModelIndex:
        """Fetch the path to ``summary`` as needed and return its index (invalid if absent)."""
        date = summary.issue_date
        year = date.year if date else None
        month = date.month if date else None
        steps: list[Any] = [
            lambda n: n.payload.year == year,
            lambda n: n.payload.month == month,
            lambda n: n.payload.id == summary.issue_id,
            lambda n: n.payload.id == summary.id,
        ]
        parent = QModelIndex()
        for matches in steps:
            if self.canFetchMore(parent):
                self.fetchMore(parent)
            node = self._node(parent)
            found = next((child for child in node.children if matches(child)), None)
            if found is None:
                return QModelIndex()
            parent = self.createIndex(found.row, 0, found)
        return parent

    def article_ids_under(self, index: ModelIndex) -> list[int]:
        """Article ids of an article row, or of every article below an issue/month/year."""
        node = self._node(index)
        if node.kind == "article":
            return [node.payload.id]
        if node.kind == "issue":
            return [a.id for a in self.service.articles_in_issue(node.payload.id)]
        if node.kind in ("year", "month"):
            if not node.fetched:
                self.fetchMore(index)
            ids: list[int] = []
            for child in node.children:
                ids.extend(self.article_ids_under(self.createIndex(child.row, 0, child)))
            return ids
        return []


def _format_date(date: dt.date) -> str:
    return date.isoformat()
