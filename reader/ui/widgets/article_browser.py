"""The reading surface (``articleView``): a QTextBrowser with entity tooltips, a
centred text column and zoom through the document's default font."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QHelpEvent, QResizeEvent
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from reader.ui.article_html import HIT_BACKGROUND, style_sheet
from reader.ui.fonts import reading_font

BASE_POINT_SIZE = 13
MIN_ZOOM, MAX_ZOOM = -5, 14
COLUMN_EMS = 38
"""A line of about 38 CJK characters reads comfortably; wider windows get margins."""


class ArticleBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.viewport().installEventFilter(self)
        self._zoom = 0
        self._tooltip_for: Callable[[str], str | None] = lambda _href: None
        self._apply_font()

    # -- content ------------------------------------------------------------------------
    def set_article_html(self, text: str) -> None:
        # setHtml resets the root frame, so the reading column is re-applied after it.
        self.setHtml(text)
        self._apply_column()

    def set_tooltip_provider(self, provider: Callable[[str], str | None]) -> None:
        self._tooltip_for = provider

    def hit_ranges(self) -> list[tuple[int, int]]:
        """Document positions of the search-hit highlights, in reading order.

        The renderer marks hits with one reserved background colour, so they can be
        found again on the laid-out document without keeping a second position map.
        """
        ranges: list[tuple[int, int]] = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid():
                    colour = fragment.charFormat().background().color().name()
                    if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush and (
                        colour == HIT_BACKGROUND
                    ):
                        start, end = fragment.position(), fragment.position() + fragment.length()
                        if ranges and ranges[-1][1] == start:
                            ranges[-1] = (ranges[-1][0], end)
                        else:
                            ranges.append((start, end))
                it += 1
            block = block.next()
        return ranges

    # -- zoom ---------------------------------------------------------------------------
    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, steps))
        self._apply_font()
        self._apply_column()

    def _apply_font(self) -> None:
        font: QFont = reading_font()
        font.setPointSizeF(BASE_POINT_SIZE + self._zoom)
        self.document().setDefaultFont(font)
        self.setFont(font)
        self.document().setDefaultStyleSheet(
            style_sheet(2 * self.fontMetrics().horizontalAdvance("中"))
        )

    # -- layout -------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_column()

    def _apply_column(self) -> None:
        em = self.fontMetrics().horizontalAdvance("中")
        column = COLUMN_EMS * em
        spare = max(0, self.viewport().width() - column)
        side = max(24, spare // 2)
        root = self.document().rootFrame()
        frame_format = root.frameFormat()
        if frame_format.leftMargin() == side and frame_format.topMargin() == 20:
            return
        frame_format.setLeftMargin(side)
        frame_format.setRightMargin(side)
        frame_format.setTopMargin(20)
        frame_format.setBottomMargin(32)
        root.setFrameFormat(frame_format)

    # -- tooltips -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            href = self.anchorAt(event.pos())
            tip = self._tooltip_for(href) if href else None
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)
