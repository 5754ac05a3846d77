"""Page geometry and page furniture (running header, footer) on a QPdfWriter.

The header and footer are drawn as glyph outlines, not as text: they are furniture,
like PDF artifacts, so that copying or searching a paragraph that runs over a page
break is not interrupted by ``第 3 页`` and a repeated title.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QTextDocument,
)

from reader.export.typography import MUTED, RULE, Typography

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class PageGeometry:
    """Device-unit rectangles of one page: the whole page and the text body."""

    page: QRectF
    body: QRectF
    header_baseline: float
    footer_baseline: float

    @classmethod
    def for_page(cls, width: float, height: float, dpi: float) -> PageGeometry:
        """Margins scale with the paper: about 20 mm across and 24 mm down on A4."""
        mm = dpi / MM_PER_INCH
        width_mm = width / mm
        side = max(12.0, min(24.0, width_mm * 0.095)) * mm
        top = side * 1.25
        bottom = side * 1.2
        body = QRectF(side, top, width - 2 * side, height - top - bottom)
        return cls(
            page=QRectF(0, 0, width, height),
            body=body,
            header_baseline=top * 0.55,
            footer_baseline=height - bottom * 0.45,
        )


def draw_document_page(
    painter: QPainter, doc: QTextDocument, index: int, at: QRectF, page_height: float
) -> None:
    """Draw page ``index`` of a paginated ``doc`` into the rectangle ``at``."""
    painter.save()
    painter.translate(at.left(), at.top() - index * page_height)
    doc.drawContents(painter, QRectF(0, index * page_height, at.width(), page_height))
    painter.restore()


def _outline_text(
    painter: QPainter, typo: Typography, text: str, x: float, baseline: float, align: str
) -> float:
    """Fill ``text`` as outlines; returns its width. ``align`` is left/right/center
    relative to ``x``."""
    font = typo.font(typo.scale.furniture)
    width = QFontMetricsF(font, typo.device).horizontalAdvance(text)
    if align == "right":
        x -= width
    elif align == "center":
        x -= width / 2
    path = QPainterPath()
    path.addText(QPointF(x, baseline), font, text)
    painter.fillPath(path, MUTED)
    return width


def draw_furniture(
    painter: QPainter,
    typo: Typography,
    geometry: PageGeometry,
    left: str,
    right: str,
    footer: str,
) -> None:
    """Running header (``left`` … ``right`` over a hairline) and a centred footer."""
    body = geometry.body
    font = typo.font(typo.scale.furniture)
    metrics = QFontMetricsF(font, typo.device)
    gap = typo.px(18)
    left_width = metrics.horizontalAdvance(left)
    room = max(0.0, body.width() - left_width - gap)
    right = metrics.elidedText(right, Qt.TextElideMode.ElideRight, room)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if left:
        _outline_text(painter, typo, left, body.left(), geometry.header_baseline, "left")
    if right:
        _outline_text(painter, typo, right, body.right(), geometry.header_baseline, "right")
    if left or right:
        pen = QPen(RULE)
        pen.setWidthF(typo.px(0.5))
        painter.setPen(pen)
        y = geometry.header_baseline + metrics.descent() + typo.px(3)
        painter.drawLine(QPointF(body.left(), y), QPointF(body.right(), y))
    if footer:
        _outline_text(painter, typo, footer, body.center().x(), geometry.footer_baseline, "center")
    painter.restore()
