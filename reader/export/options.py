"""What the caller asks of an export and what it gets back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QPageSize

from reader.errors import ExportError

DEFAULT_TITLE = "高新区头条 报刊档案"

PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A3": QPageSize.PageSizeId.A3,
    "A4": QPageSize.PageSizeId.A4,
    "A5": QPageSize.PageSizeId.A5,
    "B5": QPageSize.PageSizeId.B5,
    "LETTER": QPageSize.PageSizeId.Letter,
    "LEGAL": QPageSize.PageSizeId.Legal,
}
"""Paper sizes offered by the CLI and the dialog, keyed by upper-case name."""

PAGE_SIZE_NAMES = ("A4", "A5", "B5", "A3", "Letter", "Legal")
"""The same sizes as shown to people, A4 (the default) first."""


def page_size_id(name: str) -> QPageSize.PageSizeId:
    """The Qt page size for ``name`` (case-insensitive); :class:`ExportError` if unknown."""
    try:
        return PAGE_SIZES[name.strip().upper()]
    except KeyError:
        known = ", ".join(PAGE_SIZE_NAMES)
        raise ExportError(f"未知的纸张大小 {name!r}（可选：{known}）(unknown page size)") from None


@dataclass(frozen=True)
class ExportOptions:
    page_size: str = "A4"
    highlight_entities: bool = False
    include_toc: bool = True
    title: str = DEFAULT_TITLE
    """The archive's name, shown on the title page and in the PDF metadata."""
    description: str = ""
    """What was selected (``检索：大气污染``, ``书签``…), shown on the title page."""
    author: str = "报刊档案阅读器"
    """PDF ``/Author``."""
    timeline: tuple[Any, ...] = ()
    """Hits per period of the exported query (``TimelineBucket``s), drawn on the title
    page when given."""
    timeline_caption: str = ""
    """What the chart counts, under it (``“大气污染”各月命中篇数``)."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    page_count: int
    article_count: int
    font_family: str
