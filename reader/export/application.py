"""A GUI application object for exports started without one (the command line)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from reader.errors import ExportError

_created: list[QGuiApplication] = []
"""Keeps the application made here alive for the rest of the process."""


def ensure_gui_application() -> QGuiApplication:
    """Return the running :class:`QGuiApplication`, creating one if there is none.

    Fonts and PDF painting need a GUI application. Without a display (no
    ``DISPLAY``/``WAYLAND_DISPLAY``, e.g. over SSH or in CI) the ``offscreen``
    platform is used unless ``QT_QPA_PLATFORM`` says otherwise.
    """
    existing = QCoreApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if existing is not None:
        raise ExportError("PDF 导出需要图形应用对象 (PDF export needs a QGuiApplication)")
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication([sys.argv[0] if sys.argv and sys.argv[0] else "reader"])
    _created.append(app)
    return app
