"""Paints an item's ``HTML_ROLE`` rich text (titles with highlighted snippets)."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.colors import MUTED_TEXT
from reader.ui.models.roles import HTML_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex
ICON_SIZE = 16
PADDING = 6


CACHED_DOCUMENTS = 256

ROW_STYLE = (
    f".title {{ font-weight: 600; }} .untitled {{ color: {MUTED_TEXT}; font-style: italic; }}"
    f" .date {{ color: {MUTED_TEXT}; font-weight: 400; }} .snippet {{ color: #3a3a3c; }}"
)
"""The row classes (``title``, ``untitled``, ``date``, ``snippet``) on a plain row."""
SELECTED_ROW_STYLE = (
    ".title { font-weight: 600; } .untitled { font-style: italic; } .date { font-weight: 400; }"
)
"""The same on a selected row: no colours, so every part takes the selection's text
colour (the matches keep their own colours on their yellow mark)."""


class RichTextDelegate(QStyledItemDelegate):
    """Laid-out documents are kept per (HTML, width, font): a view asks each row's size
    when results arrive and paints the visible rows right after, and laying out rich
    text twice per row was most of a search's time on the UI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: OrderedDict[tuple[str, int, str, bool], QTextDocument] = OrderedDict()

    def _document(self, option: QStyleOptionViewItem, index: ModelIndex) -> QTextDocument:
        html = index.data(HTML_ROLE) or ""
        width = max(120, option.rect.width() - ICON_SIZE - 3 * PADDING)  # type: ignore[attr-defined]
        font = option.font  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        key = (html, width, font.key(), selected)
        document = self._documents.get(key)
        if document is not None:
            self._documents.move_to_end(key)
            return document
        document = QTextDocument()
        document.setDefaultFont(font)
        document.setDocumentMargin(0)
        document.setDefaultStyleSheet(SELECTED_ROW_STYLE if selected else ROW_STYLE)
        document.setHtml(html)
        document.setTextWidth(width)
        self._documents[key] = document
        if len(self._documents) > CACHED_DOCUMENTS:
            self._documents.popitem(last=False)
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        if index.data(HTML_ROLE) is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()  # type: ignore[attr-defined]
        text_opt = QStyleOptionViewItem(opt)
        text_opt.text = ""  # type: ignore[attr-defined]
        text_opt.icon = type(opt.icon)()  # type: ignore[attr-defined]
        # The background, selection and focus frame come from the style as usual.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_opt, painter, opt.widget)  # type: ignore[attr-defined]
        rect = opt.rect  # type: ignore[attr-defined]
        painter.save()
        opt.icon.paint(  # type: ignore[attr-defined]
            painter, rect.x() + PADDING, rect.y() + PADDING + 2, ICON_SIZE, ICON_SIZE
        )
        document = self._document(opt, index)
        painter.translate(rect.x() + ICON_SIZE + 2 * PADDING, rect.y() + PADDING)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        if selected:
            context.palette.setColor(
                QPalette.ColorRole.Text,
                opt.palette.color(QPalette.ColorRole.HighlightedText),  # type: ignore[attr-defined]
            )
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        if index.data(HTML_ROLE) is None:
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if opt.widget is not None:  # type: ignore[attr-defined]
            # Views hand an unset rect to sizeHint; the viewport width is what wraps.
            opt.rect.setWidth(opt.widget.viewport().width())  # type: ignore[attr-defined]
        document = self._document(opt, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 2 * PADDING)
