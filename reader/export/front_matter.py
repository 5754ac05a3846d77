"""The title page and the table of contents (目录)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QPainter,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTableFormat,
)

from reader.domain import Article, EntityType
from reader.export.labels import chinese_date, headline, short_date
from reader.export.options import ExportOptions
from reader.export.typography import (
    ACCENT,
    ENTITY_BACKGROUNDS,
    ENTITY_LABELS,
    MUTED,
    Typography,
)


def date_range(articles: Sequence[Article]) -> str:
    dates = sorted({a.issue_date for a in articles if a.issue_date})
    if not dates:
        return ""
    if dates[0] == dates[-1]:
        return chinese_date(dates[0])
    return f"{chinese_date(dates[0])} — {chinese_date(dates[-1])}"


def build_title_document(
    articles: Sequence[Article],
    options: ExportOptions,
    typo: Typography,
    width: float,
    today: dt.date,
) -> QTextDocument:
    doc = typo.document(width)
    cursor = QTextCursor(doc)
    s = typo.scale
    title_fmt = typo.chars(s.cover, bold=True)
    cursor.setBlockFormat(typo.block("center", line_height=120, after=14))
    cursor.insertText(options.title, title_fmt)
    rule = typo.chars(s.meta, colour=ACCENT)
    cursor.insertBlock(typo.block("center", after=18, rule_after=True), rule)
    deck = typo.chars(s.deck + 2)
    if options.description:
        cursor.insertBlock(typo.block("center", line_height=140, after=18), deck)
        cursor.insertText(options.description, deck)
    meta = typo.chars(s.deck, colour=MUTED)
    lines = [f"共 {len(articles)} 篇文章"]
    span = date_range(articles)
    if span:
        lines.append(f"刊期：{span}")
    lines.append(f"导出日期：{chinese_date(today)}")
    for line in lines:
        cursor.insertBlock(typo.block("center", after=6), meta)
        cursor.insertText(line, meta)
    if options.highlight_entities:
        cursor.insertBlock(typo.block("center", before=24), meta)
        cursor.insertText("实体标注：", meta)
        for kind in EntityType:
            swatch = typo.chars(s.deck)
            swatch.setBackground(ENTITY_BACKGROUNDS[kind])
            cursor.insertText(f" {ENTITY_LABELS[kind]} ", swatch)
            cursor.insertText(" ", meta)
    return doc


def draw_title_timeline(
    painter: QPainter, typo: Typography, options: ExportOptions, body: QRectF, top: float
) -> None:
    """The exported query's hits per period, under the title block, with its caption."""
    from reader.export.timeline import ChartStyle, continuous, paint_timeline

    height = min(body.height() * 0.22, body.bottom() - top - body.height() * 0.08)
    if height <= 0:
        return
    width = body.width() * 0.86
    area = QRectF(body.left() + (body.width() - width) / 2, top, width, height)
    font = typo.font(typo.scale.meta)
    metrics = QFontMetricsF(font, painter.device())
    style = ChartStyle(font, label_height=metrics.height() * 1.4, top_margin=metrics.height() * 1.2)
    paint_timeline(painter, area, continuous(options.timeline), style)
    if options.timeline_caption:
        painter.save()
        painter.setFont(font)
        painter.setPen(MUTED)
        caption = QRectF(area.left(), area.bottom() + 4, area.width(), metrics.height() * 1.6)
        painter.drawText(caption, int(Qt.AlignmentFlag.AlignHCenter), options.timeline_caption)
        painter.restore()


@dataclass(frozen=True)
class TocLayout:
    document: QTextDocument
    rows: tuple[tuple[float, float], ...]
    """(top, bottom) of each entry's row in document coordinates."""
    page_count: int


def build_toc_document(
    articles: Sequence[Article],
    page_numbers: Sequence[int],
    typo: Typography,
    width: float,
    page_height: float,
) -> TocLayout:
    """``page_numbers[i]`` is the 1-based page where ``articles[i]`` starts."""
    doc = typo.document(width, page_height)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()  # one layout pass instead of one per cell
    s = typo.scale
    heading = typo.chars(s.headline, bold=True)
    cursor.setBlockFormat(typo.block("center", after=16))
    cursor.insertText("目  录", heading)

    table_format = QTextTableFormat()
    table_format.setBorder(0)
    table_format.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_None)
    table_format.setCellSpacing(0)
    table_format.setCellPadding(typo.px(3))
    table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table_format.setColumnWidthConstraints(
        [
            QTextLength(QTextLength.Type.PercentageLength, 75),
            QTextLength(QTextLength.Type.PercentageLength, 17),
            QTextLength(QTextLength.Type.PercentageLength, 8),
        ]
    )
    table_format.setHeaderRowCount(0)
    table = cursor.insertTable(len(articles), 3, table_format)
    title_fmt = typo.chars(s.body)
    meta_fmt = typo.chars(s.meta, colour=MUTED)
    left = typo.block("left", line_height=130)
    right = typo.block("right", line_height=130)
    for row, (article, page) in enumerate(zip(articles, page_numbers, strict=True)):
        cells = [
            (headline(article), title_fmt, left),
            (short_date(article.issue_date), meta_fmt, right),
            (str(page), title_fmt, right),
        ]
        for column, (text, fmt, block) in enumerate(cells):
            cell_cursor = table.cellAt(row, column).firstCursorPosition()
            cell_cursor.setBlockFormat(block)
            cell_cursor.insertText(text, fmt)
    cursor.endEditBlock()
    layout = doc.documentLayout()
    rows = []
    for row in range(len(articles)):
        top = bottom = None
        for column in range(3):
            cell = table.cellAt(row, column)
            rect = layout.blockBoundingRect(cell.firstCursorPosition().block())
            top = rect.top() if top is None else min(top, rect.top())
            bottom = rect.bottom() if bottom is None else max(bottom, rect.bottom())
        rows.append((float(top or 0.0), float(bottom or 0.0)))
    return TocLayout(doc, tuple(rows), doc.pageCount())
