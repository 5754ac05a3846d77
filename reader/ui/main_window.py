"""The main window: composes the panels, wires their signals, keeps window state.

Every call to the archive goes through one :class:`~reader.ui.ops.ArchiveOps`
(queries and operations off the UI thread); each panel listens to its
``archiveChanged`` and decides what to refresh. This class only composes and wires
(tree/search/bookmarks/entities → article pane), starts imports and exports, shows
errors and restores settings.

The window can exist before the archive is open: it is built without one, shown with
an "opening" state, and ``attach`` (or ``open_in_background``) hands the archive to
``ops`` later. Nothing here imports the store (and so SQLAlchemy) at module level:
that import belongs to whoever opens the archive.
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
from reader.ui.models.issue_tree import article_ids_in
from reader.ui.ops import ArchiveOps, Change, Job
from reader.ui.widgets.article_pane import ArticlePane
from reader.ui.widgets.issue_tree_view import IssueTreeView
from reader.ui.widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from reader.services import ArchiveService
    from reader.ui.check_dialog import CheckDialog
    from reader.ui.opening import OpenedArchive

IMPORTABLE_SUFFIXES = (".txt",)


class MainWindow(QMainWindow):
    indexingFinished = Signal(object)
    """Emitted with the IndexReport when an import (or the first-start seeding) ends."""
    serviceReady = Signal(object)
    """Emitted with the ArchiveService once the archive is open and handed to the panels
    (the last article asked for, first-start seeding started)."""
    serviceFailed = Signal(str)
    """Emitted with the one-line message when the archive could not be opened."""

    action_import: QAction
    action_import_folder: QAction
    action_export: QAction
    action_check: QAction
    action_connect: QAction

    def __init__(
        self,
        opened: OpenedArchive | None,
        settings: QSettings,
        database_path: Path | str | None = None,
    ) -> None:
        """Build the window; with ``opened`` None it waits for ``attach``
        (``open_in_background`` opens ``database_path`` in a worker and attaches)."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.ops = ArchiveOps(self)
        self.ops.failed.connect(self._show_failure)
        self.ops.archiveChanged.connect(self._prepare_exploring)
        self.ops.crashed.connect(self._show_crash)
        self._database_path = database_path
        self._opener: Job[OpenedArchive] | None = None
        self._check_dialog: CheckDialog | None = None
        self._open_error = ""
        self.settings = settings
        self.setWindowTitle(self.tr("报刊档案阅读器"))
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.resize(1280, 820)

        self.tree = IssueTreeView(self.ops, self)
        self.article_pane = ArticlePane(self.ops, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.article_pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 700])
        self.setCentralWidget(self.splitter)
        self.side_panel = SidePanel(self.ops, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.side_panel)
        self.resizeDocks([self.side_panel], [420], Qt.Orientation.Horizontal)
        self.indexing = IndexingController(self.ops, self)
        self.indexing.finished.connect(self._on_indexing_finished)
        self._last_report: IndexReport | None = None
        self._announce_next = True
        self._export_source: QWidget = self.tree
        self._closed = False
        build_menus(self)
        self._connect()
        self.statusBar().setObjectName("statusBar")
        self._restore_settings()
        if opened is not None:
            self.attach(opened)
        else:
            self._set_archive_enabled(False)

    # -- the archive --------------------------------------------------------------------
    @property
    def service_ready(self) -> bool:
        return self.ops.ready

    @property
    def service(self) -> ArchiveService:
        """The open archive (guarded in tests): for handing on, never for calling from
        the UI thread; widgets go through ``ops``."""
        return self.ops.service

    @property
    def database_path(self) -> Path | str | None:
        return self.ops.service.database_path if self.ops.ready else self._database_path

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
        if self.ops.ready or self._opener is not None:
            return
        self._set_archive_enabled(False)
        self.statusBar().showMessage(self.tr("正在打开档案…"))
        self._opener = Job()  # a placeholder: "opening" until the task starts
        QTimer.singleShot(0, self._start_opener)

    def _start_opener(self) -> None:
        if self._closed or not self.opening:
            return
        from reader.ui.opening import open_archive  # light: the heavy import is in the call

        path, last = self._database_path, self._last_article_key()
        self._opener = self.ops.task(
            lambda job: open_archive(path, job.report, last),
            self._on_archive_opened,
            failed=self._on_archive_failed,
            progress=self._on_open_progress,
        )

    def _on_open_progress(self, done: int, total: int) -> None:
        # Only an archive made by an older version reports: its search index is rebuilt.
        percent = 100 * done // total if total else 100
        self.statusBar().showMessage(
            self.tr("正在升级档案的搜索索引… %1%").replace("%1", str(percent))
        )

    def _on_archive_opened(self, opened: OpenedArchive) -> None:
        self._opener = None
        if self._closed:
            opened.service.close()  # closeEvent ran while it opened
            return
        self.attach(opened)
        if opened.search_index_damaged:
            self.warn_damaged_search_index()

    def _on_archive_failed(self, message: str) -> None:
        self._opener = None
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
        """工具 → 检查档案: check in a worker, offer to rebuild the derived data."""
        if not self.ops.ready:
            return None
        from reader.ui.check_dialog import CheckDialog

        if self._check_dialog is None:
            self._check_dialog = CheckDialog(self.ops, self)
        dialog = self._check_dialog
        dialog.show()
        if not dialog.busy:
            dialog.check()
        return dialog

    def choose_server(self) -> None:
        """文件 → 连接服务器…: open a shared archive on a database server (remembered),
        or, with an empty address, go back to the local archive."""
        from PySide6.QtWidgets import QInputDialog

        remembered = self.settings.value(keys.SERVER_URL)
        url, ok = QInputDialog.getText(
            self,
            self.tr("连接服务器"),
            self.tr("数据库地址，如 postgresql://用户@主机/数据库（留空：使用本机档案）："),
            text=remembered if isinstance(remembered, str) else "",
        )
        if ok:
            self.switch_archive(url.strip())

    def switch_archive(self, url: str) -> bool:
        """Close the open archive and open the server at ``url`` (empty: the local
        archive) in the background; False while indexing (it would be cut short)."""
        if self.indexing_active:
            self._message(self.tr("正在索引，请等索引结束后再切换档案。"))
            return False
        from reader.ui import archive_location

        self.settings.setValue(keys.SERVER_URL, url)
        self.settings.sync()
        self.article_pane.clear()
        self.ops.close()
        self._database_path = archive_location(url or None, self.settings)
        self.tree.tree_model.reload()
        self.open_in_background()
        return True

    def attach(self, opened: OpenedArchive) -> None:
        """Show the open archive: every panel reads from it through ``ops`` from now on."""
        service = opened.service
        self.ops.set_service(service)
        self._database_path = service.database_path
        self.tree.archive_opened()
        self.side_panel.archive_opened()
        self._set_archive_enabled(True)
        self.statusBar().clearMessage()
        if opened.last_article_id is not None:
            self.open_article(opened.last_article_id)
        if opened.empty:
            self.index_bundled_seeds()
        self._prepare_exploring()
        self.serviceReady.emit(self.ops.service)

    def _prepare_exploring(self, change: Change = Change.EVERYTHING) -> None:
        """Build the indexes behind timelines, co-occurrence and related articles in a
        worker now, not on the first click that needs them."""
        if self.ops.ready and change & (Change.ARTICLES | Change.ENTITIES):
            self.ops.query(
                lambda service: service.prepare_exploring(),
                lambda _done: _settle_memory(),
                channel="prepare-exploring",
            )

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

    def _show_failure(self, message: str) -> None:
        """A user error nobody else showed (ReaderError): one line in the status bar."""
        self.statusBar().showMessage(message, 10_000)

    def _show_crash(self, message: str) -> None:
        """A bug in background work: one line naming the crash log, in a dialog."""
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("报刊档案阅读器"),
            self.tr("出现意外错误。"),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("errorDialog")
        box.setInformativeText(message)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- wiring -------------------------------------------------------------------------
    def _connect(self) -> None:
        side = self.side_panel
        self.tree.articleChosen.connect(self.article_pane.open_article)
        side.search.openRequested.connect(self.open_article)
        side.bookmarks.openRequested.connect(self.open_article)
        side.entities.openRequested.connect(self.open_article)
        self.article_pane.bookmarkToggled.connect(self._on_bookmark_toggled)
        self.article_pane.entityActivated.connect(self.show_entity)
        self.article_pane.openRequested.connect(self.open_article)
        side.entities.periodSearchRequested.connect(self.search_entity_in_period)
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
        """Open an article from anywhere (search, bookmarks, entities) and reveal it in
        the tree too, so the reader sees which issue it belongs to. Both arrive from
        workers; ``article_pane.articleOpened`` fires when the article shows."""
        if not self.ops.ready:
            return False
        self.article_pane.open_article(article_id, hits)  # type: ignore[arg-type]
        self.tree.reveal(article_id)
        return True

    def show_entity(self, canonical: str, entity_type: EntityType | None = None) -> None:
        self.side_panel.show_tab(self.side_panel.entities)
        self.side_panel.entities.show_entity(canonical, entity_type)

    def search_entity_in_period(self, canonical: str, start: object, end: object) -> None:
        """The articles naming ``canonical`` between ``start`` and ``end``, in the Search tab."""
        search = self.side_panel.search
        self.side_panel.show_tab(search)
        search.box.clear()
        search.set_entity_filter(canonical)
        search.filter_period(start, end)  # type: ignore[arg-type]

    def focus_search(self) -> None:
        self.side_panel.show_tab(self.side_panel.search)
        self.side_panel.search.box.setFocus()
        self.side_panel.search.box.selectAll()

    def _on_bookmark_toggled(self, key: str, state: bool) -> None:
        if state:
            self.side_panel.bookmarks.select_when_loaded(key)
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
        if not self.ops.ready:
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
    def selected_scopes(self) -> list[tuple[str, object]]:
        """What to export: the selection of the list the user worked in last (the
        tree's rows may stand for whole issues, months or years), else the open
        article."""
        source = self._export_source
        if source is self.tree:
            scopes: list[tuple[str, object]] = list(self.tree.selected_scopes())
        else:
            ids = source.selected_article_ids()  # type: ignore[attr-defined]
            scopes = [("article", article_id) for article_id in ids]
        if not scopes and self.article_pane.article is not None:
            scopes = [("article", self.article_pane.article.id)]
        return scopes

    def export_selection(self) -> None:
        if not self.ops.ready:
            return
        scopes = self.selected_scopes()
        if not scopes:
            self._message(self.tr("请先在期次树、搜索结果或收藏夹中选择要导出的文章。"))
            return
        self.ops.query(
            lambda service: article_ids_in(service, scopes),  # type: ignore[arg-type]
            self._export_ids,
            channel="export-selection",
        )

    def _export_ids(self, ids: list[int]) -> None:
        if not ids:
            self._message(self.tr("所选范围内没有文章。"))
            return
        try:
            # Imported here: the exporter (and its fonts and PDF machinery) is not
            # needed to start the reader.
            from reader.ui.export_dialog import run_export_dialog
        except ImportError as exc:
            self._message(self.tr("导出功能不可用：%1").replace("%1", str(exc)))
            return
        search = self.side_panel.search
        if self._export_source is search and search.request().query:
            chart = search.timeline
            run_export_dialog(self, self.ops, ids, search.request().query, chart.data)
        else:
            run_export_dialog(self, self.ops, ids)

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

    def _last_article_key(self) -> str | None:
        key = self.settings.value(keys.LAST_ARTICLE)
        return key if isinstance(key, str) and key else None

    def save_settings(self) -> None:
        s = self.settings
        s.setValue(keys.GEOMETRY, self.saveGeometry())
        s.setValue(keys.STATE, self.saveState())
        s.setValue(keys.SPLITTER, self.splitter.saveState())
        s.setValue(keys.ZOOM, self.article_pane.zoom)
        s.setValue(keys.ENTITY_TYPES, sorted(t.value for t in self.article_pane.enabled_types()))
        s.setValue(keys.BOOKMARK_ORDER, self.side_panel.bookmarks.model.order)
        s.setValue(keys.SIDE_TAB, self.side_panel.tabs.currentIndex())
        if self.ops.ready:
            # Closed while still opening: keep the article to restore next time.
            article = self.article_pane.article
            s.setValue(keys.LAST_ARTICLE, article.key if article else "")
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if not self._closed:
            self._closed = True
            # Stop background work before the archive (and its database) goes away; an
            # open in flight cannot be interrupted: its result is closed on arrival.
            self.indexing.cancel()
            self.side_panel.search.shutdown()
            self.ops.close()
            self._opener = None  # a pending open was closed on arrival, or never started
        super().closeEvent(event)


def _settle_memory() -> None:
    """Move everything alive now (the archive's indexes, hundreds of thousands of small
    objects) out of the garbage collector's sight: a full collection walks every tracked
    object while holding the GIL, and one over these stalled the window for ~100 ms."""
    import gc

    gc.freeze()


def _int_setting(settings: QSettings, key: str) -> int:
    """An integer setting, 0 when absent or unreadable (a hand-edited or foreign file)."""
    value = settings.value(key, 0)
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0
