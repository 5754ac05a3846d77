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
