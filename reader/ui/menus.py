"""The menu bar (文件/编辑/视图/工具/帮助): places actions owned by the panels and adds the
window-level ones (import, export, about)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

# Menu texts belong to the main window's translation context (lupdate reads literals).
translate = QCoreApplication.translate

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def _action(window: MainWindow, name: str, text: str, shortcut: str | None = None) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    window.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    pane = window.article_pane
    side = window.side_panel

    window.action_import = _action(
        window, "actionImport", translate("MainWindow", "导入文件…"), "Ctrl+O"
    )
    window.action_import.triggered.connect(window.choose_files_to_import)
    window.action_import_folder = _action(
        window, "actionImportFolder", translate("MainWindow", "导入文件夹…"), "Ctrl+Shift+O"
    )
    window.action_import_folder.triggered.connect(window.choose_folder_to_import)
    window.action_export = _action(
        window, "actionExportPdf", translate("MainWindow", "导出为 PDF…"), "Ctrl+Shift+E"
    )
    window.action_export.triggered.connect(window.export_selection)
    window.action_connect = _action(
        window, "actionConnectServer", translate("MainWindow", "连接服务器…")
    )
    window.action_connect.triggered.connect(window.choose_server)
    quit_action = _action(window, "actionQuit", translate("MainWindow", "退出"), "Ctrl+Q")
    quit_action.triggered.connect(window.close)

    focus_search = _action(
        window, "actionFocusSearch", translate("MainWindow", "搜索全文"), "Ctrl+Shift+F"
    )
    focus_search.triggered.connect(window.focus_search)
    show_bookmarks = _action(
        window, "actionShowBookmarks", translate("MainWindow", "收藏夹"), "Ctrl+Shift+B"
    )
    show_bookmarks.triggered.connect(lambda: side.show_tab(side.bookmarks))
    show_entities = _action(
        window, "actionShowEntities", translate("MainWindow", "实体"), "Ctrl+Shift+R"
    )
    show_entities.triggered.connect(lambda: side.show_tab(side.entities))
    toggle_side = side.toggleViewAction()
    toggle_side.setObjectName("actionToggleSidePanel")
    toggle_side.setText(translate("MainWindow", "侧栏"))
    window.action_check = _action(
        window, "actionCheckArchive", translate("MainWindow", "检查档案…")
    )
    window.action_check.triggered.connect(window.check_archive)
    about = _action(window, "actionAbout", translate("MainWindow", "关于…"))
    about.triggered.connect(window.show_about)

    bar = window.menuBar()
    file_menu = bar.addMenu(translate("MainWindow", "文件(&F)"))
    file_menu.setObjectName("menuFile")
    file_menu.addActions([window.action_import, window.action_import_folder])
    file_menu.addSeparator()
    file_menu.addAction(window.action_export)
    file_menu.addSeparator()
    file_menu.addAction(window.action_connect)
    file_menu.addSeparator()
    file_menu.addAction(quit_action)

    edit_menu = bar.addMenu(translate("MainWindow", "编辑(&E)"))
    edit_menu.setObjectName("menuEdit")
    edit_menu.addActions([pane.action_find, focus_search])
    edit_menu.addSeparator()
    edit_menu.addActions([pane.action_next_hit, pane.action_prev_hit])
    edit_menu.addSeparator()
    edit_menu.addAction(pane.action_toggle_bookmark)

    view_menu = bar.addMenu(translate("MainWindow", "视图(&V)"))
    view_menu.setObjectName("menuView")
    view_menu.addActions([pane.action_zoom_in, pane.action_zoom_out, pane.action_zoom_reset])
    view_menu.addSeparator()
    view_menu.addAction(pane.action_show_source)
    view_menu.addSeparator()
    view_menu.addActions([toggle_side, show_bookmarks, show_entities])

    tools_menu = bar.addMenu(translate("MainWindow", "工具(&T)"))
    tools_menu.setObjectName("menuTools")
    tools_menu.addAction(window.action_check)

    help_menu = bar.addMenu(translate("MainWindow", "帮助(&H)"))
    help_menu.setObjectName("menuHelp")
    help_menu.addAction(about)
