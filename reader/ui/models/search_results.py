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
from reader.ui.snippet_html import snippet_html

if TYPE_CHECKING:
    from reader.ui.ops import ArchiveOps

ModelIndex = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 30
"""Hits per page: laid out as rich text on the UI thread when they arrive."""


class SearchResultsModel(QAbstractListModel):
    def __init__(self, ops: ArchiveOps, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._request: SearchRequest | None = None
        self._hits: list[SearchHit] = []
        self._total = 0
        self._pending: SearchRequest | None = None
        """The next page asked for and not yet arrived."""
        self._complete = True
        """False: the list is the start of its first page (``SearchResults.complete``);
        no later page is asked for until :meth:`complete_page` brings the rest."""

    @property
    def total(self) -> int:
        return self._total

    def set_results(self, request: SearchRequest | None, results: SearchResults | None) -> None:
        self.beginResetModel()
        self._pending = None
        self._request = request
        self._hits = list(results.hits) if results else []
        self._total = results.total if results else 0
        self._complete = results.complete if results else True
        self.endResetModel()

    def complete_page(self, request: SearchRequest, results: SearchResults) -> bool:
        """The whole first page and exact total of the shown search, of which only a
        start was shown: the rest is appended (the rows shown, and any selection, stay),
        or the list is reset when the whole page comes in another order (few enough
        hits to be ranked: the start was in index order); False when the list shows
        another search by now."""
        if request != self._request:
            return False
        shown = [hit.article.id for hit in self._hits]
        common = min(len(shown), len(results.hits))
        if [hit.article.id for hit in results.hits[:common]] != shown[:common]:
            self.set_results(request, results)
            return True
        more = results.hits[len(shown) :]
        if more:
            self.beginInsertRows(QModelIndex(), len(shown), len(shown) + len(more) - 1)
            self._hits.extend(more)
            self.endInsertRows()
        self._total = max(results.total, len(self._hits))
        self._complete = True
        return True

    def set_exact_total(self, request: SearchRequest, total: int) -> bool:
        """The exact total of the shown search, counted after its first page; False
        when the list shows another search by now."""
        if request != self._request:
            return False
        self._total = max(total, len(self._hits))
        return True

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    # -- lazy paging --------------------------------------------------------------------
    @property
    def fetching(self) -> bool:
        return self._pending is not None

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and self._pending is None
            and self._complete
            and self._request is not None
            and len(self._hits) < self._total
        )

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._request is None:
            return
        # One page at a time, only when the user scrolls to the end, read in a worker.
        request = dataclasses.replace(self._request, offset=len(self._hits), limit=PAGE_SIZE)
        self._pending = request
        self._ops.query(
            lambda service: service.search(request).hits,
            lambda more: self._more_arrived(request, more),
            channel="search-page",
            failed=lambda _message: self._more_arrived(request, ()),
        )

    def _more_arrived(self, request: SearchRequest, more: tuple[SearchHit, ...]) -> None:
        if request is not self._pending:
            return  # a new search replaced the list meanwhile
        if not more:
            self._total = len(self._hits)
        else:
            first = len(self._hits)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._hits.extend(more)
            self.endInsertRows()
        # Only now: a view asking for more while the rows go in must not ask twice.
        self._pending = None

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
            # Classes, not inline colours: the delegate styles them, and a selected row
            # takes the selection's text colour (grey on blue was hard to read).
            title_class = "title untitled" if summary.untitled else "title"
            return (
                f'<div class="{title_class}">{html.escape(summary.display_title)}'
                f'<span class="date">&nbsp;&nbsp;{date}</span></div>'
                f'<div class="snippet">{snippet_html(hit)}</div>'
            )
        return None
