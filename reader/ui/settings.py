"""Where the window keeps its state (QSettings), and the keys it uses.

The settings object is built once by the composition root and passed in, never read
from a global; tests pass one that lives in a temporary directory.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "archive-reader"
APPLICATION = "archive-reader"

GEOMETRY = "window/geometry"
STATE = "window/state"
SPLITTER = "window/splitter"
ZOOM = "reader/zoom"
LAST_ARTICLE = "reader/lastArticleKey"
ENTITY_TYPES = "reader/entityTypes"
BOOKMARK_ORDER = "bookmarks/order"
SIDE_TAB = "window/sideTab"
SERVER_URL = "archive/serverUrl"
"""The database server chosen with 文件 → 连接服务器… (empty: the local archive)."""


def open_settings() -> QSettings:
    """The user's settings as an INI file in the platform's config directory."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )
