"""The desktop app: the only package that uses QtWidgets.

Importing this package is cheap; the window's modules load when a window is built.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from reader.ui.main_window import MainWindow


def create_main_window(
    db_path: Path | str | None = None, settings: QSettings | None = None
) -> MainWindow:
    """Build the main window over ``db_path`` without showing it or running a loop.

    A QApplication must exist. When the database is empty the bundled seeds are
    indexed in a worker (``window.indexingFinished`` fires when done).
    """
    from PySide6.QtWidgets import QApplication

    from reader.bootstrap import open_service
    from reader.ui.main_window import MainWindow
    from reader.ui.settings import open_settings

    if QApplication.instance() is None:
        raise RuntimeError("create_main_window() needs a QApplication")
    service = open_service(db_path)
    window = MainWindow(service, settings if settings is not None else open_settings())
    if service.is_empty():
        window.index_bundled_seeds()
    return window


__all__ = ["create_main_window"]
