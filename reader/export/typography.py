"""Sizes, colours and text formats of the exported document, in device units."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPagedPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
    QTextLength,
)

from reader.domain import EntityType

TEXT = QColor("#1d1d1f")
MUTED = QColor("#6e6e73")
ACCENT = QColor("#9b1c1c")
"""The newspaper red used for the kicker and the rules."""
RULE = QColor("#c9c9cf")

ENTITY_BACKGROUNDS: dict[EntityType, QColor] = {
    EntityType.PERSON: QColor("#d6e9ff"),
    EntityType.PLACE: QColor("#d9f2d0"),
    EntityType.ORGANIZATION: QColor("#f6dcf5"),
    EntityType.DATE: QColor("#ffe7cc"),
}
ENTITY_LABELS: dict[EntityType, str] = {
    EntityType.PERSON: "人名",
    EntityType.PLACE: "地名",
    EntityType.ORGANIZATION: "机构",
    EntityType.DATE: "日期",
}


@dataclass(frozen=True)
class Scale:
    """Point sizes for one paper size (A5 and smaller get a slightly smaller scale)."""

    body: float
    headline: float
    deck: float
    """Kicker and subtitle."""
    meta: float
    furniture: float
    """Running header and footer."""
    cover: float


NORMAL = Scale(body=10.5, headline=19.0, deck=12.0, meta=9.0, furniture=8.0, cover=28.0)
COMPACT = Scale(body=9.5, headline=16.0, deck=10.5, meta=8.0, furniture=7.0, cover=22.0)


class Typography:
    """Fonts and formats for one export: one CJK family on one paint device."""

    def __init__(self, family: str, device: QPagedPaintDevice, scale: Scale) -> None:
        self.family = family
        self.device = device
        self.scale = scale
        self.dpi = float(device.logicalDpiY())

    def px(self, points: float) -> float:
        """Points → device units."""
        return points * self.dpi / 72.0

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont()
        # A family list (not a fallback chain of guesses) keeps Latin in the CJK face,
        # so mixed lines share one baseline.
        font.setFamilies([self.family])
        font.setPointSizeF(points)
        font.setBold(bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return QFont(font, self.device)

    def chars(self, points: float, bold: bool = False, colour: QColor = TEXT) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFont(self.font(points, bold))
        fmt.setForeground(QBrush(colour))
        return fmt

    def block(
        self,
        align: str = "justify",
        *,
        line_height: int = 100,
        before: float = 0.0,
        after: float = 0.0,
        indent_em: float = 0.0,
        em: float = 0.0,
        break_before: bool = False,
        rule_after: bool = False,
    ) -> QTextBlockFormat:
        """A block format; ``before``/``after`` in points, ``indent_em`` in ``em`` points."""
        fmt = QTextBlockFormat()
        fmt.setAlignment(
            {
                "left": Qt.AlignmentFlag.AlignLeft,
                "right": Qt.AlignmentFlag.AlignRight,
                "center": Qt.AlignmentFlag.AlignHCenter,
                "justify": Qt.AlignmentFlag.AlignJustify,
            }[align]
        )
        if line_height != 100:
            fmt.setLineHeight(line_height, 1)  # 1 = QTextBlockFormat.ProportionalHeight
        fmt.setTopMargin(self.px(before))
        fmt.setBottomMargin(self.px(after))
        if indent_em:
            fmt.setTextIndent(self.px(em * indent_em))
        if break_before:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        if rule_after:
            fmt.setProperty(
                QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
                QTextLength(QTextLength.Type.PercentageLength, 100),
            )
        return fmt

    def document(self, width: float, page_height: float | None = None) -> QTextDocument:
        """An empty document laid out on this device, ``width`` wide, paginated when
        ``page_height`` is given."""
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.device)
        doc.setUseDesignMetrics(True)
        doc.setDocumentMargin(0)
        doc.setDefaultFont(self.font(self.scale.body))
        doc.setPageSize(QSizeF(width, page_height if page_height else -1))
        if page_height is None:
            doc.setTextWidth(width)
        return doc
