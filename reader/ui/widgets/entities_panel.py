"""Entities tab: people, places and organisations with counts; choose one to list
the articles that name it (under any of its spellings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.domain import ArticleSummary, EntitySummary, EntityType
from reader.ui.labels import entity_type_label
from reader.ui.models.article_list import ArticleListModel
from reader.ui.models.entities import ARTICLES, NAME, TYPE, EntitiesModel
from reader.ui.ops import Change
from reader.ui.widgets.timeline_chart import TimelineChart

if TYPE_CHECKING:
    from reader.domain import Cooccurrence, Timeline
    from reader.ui.ops import ArchiveOps

FILTER_DELAY_MS = 150
LIST_LIMIT = 2000
"""The most frequent entities listed at once (the filter finds the rest): a view asks
the model about every row when it is reset, on the UI thread."""


def _browsable(rows: list[EntitySummary]) -> list[EntitySummary]:
    """Dates are highlighted in the text but are not things one browses by."""
    return [e for e in rows if e.type is not EntityType.DATE]


class EntitiesPanel(QWidget):
    openRequested = Signal(int)
    entitiesLoaded = Signal()
    """The entity list shows the latest filter's answer."""
    articlesLoaded = Signal()
    """The articles of the chosen entity are listed."""
    timelineLoaded = Signal()
    """The chosen entity's mentions per month are drawn."""
    cooccurrenceLoaded = Signal()
    """The entities named alongside the chosen one are listed."""
    periodSearchRequested = Signal(str, object, object)
    """Search the articles naming this entity in a period (a click on its timeline)."""

    def __init__(self, ops: ArchiveOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entitiesPanel")
        self._ops = ops
        self._loaded = False
        self._wanted: tuple[str, EntityType | None] | None = None
        self.filter = QLineEdit(self)
        self.filter.setObjectName("entityFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("筛选名称"))
        self.type = QComboBox(self)
        self.type.setObjectName("entityType")
        self.type.addItem(self.tr("全部类型"), None)
        for etype in (EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION):
            self.type.addItem(entity_type_label(etype), etype)
        self.model = EntitiesModel(self)
        self.list = QTreeView(self)
        self.list.setObjectName("entityList")
        self.list.setModel(self.model)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        # Fixed widths from the font, not ResizeToContents: that measures every row on
        # the UI thread, and an archive may name a hundred thousand entities.
        metrics = self.list.fontMetrics()
        for column, sample in ((TYPE, "机构机构"), (ARTICLES, "000000")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.articles_label = QLabel(self.tr("选择一个实体，列出提到它的文章。"), self)
        self.articles_label.setObjectName("entityArticlesLabel")
        self.articles_label.setWordWrap(True)
        self.article_model = ArticleListModel(self)
        self.articles = QListView(self)
        self.articles.setObjectName("entityArticles")
        self.articles.setModel(self.article_model)
        self.articles.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.articles.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.articles.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.articles.setUniformItemSizes(True)
        # An entity may be named in tens of thousands of articles: lay the list out in
        # batches between events, not in one pass that asks the model for every row.
        self.articles.setLayoutMode(QListView.LayoutMode.Batched)
        self.articles.setBatchSize(200)

        top = QHBoxLayout()
        top.addWidget(self.filter, 2)
        top.addWidget(self.type, 1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.articles_label)
        lower_layout.addWidget(self.articles, 1)
        self.timeline = TimelineChart("entityTimeline", lower)
        self.timeline.setToolTip(self.tr("每月提到它的文章数；单击一栏在搜索中只看该时期"))
        self.timeline.hide()
        for signal in (self.timeline.periodClicked, self.timeline.rangeSelected):
            signal.connect(self._search_period)
        self.cooccurrence_label = QLabel(self.tr("常与它一同出现"), lower)
        self.cooccurrence_label.setObjectName("entityCooccurrenceLabel")
        self.cooccurrence_label.hide()
        self.cooccurrence = QListWidget(lower)
        self.cooccurrence.setObjectName("entityCooccurrence")
        self.cooccurrence.setMaximumHeight(150)
        self.cooccurrence.setToolTip(self.tr("同一篇文章中一同出现的实体；单击转到该实体"))
        self.cooccurrence.hide()
        self.cooccurrence.itemActivated.connect(self._go_to_cooccurring)
        self.cooccurrence.itemClicked.connect(self._go_to_cooccurring)
        self.timeline_label = QLabel(lower)
        self.timeline_label.setObjectName("entityTimelineLabel")
        self.timeline_label.hide()
        lower_layout.addWidget(self.timeline_label)
        lower_layout.addWidget(self.timeline)
        lower_layout.addWidget(self.cooccurrence_label)
        lower_layout.addWidget(self.cooccurrence)
        split = QSplitter(self)
        split.setObjectName("entitySplitter")
        split.setOrientation(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(lower)
        split.setSizes([240, 360])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.filter.textChanged.connect(self._timer.start)
        self.type.currentIndexChanged.connect(self.reload)
        self.list.selectionModel().currentRowChanged.connect(self._on_current)
        self.articles.clicked.connect(self._open)
        self.articles.activated.connect(self._open)

        ops.archiveChanged.connect(self._on_archive_changed)

    def archive_opened(self) -> None:
        if self.isVisible():
            self.reload()

    def _on_archive_changed(self, change: Change) -> None:
        if change & (Change.ARTICLES | Change.ENTITIES):
            self._loaded = False
            if self.isVisible():
                self.reload()

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        # The entity list is read when the tab is first shown, not at start-up.
        if not self._loaded and self._ops.ready:
            self.reload()

    def reload(self) -> None:
        """Read the list for the current filter in a worker (latest filter wins)."""
        self._timer.stop()
        if not self._ops.ready:
            return
        self._loaded = True
        etype, text = self.type.currentData(), self.filter.text().strip()
        self._ops.query(
            lambda service: _browsable(service.entities(etype, text, LIST_LIMIT + 1)),
            self._show_entities,
            channel="entities",
            failed=self._entities_failed,
        )

    def _show_entities(self, rows: list[EntitySummary]) -> None:
        more = len(rows) > LIST_LIMIT
        self.model.set_entities(rows[:LIST_LIMIT])
        self.filter.setToolTip(
            self.tr("只列出最常见的 %1 个；输入名称可找到其余的").replace("%1", str(LIST_LIMIT))
            if more
            else ""
        )
        wanted, self._wanted = self._wanted, None
        if wanted is not None:
            self._select(*wanted)
        self.entitiesLoaded.emit()

    def _entities_failed(self, message: str) -> None:
        self.model.set_entities([])
        self.articles_label.setText(self.tr("无法读取实体：%1").replace("%1", message))
        self.entitiesLoaded.emit()

    def show_entity(self, canonical: str, entity_type: EntityType | None = None) -> None:
        """Select ``canonical`` in the full list (filters cleared) and list its articles."""
        for widget in (self.filter, self.type):
            widget.blockSignals(True)
        self.filter.clear()
        self.type.setCurrentIndex(0)
        for widget in (self.filter, self.type):
            widget.blockSignals(False)
        self._wanted = (canonical, entity_type)
        self.reload()

    def _select(self, canonical: str, entity_type: EntityType | None) -> None:
        row = self.model.row_of(canonical)
        if row >= 0:
            index = self.model.index(row, NAME)
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        else:
            self._list_articles(canonical, entity_type)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            entity = self.model.entity(current.row())
            self._list_articles(entity.canonical, entity.type)

    def _list_articles(self, canonical: str, entity_type: EntityType | None) -> None:
        self.articles_label.setText(self.tr("正在查找提到“%1”的文章…").replace("%1", canonical))
        self._ops.query(
            lambda service: service.articles_with_entity(canonical, entity_type),
            lambda articles: self._show_articles(canonical, articles),
            channel="entity-articles",
        )
        # The entity's page: when it is named, and with whom.
        self._ops.query(
            lambda service: service.entity_timeline(canonical, entity_type),
            self._show_timeline,
            channel="entity-timeline",
            failed=lambda _message: self.timeline.hide(),
        )
        self._ops.query(
            lambda service: service.cooccurring(canonical, entity_type),
            lambda rows: self._show_cooccurring(canonical, rows),
            channel="entity-cooccurrence",
            failed=lambda _message: self.cooccurrence.hide(),
        )

    def _show_timeline(self, timeline: Timeline) -> None:
        self.timeline.set_timeline(timeline.buckets, timeline.query)
        self.timeline_label.setText(self.tr("每月提到“%1”的文章").replace("%1", timeline.query))
        for widget in (self.timeline, self.timeline_label):
            widget.setVisible(bool(timeline.buckets))
        self.timelineLoaded.emit()

    def _show_cooccurring(self, canonical: str, rows: list[Cooccurrence]) -> None:
        self.cooccurrence.clear()
        for row in rows:
            item = QListWidgetItem(
                self.tr("%1 · %2 · %3 篇")
                .replace("%1", row.canonical)
                .replace("%2", entity_type_label(row.type))
                .replace("%3", str(row.articles))
            )
            item.setData(Qt.ItemDataRole.UserRole, (row.canonical, row.type))
            item.setToolTip(
                self.tr("“%1”与“%2”一同出现在 %3 篇文章中")
                .replace("%1", row.canonical)
                .replace("%2", canonical)
                .replace("%3", str(row.articles))
            )
            self.cooccurrence.addItem(item)
        self.cooccurrence_label.setText(self.tr("常与“%1”一同出现").replace("%1", canonical))
        for widget in (self.cooccurrence, self.cooccurrence_label):
            widget.setVisible(bool(rows))
        self.cooccurrenceLoaded.emit()

    def _search_period(self, start: object, end: object) -> None:
        if self.timeline.buckets:
            self.periodSearchRequested.emit(self.timeline.title, start, end)

    def _go_to_cooccurring(self, item: QListWidgetItem) -> None:
        canonical, entity_type = item.data(Qt.ItemDataRole.UserRole)
        self.show_entity(canonical, entity_type)

    def _show_articles(self, canonical: str, articles: list[ArticleSummary]) -> None:
        self.article_model.set_articles(articles)
        self.articles_label.setText(
            self.tr("提到“%1”的文章：%2篇")
            .replace("%1", canonical)
            .replace("%2", str(len(articles)))
        )
        self.articlesLoaded.emit()

    def _open(self, index: QModelIndex) -> None:
        self.openRequested.emit(self.article_model.article(index.row()).id)

    def selected_article_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.articles.selectionModel().selectedRows())
        return [self.article_model.article(r).id for r in rows]
