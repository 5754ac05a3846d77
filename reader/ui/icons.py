"""Icons from ``resources/icons`` (SVG), loaded once per process."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from reader.domain import ArticleKind
from reader.paths import RESOURCES_DIR

ICON_DIR = RESOURCES_DIR / "icons"


@cache
def icon(name: str) -> QIcon:
    path = ICON_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def kind_icon(kind: ArticleKind) -> QIcon:
    return icon(f"kind-{kind.value}")


def toggle_icon(off_name: str, on_name: str) -> QIcon:
    """One icon showing ``off_name`` unchecked and ``on_name`` checked (the star)."""
    result = QIcon()
    result.addFile(str(ICON_DIR / f"{off_name}.svg"), state=QIcon.State.Off)
    result.addFile(str(ICON_DIR / f"{on_name}.svg"), state=QIcon.State.On)
    return result
