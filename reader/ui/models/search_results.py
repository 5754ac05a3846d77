"""Search hits as a list model; further pages are fetched as the list scrolls."""

from __future__ import annotations

import dataclasses
import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reader.domain import SearchHit, SearchRequest, SearchResults
from reader.ui.icons import kind_icon
from reader.ui.labels import kind_label
from reader.ui.models.roles import ARTICLE_ID_ROLE, HTML_ROLE, PAYLOAD_ROLE
from reader.ui.service_user import ServiceUser
from reader.ui.snippet_html import snippet_html

if TYPE_CHECKING:
    from reader.services import ArchiveService

ModelIndex = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 50


class SearchResultsModel(QAbstractListModel, ServiceUser):
    def __init__(
        self, service: ArchiveService | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._request: SearchRequest | None = None
        self._hits: list[SearchHit] = []
        self._total = 0

    def set_service(self, service: ArchiveService) -> None:
        self._service = service
        self.set_results(None, None)

    @property
    def total(self) -> int:
        return self._total

    def set_results(self, request: SearchRequest | None, results: SearchResults | None) -> None:
        self.beginResetModel()
        self._request = request
        self._hits = list(results.hits) if results else []
        self._total = results.total if results else 0
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    # -- lazy paging --------------------------------------------------------------------
    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid() and self._request is not None and (len(self._hits) < self._total)
        )

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._request is None:
            return
        # One page at a time, only when the user scrolls to the end: a bounded query,
        # unlike the first (debounced, threaded) search.
        request = dataclasses.replace(self._request, offset=len(self._hits), limit=PAGE_SIZE)
        more = self.service.search(request).hits
        if not more:
            self._total = len(self._hits)
            return
        first = len(self._hits)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._hits.extend(more)
        self.endInsertRows()

    # -- data ---------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        summary = hit.article
        if role == Qt.ItemDataRole.DisplayRole:
            return summary.display_title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{kind_label(summary.kind)} · {summary.source_name}"
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(summary.kind)
        if role == ARTICLE_ID_ROLE:
            return summary.id
        if role == PAYLOAD_ROLE:
            return hit
        if role == HTML_ROLE:
            when = summary.date or summary.issue_date
            date = when.isoformat() if when else ""
            title_style = "color:#6e6e73;font-style:italic" if summary.untitled else ""
            return (
                f'<div style="font-weight:600;{title_style}">{html.escape(summary.display_title)}'
                f'<span style="color:#6e6e73;font-weight:400">&nbsp;&nbsp;{date}</span></div>'
                f'<div style="color:#3a3a3c">{snippet_html(hit)}</div>'
            )
        return None
