"""The desktop app: the only package that uses QtWidgets.

Importing this package is cheap; the window's modules load when a window is built.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from reader.paths import is_database_url

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from reader.ui.main_window import MainWindow


def create_main_window(
    db_path: Path | str | None = None,
    *,
    settings: QSettings | None = None,
    open_in_background: bool = False,
) -> MainWindow:
    """Build the main window over ``db_path`` without showing it or running a loop.

    A QApplication must exist. ``db_path`` None means ``$READER_DB`` or the per-user
    data directory.

    By default the archive is opened here, on the calling thread, and the window
    comes back showing it. With ``open_in_background`` the window comes back at once
    in an "opening" state and nothing has touched the store (or imported SQLAlchemy):
    once the event loop runs, a worker thread opens the archive and the window emits
    ``serviceReady(service)`` when the panels show it (``serviceFailed(message)``, with
    a dialog, when it cannot be opened). Either way, when the database is empty the
    bundled seeds are then indexed in a worker (``window.indexingFinished`` fires when
    done).
    """
    from PySide6.QtWidgets import QApplication

    from reader.ui.main_window import MainWindow
    from reader.ui.settings import open_settings

    if QApplication.instance() is None:
        raise RuntimeError("create_main_window() needs a QApplication")
    settings = settings if settings is not None else open_settings()
    path = archive_location(db_path, settings)
    if open_in_background:
        window = MainWindow(None, settings, database_path=path)
        window.open_in_background()
        return window
    from reader.ui.opening import open_archive
    from reader.ui.settings import LAST_ARTICLE

    last = settings.value(LAST_ARTICLE)
    opened = open_archive(path, None, last if isinstance(last, str) and last else None)
    return MainWindow(opened, settings, database_path=path)


def archive_location(db_path: Path | str | None, settings: QSettings) -> Path | str:
    """Which archive the window opens: the one asked for (a path or a database URL),
    else ``$READER_DB``, else the server chosen last with 文件 → 连接服务器…, else the
    local archive in the user data directory."""
    from reader.paths import default_database
    from reader.ui.settings import SERVER_URL

    if db_path:
        text = str(db_path)
        return text if is_database_url(text) else Path(text).expanduser()
    if os.environ.get("READER_DB"):
        return default_database()
    server = settings.value(SERVER_URL)
    if isinstance(server, str) and server:
        return server
    return default_database()


__all__ = ["archive_location", "create_main_window"]
