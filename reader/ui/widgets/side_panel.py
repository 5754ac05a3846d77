"""The right-hand dock (``sidePanel``): Search, Bookmarks and Entities tabs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDockWidget, QTabWidget, QWidget

from reader.ui.widgets.bookmarks_panel import BookmarksPanel
from reader.ui.widgets.entities_panel import EntitiesPanel
from reader.ui.widgets.search_panel import SearchPanel

if TYPE_CHECKING:
    from reader.ui.ops import ArchiveOps


class SidePanel(QDockWidget):
    def __init__(self, ops: ArchiveOps, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("检索与收藏"), parent)
        self.setObjectName("sidePanel")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sideTabs")
        self.search = SearchPanel(ops, self.tabs)
        self.bookmarks = BookmarksPanel(ops, self.tabs)
        self.entities = EntitiesPanel(ops, self.tabs)
        self.tabs.addTab(self.search, self.tr("搜索"))
        self.tabs.addTab(self.bookmarks, self.tr("收藏"))
        self.tabs.addTab(self.entities, self.tr("实体"))
        self.setWidget(self.tabs)

    def archive_opened(self) -> None:
        for panel in (self.search, self.bookmarks, self.entities):
            panel.archive_opened()

    def show_tab(self, panel: QWidget) -> None:
        self.show()
        self.raise_()
        self.tabs.setCurrentWidget(panel)
