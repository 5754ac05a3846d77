"""Start-up with the archive opened off the UI thread (``open_in_background=True``).

The window must come back (and show) before the store, and with it SQLAlchemy, is
imported; the archive attaches when ``serviceReady`` fires.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QTreeView

from reader.domain import SearchRequest
from reader.ui import create_main_window
from reader.ui import settings as keys
from reader.ui.models.roles import ARTICLE_ID_ROLE

from .helpers import WAIT_MS, first_article_index

ROOT = Path(__file__).parents[2]
READY_MS = 30_000


def test_window_shows_before_archive_then_attaches(qtbot, seeded_db: Path, settings) -> None:
    window = create_main_window(seeded_db, settings=settings, open_in_background=True)
    qtbot.addWidget(window)
    window.show()
    # The window is up and in its "opening" state; the archive is not attached yet
    # (the worker only starts once the event loop runs).
    assert window.isVisible()
    assert not window.service_ready and window.opening
    assert "正在打开档案" in window.statusBar().currentMessage()
    tree = window.findChild(QTreeView, "issueTree")
    assert not tree.isEnabled() and tree.model().rowCount() == 0
    assert not window.side_panel.widget().isEnabled()
    assert not window.findChild(QAction, "actionImport").isEnabled()
    assert window.findChild(QAction, "actionQuit").isEnabled()

    with qtbot.waitSignal(window.serviceReady, timeout=READY_MS) as blocker:
        pass
    assert blocker.args[0] is window.service
    assert window.service_ready and not window.opening
    assert window.statusBar().currentMessage() == ""
    assert tree.isEnabled() and window.side_panel.widget().isEnabled()
    qtbot.waitUntil(lambda: tree.model().rowCount() > 0, timeout=WAIT_MS)
    index = first_article_index(qtbot, tree)
    with qtbot.waitSignal(window.article_pane.articleOpened, timeout=WAIT_MS):
        tree.setCurrentIndex(index)
    article = window.article_pane.article
    assert article is not None and article.id == index.data(ARTICLE_ID_ROLE)
    assert article.display_title[:6] in window.article_pane.view.toPlainText()


def test_background_open_restores_last_article(qtbot, seeded_db: Path, settings) -> None:
    first = create_main_window(seeded_db, settings=settings)
    qtbot.addWidget(first)
    tree = first.findChild(QTreeView, "issueTree")
    index = first_article_index(qtbot, tree)
    with qtbot.waitSignal(first.article_pane.articleOpened, timeout=WAIT_MS):
        tree.setCurrentIndex(index)
    key = first.article_pane.article.key
    first.close()
    assert settings.value(keys.LAST_ARTICLE) == key

    window = create_main_window(seeded_db, settings=settings, open_in_background=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.article_pane.articleOpened, timeout=READY_MS):
        window.show()
    assert window.article_pane.article is not None
    assert window.article_pane.article.key == key


def test_closing_while_opening_keeps_last_article(qtbot, seeded_db: Path, settings) -> None:
    settings.setValue(keys.LAST_ARTICLE, "some-key")
    window = create_main_window(seeded_db, settings=settings, open_in_background=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(1)  # the worker starts
    window.close()
    assert not window.opening
    assert settings.value(keys.LAST_ARTICLE) == "some-key"


def test_background_first_start_indexes_seeds(qtbot, tmp_path: Path, settings) -> None:
    window = create_main_window(
        tmp_path / "empty.sqlite3", settings=settings, open_in_background=True
    )
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.serviceReady, timeout=READY_MS):
        window.show()
    assert window.indexing_active
    with qtbot.waitSignal(window.indexingFinished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: window.tree.model().rowCount() > 0, timeout=WAIT_MS)


def test_unreadable_archive_shows_dialog(qtbot, tmp_path: Path, settings) -> None:
    bad = tmp_path / "not-a-database.sqlite3"
    bad.write_bytes(b"this is not an SQLite file, just text " * 200)
    window = create_main_window(bad, settings=settings, open_in_background=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.serviceFailed, timeout=READY_MS) as blocker:
        window.show()
    message = blocker.args[0]
    assert str(bad) in message and "\n" not in message
    box = window.findChild(QMessageBox, "openErrorBox")
    assert box is not None and box.isVisible()
    assert box.informativeText() == message
    assert not window.service_ready and not window.tree.isEnabled()
    # The window stays usable to quit.
    box.close()
    quit_action = window.findChild(QAction, "actionQuit")
    assert quit_action.isEnabled()
    quit_action.trigger()
    assert not window.isVisible()


CHILD = textwrap.dedent(
    """
    import json, sys, threading
    from importlib.abc import MetaPathFinder

    class Watch(MetaPathFinder):
        # Records which thread first imports SQLAlchemy; finds nothing itself.
        thread = None
        def find_spec(self, name, path=None, target=None):
            if name == "sqlalchemy" and Watch.thread is None:
                Watch.thread = threading.current_thread().name
            return None

    sys.meta_path.insert(0, Watch())
    from PySide6.QtWidgets import QApplication
    app = QApplication(["archive-reader"])
    from reader.ui import create_main_window
    window = create_main_window(sys.argv[1], open_in_background=True)
    report = {"after_create": sorted(
        m for m in sys.modules if m == "sqlalchemy" or m.startswith("reader.store")
    )}
    window.show()
    def shown(_parent):
        # The tree's years arrive from a worker after the archive is attached.
        report["sqlalchemy_thread"] = Watch.thread
        report["main_thread"] = threading.main_thread().name
        report["rows"] = window.tree.model().rowCount()
        window.close()
        app.quit()
    window.tree.tree_model.childrenLoaded.connect(shown)
    window.serviceFailed.connect(lambda message: app.quit())
    app.exec()
    print(json.dumps(report))
    """
)


def test_store_is_imported_off_the_ui_thread(seeded_db: Path, tmp_path: Path) -> None:
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(seeded_db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    # Nothing on the UI thread touched the store before create_main_window returned …
    assert report["after_create"] == []
    # … and the worker, not the UI thread, imported SQLAlchemy to open it.
    assert report["sqlalchemy_thread"] not in (None, report["main_thread"])
    assert report["rows"] > 0


def test_upgrade_that_rebuilds_the_search_index_shows_progress(
    qtbot, seeded_db: Path, settings, make_old_archive
) -> None:
    make_old_archive(seeded_db, 3)  # an archive from the build before the v4 index
    window = create_main_window(seeded_db, settings=settings, open_in_background=True)
    qtbot.addWidget(window)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    with qtbot.waitSignal(window.serviceReady, timeout=READY_MS):
        window.show()
    upgrading = [m for m in messages if "正在升级档案的搜索索引" in m]
    assert upgrading and upgrading[-1].endswith("100%")
    assert window.statusBar().currentMessage() == ""
    assert window.service.search(SearchRequest("高新区")).total > 0
