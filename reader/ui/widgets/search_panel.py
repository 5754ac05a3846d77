"""Search tab: type to search (debounced, in a worker), filters, status and results."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QItemSelectionModel, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.domain import ArticleKind, SearchRequest, SearchResults
from reader.export.timeline import period_bounds
from reader.ui.labels import approximate_count, kind_label
from reader.ui.models.search_results import PAGE_SIZE, SearchResultsModel
from reader.ui.ops import Change
from reader.ui.widgets.rich_delegate import RichTextDelegate
from reader.ui.widgets.timeline_chart import TimelineChart

if TYPE_CHECKING:
    from reader.domain import Timeline
    from reader.ui.ops import ArchiveOps, Job

DEBOUNCE_MS = 250
NO_DATE = QDate(1900, 1, 1)
"""The minimum of the date edits, shown as “不限” (no bound)."""


class SearchPanel(QWidget):
    openRequested = Signal(int, object)
    """article id, tuple of MatchSpan to highlight."""
    searchFinished = Signal()
    """Emitted whenever the status line was updated for the latest query (tests wait on it)."""
    timelineLoaded = Signal()
    """The chart shows the latest search's hits per period."""
    totalCounted = Signal(int)
    """The exact total replaced an estimated one (see SearchRequest.exact_total)."""

    def __init__(self, ops: ArchiveOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._ops = ops
        self._searching = False
        self._elapsed_ms = 0.0
        self._people_loaded = False
        self._open_first_when_done = False
        self._last_request: SearchRequest | None = None
        self._search_job: Job[Any] | None = None
        self._timeline_key: tuple[SearchRequest, str] | None = None
        self._period: tuple[dt.date, dt.date] | None = None

        self.box = QLineEdit(self)
        self.box.setObjectName("searchBox")
        self.box.setClearButtonEnabled(True)
        self.box.setPlaceholderText(self.tr("搜索全文，如：吕沛 安全生产"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("searchKind")
        self.kind.addItem(self.tr("全部体裁"), None)
        for kind in ArticleKind:
            self.kind.addItem(kind_label(kind), kind)
        self.date_from = self._date_edit("searchFrom")
        self.date_to = self._date_edit("searchTo")
        self.person = QComboBox(self)
        self.person.setObjectName("searchPerson")
        self.person.setEditable(True)
        person_edit = self.person.lineEdit()
        if person_edit is not None:  # always, for an editable combo box
            person_edit.setPlaceholderText(self.tr("记者、通讯员或作者"))
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.entity = QLineEdit(self)
        self.entity.setObjectName("searchEntity")
        self.entity.setClearButtonEnabled(True)
        self.entity.setPlaceholderText(self.tr("人名、地名或机构"))
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.results = QListView(self)
        self.results.setObjectName("searchResults")
        self.model = SearchResultsModel(ops, self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.results.setSelectionMode(QListView.SelectionMode.ExtendedSelection)

        dates = QHBoxLayout()
        dates.addWidget(self.date_from, 1)
        dates.addWidget(QLabel("—", self))
        dates.addWidget(self.date_to, 1)
        filters = QFormLayout()
        filters.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        filters.addRow(self.tr("体裁"), self.kind)
        filters.addRow(self.tr("日期"), dates)
        filters.addRow(self.tr("署名"), self.person)
        filters.addRow(self.tr("实体"), self.entity)
        self.timeline = TimelineChart("timelineChart", self)
        self.timeline.setToolTip(self.tr("单击一栏只看该时期，拖选多栏看一段时期；右键导出"))
        self.timeline_by = QComboBox(self)
        self.timeline_by.setObjectName("timelineBy")
        self.timeline_by.addItem(self.tr("按月"), "month")
        self.timeline_by.addItem(self.tr("按年"), "year")
        self.timeline_share = QCheckBox(self.tr("占比"), self)
        self.timeline_share.setObjectName("timelineShare")
        self.timeline_share.setToolTip(self.tr("显示命中文章占当期全部文章的比例"))
        self.timeline_label = QLabel(self.tr("时间分布"), self)
        self.timeline_label.setObjectName("timelineLabel")
        self.period_button = QPushButton(self)
        self.period_button.setObjectName("timelinePeriod")
        self.period_button.setFlat(True)
        self.period_button.setToolTip(self.tr("只看这一时期的结果；单击取消"))
        self.period_button.clicked.connect(self.clear_period)
        self.period_button.hide()
        timeline_head = QHBoxLayout()
        timeline_head.addWidget(self.timeline_label, 1)
        timeline_head.addWidget(self.period_button)
        timeline_head.addWidget(self.timeline_share)
        timeline_head.addWidget(self.timeline_by)
        self.timeline_box = QWidget(self)
        timeline_layout = QVBoxLayout(self.timeline_box)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.addLayout(timeline_head)
        timeline_layout.addWidget(self.timeline)
        self.timeline_box.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.timeline_box)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_now)

        self.box.textChanged.connect(self._schedule)
        self.box.returnPressed.connect(self._on_return)
        self.kind.currentIndexChanged.connect(self._schedule)
        self.date_from.dateChanged.connect(self._schedule)
        self.date_to.dateChanged.connect(self._schedule)
        self.person.currentTextChanged.connect(self._schedule)
        self.entity.textChanged.connect(self._schedule)
        self.results.clicked.connect(self._open_index)
        self.results.activated.connect(self._open_index)
        self.timeline.periodClicked.connect(self.filter_period)
        self.timeline.rangeSelected.connect(self.filter_period)
        self.timeline_by.currentIndexChanged.connect(lambda _i: self._load_timeline(force=True))
        self.timeline_share.toggled.connect(
            lambda on: self.timeline.set_mode("share" if on else "count")
        )
        self.status.setText(self.tr("输入词语开始搜索。"))
        ops.archiveChanged.connect(self._on_archive_changed)

    def archive_opened(self) -> None:
        """The archive is open: load the byline names if the tab shows, run a pending query."""
        self.model.set_results(None, None)
        self.refresh()

    def _on_archive_changed(self, change: Change) -> None:
        if change & (Change.ARTICLES | Change.SEARCH_INDEX | Change.ENTITIES):
            self._timeline_key = None
            self.refresh()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("不限"))
        edit.setDate(NO_DATE)
        return edit

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        self._load_people()

    def _load_people(self) -> None:
        # Read the byline names only when the tab is first shown: start-up stays cheap.
        if self._people_loaded or not self._ops.ready:
            return
        self._people_loaded = True
        self._ops.query(
            lambda service: service.byline_names(), self._set_people, channel="byline-names"
        )

    def _set_people(self, names: list[str]) -> None:
        current = self.person.currentText()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem("")
        self.person.addItems(names)
        self.person.setCurrentText(current)
        self.person.blockSignals(False)

    def refresh(self) -> None:
        """The archive changed: reload the name list and re-run the current search."""
        self._people_loaded = False
        if self.isVisible():
            self._load_people()
        if self._last_request is not None:
            self.run_now()

    # -- running ------------------------------------------------------------------------
    def search_for(self, text: str) -> None:
        self.box.setText(text)
        self.run_now()

    def set_entity_filter(self, canonical: str) -> None:
        self.entity.setText(canonical)

    def request(self) -> SearchRequest:
        def date(edit: QDateEdit) -> dt.date | None:
            value = edit.date()
            return None if value == NO_DATE else dt.date(value.year(), value.month(), value.day())

        start, end = self._period or (None, None)
        return SearchRequest(
            query=self.box.text().strip(),
            date_from=date(self.date_from),
            date_to=date(self.date_to),
            kind=self.kind.currentData(),
            person=self.person.currentText().strip() or None,
            entity=self.entity.text().strip() or None,
            limit=PAGE_SIZE,
            issue_from=start,
            issue_to=end,
            exact_total=False,
        )

    def _schedule(self) -> None:
        self._timer.start()

    def run_now(self) -> None:
        self._timer.stop()
        request = self.request()
        if not (request.query or request.person or request.entity):
            # Nothing to look for: drop whatever is in flight and empty the list.
            if self._search_job is not None:
                self._search_job.cancel()
            self._searching = False
            self._last_request = None
            self._timeline_key = None
            self.timeline_box.hide()
            self.model.set_results(None, None)
            self.status.setText(self.tr("输入词语开始搜索。"))
            self.searchFinished.emit()
            return
        self._last_request = request
        self.status.setText(self.tr("正在搜索…"))
        if not self._ops.ready:
            # Typed before the archive was open: archive_opened() runs it.
            return
        self._searching = True
        self._search_job = self._ops.query(
            lambda service: (request, service.search(request)),
            self._on_results,
            channel="search",
            failed=self._on_failed,
        )

    def _on_results(self, payload: tuple[SearchRequest, SearchResults]) -> None:
        self._searching = False
        request, results = payload
        if results.error:
            self.model.set_results(None, None)
            self.status.setText(results.error)
            self.timeline_box.hide()
        else:
            self._load_timeline()
            self.model.set_results(request, results)
            self._elapsed_ms = results.elapsed_ms
            if not results.complete:
                self.status.setText(
                    self.tr("已找到 %1 条结果（正在继续查找…），用时 %2 毫秒")
                    .replace("%1", str(len(results.hits)))
                    .replace("%2", f"{results.elapsed_ms:.0f}")
                )
                self._complete_page(request)
            elif results.total_exact:
                self._show_total(results.total)
            else:
                self.status.setText(
                    self.tr("%1 条结果（正在精确计数…），用时 %2 毫秒")
                    .replace("%1", approximate_count(results.total))
                    .replace("%2", f"{results.elapsed_ms:.0f}")
                )
                self._count_exactly(request)
            if self.model.rowCount():
                self.results.setCurrentIndex(self.model.index(0, 0))
        self.searchFinished.emit()
        if self._open_first_when_done:
            self._open_first_when_done = False
            if self.model.rowCount():
                self._open_index(self.model.index(0, 0))

    def _show_total(self, total: int) -> None:
        self.status.setText(
            self.tr("共 %1 条结果，用时 %2 毫秒")
            .replace("%1", str(total))
            .replace("%2", f"{self._elapsed_ms:.0f}")
        )

    def _count_exactly(self, request: SearchRequest) -> None:
        """The page came with an estimated total: count every hit in the background."""
        self._ops.query(
            lambda service: (request, service.count(request)),
            self._on_exact_total,
            channel="search-count",
        )

    def _complete_page(self, request: SearchRequest) -> None:
        """The page came short of a bounded check of the candidates: search again in
        the background checking all of them (the whole page and the exact total)."""
        exact = dataclasses.replace(request, exact_total=True)
        self._ops.query(
            lambda service: (request, service.search(exact)),
            self._on_complete_page,
            channel="search-count",
        )

    def _on_complete_page(self, payload: tuple[SearchRequest, SearchResults]) -> None:
        request, results = payload
        if request != self._last_request or results.error:
            return
        current = self.results.currentIndex()
        current_id = self.model.hit(current.row()).article.id if current.isValid() else None
        selected = set(self.selected_article_ids())
        if not self.model.complete_page(request, results):
            return  # another search replaced this one meanwhile
        self._reselect(current_id, selected)
        self._show_total(results.total)
        self.totalCounted.emit(results.total)

    def _reselect(self, current_id: int | None, selected: set[int]) -> None:
        """After the list was filled in (and maybe reordered, when every hit could be
        ranked): the same article current and the same articles selected."""
        selection = self.results.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in range(self.model.rowCount()):
            article_id = self.model.hit(row).article.id
            index = self.model.index(row, 0)
            if article_id in selected:
                selection.select(index, flags)
            if article_id == current_id:
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        if self.model.rowCount() and not self.results.currentIndex().isValid():
            self.results.setCurrentIndex(self.model.index(0, 0))

    def _on_exact_total(self, payload: tuple[SearchRequest, int]) -> None:
        request, total = payload
        if request != self._last_request or not self.model.set_exact_total(request, total):
            return  # another search replaced this one meanwhile
        self._show_total(total)
        self.totalCounted.emit(total)

    # -- timeline -----------------------------------------------------------------------
    def timeline_request(self) -> SearchRequest:
        """The current search over the whole archive: the chart shows every period, and
        the date filter only marks the selected ones."""
        return dataclasses.replace(
            self.request(), date_from=None, date_to=None, issue_from=None, issue_to=None, limit=None
        )

    def _load_timeline(self, force: bool = False) -> None:
        if not self._ops.ready or self._last_request is None:
            return
        request, by = self.timeline_request(), self.timeline_by.currentData()
        if not force and (request, by) == self._timeline_key:
            self._mark_selected_periods()
            return
        self._timeline_key = (request, by)
        self._ops.query(
            lambda service: service.timeline(request, by),
            self._show_timeline,
            channel="timeline",
            failed=lambda _message: self.timeline_box.hide(),
        )

    def _show_timeline(self, timeline: Timeline) -> None:
        self.timeline.set_timeline(timeline.buckets, timeline.query)
        self.timeline_box.setVisible(bool(timeline.buckets))
        hits = sum(b.articles for b in timeline.buckets)
        self.timeline_label.setText(
            self.tr("时间分布（%1 个时期，%2 篇）")
            .replace("%1", str(len(timeline.buckets)))
            .replace("%2", str(hits))
        )
        self._mark_selected_periods()
        self.timelineLoaded.emit()

    def _mark_selected_periods(self) -> None:
        buckets = self.timeline.buckets
        if not buckets or self._period is None:
            self.timeline.clear_selection()
            return
        start, end = self._period
        inside = [
            i
            for i, bucket in enumerate(buckets)
            if _overlaps(period_bounds(bucket.period), start, end)
        ]
        if inside:
            self.timeline.select_periods(inside[0], inside[-1])
        else:
            self.timeline.clear_selection()

    def filter_period(self, start: dt.date, end: dt.date) -> None:
        """Show only the results published ``start``–``end`` (a click or a drag on the
        chart): the same issue dates the chart counts by, so the numbers agree."""
        self._period = (start, end)
        self.period_button.setText(
            self.tr("时期：%1 — %2 ✕")
            .replace("%1", start.isoformat())
            .replace("%2", end.isoformat())
        )
        self.period_button.show()
        self.run_now()

    def clear_period(self) -> None:
        self._period = None
        self.period_button.hide()
        self.timeline.clear_selection()
        self.run_now()

    def _on_failed(self, message: str) -> None:
        self._searching = False
        self.timeline_box.hide()
        self.model.set_results(None, None)
        self.status.setText(self.tr("搜索失败：%1").replace("%1", message))
        self.searchFinished.emit()

    def _on_return(self) -> None:
        if self._timer.isActive() or self._searching or self.request() != self._last_request:
            self._open_first_when_done = True
            self.run_now()
        elif self.model.rowCount():
            self._open_index(self.model.index(0, 0))

    def _open_index(self, index: object) -> None:
        row = index.row()  # type: ignore[attr-defined]
        if 0 <= row < self.model.rowCount():
            hit = self.model.hit(row)
            self.openRequested.emit(hit.article.id, hit.matches)

    def selected_article_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.results.selectionModel().selectedRows())
        return [self.model.hit(r).article.id for r in rows]

    def shutdown(self) -> None:
        self._timer.stop()
        if self._search_job is not None:
            self._search_job.cancel()


def _overlaps(bounds: tuple[dt.date, dt.date], start: dt.date | None, end: dt.date | None) -> bool:
    first, last = bounds
    return (start is None or last >= start) and (end is None or first <= end)
