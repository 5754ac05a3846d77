"""The main window: composes the panels, wires their signals, keeps window state.

Each panel owns its view and talks to the service itself; this class only connects
them (tree/search/bookmarks/entities → article pane), runs imports and restores
settings.

The window can exist before the archive is open: it is built without a service,
shown with an "opening" state, and ``attach_service`` (or ``open_in_background``)
hands the service to every panel later. Nothing here imports the store (and so
SQLAlchemy) at module level: that import belongs to whoever opens the archive.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

import reader
from reader.domain import EntityType, IndexReport
from reader.paths import BUNDLED_SEEDS_DIR
from reader.ui import settings as keys
from reader.ui.icons import icon
from reader.ui.indexing import IndexingController, show_summary
from reader.ui.menus import build_menus
from reader.ui.service_user import ServiceUser
from reader.ui.widgets.article_pane import ArticlePane
from reader.ui.widgets.issue_tree_view import IssueTreeView
from reader.ui.widgets.side_panel import SidePanel
from reader.ui.workers import CallThread

if TYPE_CHECKING:
    from reader.services import ArchiveService
    from reader.ui.check_dialog import CheckDialog
    from reader.ui.workers import OpenedArchive

IMPORTABLE_SUFFIXES = (".txt",)


class MainWindow(QMainWindow, ServiceUser):
    indexingFinished = Signal(object)
    """Emitted with the IndexReport when an import (or the first-start seeding) ends."""
    serviceReady = Signal(object)
    """Emitted with the ArchiveService once the archive is open and the panels show it
    (the tree's years read, the last article restored, first-start seeding started)."""
    serviceFailed = Signal(str)
    """Emitted with the one-line message when the archive could not be opened."""

    action_import: QAction
    action_import_folder: QAction
    action_export: QAction
    action_check: QAction

    def __init__(
        self,
        service: ArchiveService | None,
        settings: QSettings,
        database_path: Path | None = None,
    ) -> None:
        """Build the window; with ``service`` None it waits for ``attach_service``
        (``open_in_background`` opens ``database_path`` in a worker and attaches)."""
        super().__init__()
        self.setObjectName("mainWindow")
        self._service: ArchiveService | None = None
        self._database_path = database_path
        self._opener: CallThread | None = None
        self._check_dialog: CheckDialog | None = None
        self._open_error = ""
        self.settings = settings
        self.setWindowTitle(self.tr("报刊档案阅读器"))
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.resize(1280, 820)

        self.tree = IssueTreeView(None, self)
        self.article_pane = ArticlePane(None, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.article_pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 700])
        self.setCentralWidget(self.splitter)
        self.side_panel = SidePanel(None, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.side_panel)
        self.resizeDocks([self.side_panel], [420], Qt.Orientation.Horizontal)
        self.indexing = IndexingController(None, self)
        self.indexing.finished.connect(self._on_indexing_finished)
        self._last_report: IndexReport | None = None
        self._announce_next = True
        self._export_source: QWidget = self.tree
        self._closed = False
        build_menus(self)
        self._connect()
        self.statusBar().setObjectName("statusBar")
        self._restore_settings()
        if service is not None:
            self.attach_service(service)
        else:
            self._set_archive_enabled(False)

    # -- the archive --------------------------------------------------------------------
    @property
    def service_ready(self) -> bool:
        return self._service is not None

    @property
    def database_path(self) -> Path | None:
        return self._service.database_path if self._service else self._database_path

    @property
    def opening(self) -> bool:
        """True while the archive is being opened in the background."""
        return self._opener is not None

    def open_in_background(self) -> None:
        """Open ``database_path`` in a worker thread once the event loop runs.

        The window shows "正在打开档案…" meanwhile; ``serviceReady`` (or
        ``serviceFailed`` with a dialog) follows. Starting from the event loop rather
        than here keeps this call — and so ``create_main_window`` — free of the store
        import: the caller shows the window first, the worker imports SQLAlchemy.
        """
        if self._service is not None or self._opener is not None:
            return
        from reader.ui.workers import open_archive  # light: the heavy import is in run()

        path = self._database_path
        opener = CallThread(lambda: open_archive(path, opener.report), self)
        self._opener = opener
        opener.progress.connect(self._on_open_progress)
        self._opener.done.connect(self._on_archive_opened)
        self._opener.failed.connect(self._on_archive_failed)
        self._set_archive_enabled(False)
        self.statusBar().showMessage(self.tr("正在打开档案…"))
        QTimer.singleShot(0, self._start_opener)

    def _on_open_progress(self, done: int, total: int) -> None:
        # Only an archive made by an older version reports: its search index is rebuilt.
        percent = 100 * done // total if total else 100
        self.statusBar().showMessage(
            self.tr("正在升级档案的搜索索引… %1%").replace("%1", str(percent))
        )

    def _start_opener(self) -> None:
        if self._opener is not None and not self._closed and not self._opener.isRunning():
            self._opener.start()

    def _on_archive_opened(self, opened: OpenedArchive) -> None:
        self._finish_opener()
        if self._closed:
            return  # closeEvent already closed it
        self.attach_service(opened.service)
        if opened.search_index_damaged:
            self.warn_damaged_search_index()

    def warn_damaged_search_index(self) -> QMessageBox:
        """Say the search index is damaged and offer the repair (工具 → 检查档案)."""
        self.statusBar().showMessage(self.tr("搜索索引已损坏：请用 工具 → 检查档案 修复。"))
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("报刊档案阅读器"),
            self.tr("搜索索引已损坏或不完整，搜索结果可能缺失。"),
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setObjectName("damagedIndexBox")
        box.setInformativeText(
            self.tr("可以从已保存的文章重建索引（工具 → 检查档案），收藏和笔记不受影响。")
        )
        repair = box.addButton(self.tr("检查并修复…"), QMessageBox.ButtonRole.AcceptRole)
        repair.setObjectName("damagedIndexRepair")
        repair.clicked.connect(self.check_archive)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def check_archive(self) -> CheckDialog | None:
        """工具 → 检查档案: check in a worker, offer to rebuild the search index."""
        if self._service is None:
            return None
        from reader.ui.check_dialog import CheckDialog

        if self._check_dialog is None:
            dialog = self._check_dialog = CheckDialog(self._service, self)
            dialog.repaired.connect(self.side_panel.search.refresh)
            dialog.repaired.connect(self.side_panel.entities.reload)
        dialog = self._check_dialog
        dialog.show()
        if not dialog.busy:
            dialog.check()
        return dialog

    def _on_archive_failed(self, message: str) -> None:
        self._finish_opener()
        self._open_error = message
        if self._closed:
            return
        self.statusBar().showMessage(self.tr("无法打开档案"))
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("报刊档案阅读器"),
            self.tr("无法打开档案。"),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("openErrorBox")
        box.setInformativeText(message)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.serviceFailed.emit(message)

    def _finish_opener(self) -> None:
        if self._opener is not None:
            self._opener.wait()
            self._opener.deleteLater()
            self._opener = None

    def attach_service(self, service: ArchiveService) -> None:
        """Show the open archive: every panel reads from ``service`` from now on."""
        self._service = service
        self._database_path = service.database_path
        self.tree.set_service(service)
        self.article_pane.set_service(service)
        self.side_panel.set_service(service)
        self.indexing.set_service(service)
        self._set_archive_enabled(True)
        self.statusBar().clearMessage()
        self._restore_last_article()
        if service.is_empty():
            self.index_bundled_seeds()
        self.serviceReady.emit(service)

    def _set_archive_enabled(self, enabled: bool) -> None:
        # Until the archive is open only the window itself (zoom, menus, quit) works.
        self.tree.setEnabled(enabled)
        self.side_panel.widget().setEnabled(enabled)
        actions = (
            self.action_import,
            self.action_import_folder,
            self.action_export,
            self.action_check,
        )
        for action in actions:
            action.setEnabled(enabled)

    # -- wiring -------------------------------------------------------------------------
    def _connect(self) -> None:
        side = self.side_panel
        self.tree.articleChosen.connect(self.article_pane.open_article)
        side.search.openRequested.connect(self.open_article)
        side.bookmarks.openRequested.connect(self.open_article)
        side.entities.openRequested.connect(self.open_article)
        self.article_pane.bookmarkToggled.connect(self._on_bookmark_toggled)
        self.article_pane.entityActivated.connect(self.show_entity)
        side.bookmarks.bookmarksChanged.connect(self.article_pane.sync_bookmark_state)
        # Export takes the selection of whichever list the user worked in last.
        for view, source in (
            (self.tree, self.tree),
            (side.search.results, side.search),
            (side.bookmarks.view, side.bookmarks),
            (side.entities.articles, side.entities),
        ):
            view.selectionModel().selectionChanged.connect(
                lambda *_a, s=source: self._set_export_source(s)
            )
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def _set_export_source(self, source: QWidget) -> None:
        self._export_source = source

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        side = self.side_panel
        for view, source in (
            (self.tree, self.tree),
            (side.search.results, side.search),
            (side.bookmarks.view, side.bookmarks),
            (side.entities.articles, side.entities),
        ):
            if new is view:
                self._export_source = source

    # -- opening ------------------------------------------------------------------------
    def open_article(self, article_id: int, hits: Sequence[object] = ()) -> bool:
        """Open an article from anywhere (search, bookmarks, entities) and show it in
        the tree too, so the reader sees which issue it belongs to."""
        if self._service is None:
            return False
        if not self.article_pane.open_article(article_id, hits):  # type: ignore[arg-type]
            return False
        article = self.article_pane.article
        if article is not None:
            summaries = [
                s for s in self.service.articles_in_issue(article.issue_id) if s.id == article.id
            ]
            if summaries:
                self.tree.select_article(summaries[0])
        return True

    def show_entity(self, canonical: str, entity_type: EntityType | None = None) -> None:
        self.side_panel.show_tab(self.side_panel.entities)
        self.side_panel.entities.show_entity(canonical, entity_type)

    def focus_search(self) -> None:
        self.side_panel.show_tab(self.side_panel.search)
        self.side_panel.search.box.setFocus()
        self.side_panel.search.box.selectAll()

    def _on_bookmark_toggled(self, key: str, state: bool) -> None:
        bookmarks = self.side_panel.bookmarks
        bookmarks.reload()
        if state:
            bookmarks.select_key(key)
        self.statusBar().showMessage(self.tr("已收藏") if state else self.tr("已取消收藏"), 3000)

    # -- import -------------------------------------------------------------------------
    def choose_files_to_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("导入报纸文本"), "", self.tr("文本文件 (*.txt);;所有文件 (*)")
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_folder_to_import(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("导入文件夹"))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: Sequence[Path], announce: bool = True) -> bool:
        """Index ``paths`` in a worker; ``indexingFinished`` fires when done."""
        self._announce_next = announce
        if self._service is None:
            self.statusBar().showMessage(self.tr("档案尚未打开，请稍候。"), 3000)
            return False
        started = self.indexing.start(paths)
        if not started:
            self.statusBar().showMessage(self.tr("正在索引，请稍候。"), 3000)
        return started

    def index_bundled_seeds(self) -> bool:
        """First start over an empty database: index the bundled sample issues."""
        if not BUNDLED_SEEDS_DIR.is_dir():
            return False
        return self.import_paths([BUNDLED_SEEDS_DIR], announce=False)

    @property
    def indexing_active(self) -> bool:
        return self.indexing.running

    def _on_indexing_finished(self, report: IndexReport, cancelled: bool, error: str) -> None:
        self._last_report = report
        if report.indexed or report.removed:
            self.tree.reload()
            self.article_pane.reload()
            self.side_panel.bookmarks.reload()
            self.side_panel.search.refresh()
            self.side_panel.entities.reload()
        if self._announce_next or report.skipped or error:
            show_summary(self, report, cancelled, error)
        self.statusBar().showMessage(
            self.tr("索引完成：新增或更新 %1 个文件").replace("%1", str(len(report.indexed))),
            5000,
        )
        self.indexingFinished.emit(report)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    @staticmethod
    def _dropped_paths(urls: Sequence[object]) -> list[Path]:
        paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]  # type: ignore[attr-defined]
        return [p for p in paths if p.is_dir() or p.suffix.lower() in IMPORTABLE_SUFFIXES]

    # -- export -------------------------------------------------------------------------
    def selected_article_ids(self) -> list[int]:
        source = self._export_source
        ids: list[int] = source.selected_article_ids()  # type: ignore[attr-defined]
        if not ids and self.article_pane.article is not None:
            ids = [self.article_pane.article.id]
        return ids

    def export_selection(self) -> None:
        if self._service is None:
            return
        ids = self.selected_article_ids()
        if not ids:
            self._message(self.tr("请先在期次树、搜索结果或收藏夹中选择要导出的文章。"))
            return
        try:
            # Imported here: the exporter (and its fonts and PDF machinery) is not
            # needed to start the reader.
            from reader.ui.export_dialog import run_export_dialog
        except ImportError as exc:
            self._message(self.tr("导出功能不可用：%1").replace("%1", str(exc)))
            return
        run_export_dialog(self, self.service, ids)

    # -- help ---------------------------------------------------------------------------
    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("关于报刊档案阅读器"))
        box.setIconPixmap(icon("app").pixmap(48, 48))
        box.setText(
            "<b>"
            + html.escape(self.tr("报刊档案阅读器"))
            + "</b><br>"
            + html.escape(self.tr("版本 %1").replace("%1", reader.__version__))
        )
        path = self.database_path
        box.setInformativeText(self.tr("数据库：%1").replace("%1", str(path) if path else "—"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _message(self, text: str) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("报刊档案阅读器"),
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("messageBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # -- settings -----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value(keys.GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = s.value(keys.STATE)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = s.value(keys.SPLITTER)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        self.article_pane.set_zoom(_int_setting(s, keys.ZOOM))
        types = s.value(keys.ENTITY_TYPES)
        if isinstance(types, str) and types:
            types = [types]
        if isinstance(types, list):
            self.article_pane.legend.set_enabled_types(
                {EntityType(t) for t in types if t in EntityType._value2member_map_}
            )
        self.side_panel.bookmarks.set_order(str(s.value(keys.BOOKMARK_ORDER, "added")))
        self.side_panel.tabs.setCurrentIndex(_int_setting(s, keys.SIDE_TAB))

    def _restore_last_article(self) -> None:
        key = self.settings.value(keys.LAST_ARTICLE)
        if isinstance(key, str) and key:
            article = self.service.article_by_key(key)
            if article is not None:
                self.open_article(article.id)

    def save_settings(self) -> None:
        s = self.settings
        s.setValue(keys.GEOMETRY, self.saveGeometry())
        s.setValue(keys.STATE, self.saveState())
        s.setValue(keys.SPLITTER, self.splitter.saveState())
        s.setValue(keys.ZOOM, self.article_pane.zoom)
        s.setValue(keys.ENTITY_TYPES, sorted(t.value for t in self.article_pane.enabled_types()))
        s.setValue(keys.BOOKMARK_ORDER, self.side_panel.bookmarks.model.order)
        s.setValue(keys.SIDE_TAB, self.side_panel.tabs.currentIndex())
        if self._service is not None:
            # Closed while still opening: keep the article to restore next time.
            article = self.article_pane.article
            s.setValue(keys.LAST_ARTICLE, article.key if article else "")
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        # Stop background work before the service (and its database) goes away.
        self.indexing.cancel()
        self.indexing.wait()
        self.side_panel.search.shutdown()
        if not self._closed:
            self._closed = True
            opener = self._opener
            if opener is not None:
                # Closed while opening: let the open finish (it cannot be interrupted),
                # then close what it opened; its queued signal finds the window closed.
                opener.wait()
                opened = opener.result
                if opened is not None and self._service is None:
                    opened.service.close()
                self._finish_opener()
            if self._check_dialog is not None:
                self._check_dialog.wait()
            if self._service is not None:
                self._service.close()
        super().closeEvent(event)


def _int_setting(settings: QSettings, key: str) -> int:
    """An integer setting, 0 when absent or unreadable (a hand-edited or foreign file)."""
    value = settings.value(key, 0)
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0
