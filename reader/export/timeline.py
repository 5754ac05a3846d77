"""Drawing a timeline (hits per period) with QPainter: one painter for the window's
chart (``timelineChart``), its PNG/SVG export and the PDF title page.

QtGui only: the exporter runs without widgets. The buckets are anything with
``period`` (``"2025-11"`` or ``"2025"``), ``articles`` and ``total``
(:class:`reader.domain.TimelineBucket`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

BAR = QColor("#9b1c1c")
"""The newspaper red of the export (``typography.ACCENT``)."""
BAR_SELECTED = QColor("#5c0f0f")
BAR_EMPTY = QColor("#e3e3e8")
AXIS = QColor("#c9c9cf")
LABEL = QColor("#6e6e73")


class Bucket(Protocol):
    @property
    def period(self) -> str: ...
    @property
    def articles(self) -> int: ...
    @property
    def total(self) -> int: ...


def chinese_month(month: int) -> str:
    return f"{month}月"


@dataclass(frozen=True)
class ChartStyle:
    font: QFont
    label_height: float = 16.0
    top_margin: float = 14.0
    """Room for the scale's label above the highest bar."""
    month_label: Callable[[int], str] = chinese_month
    """How a month is named under its bar when the chart spans a single year."""


def share(bucket: Bucket) -> float:
    """The bucket's hits as a share of its period's articles (0 when it has none)."""
    return bucket.articles / bucket.total if bucket.total else 0.0


def value(bucket: Bucket, mode: str) -> float:
    return share(bucket) if mode == "share" else float(bucket.articles)


def bar_rects(buckets: Sequence[Bucket], area: QRectF, mode: str) -> list[QRectF]:
    """Each bucket's bar inside ``area`` (zero-height bars for empty periods)."""
    if not buckets:
        return []
    peak = max((value(b, mode) for b in buckets), default=0.0) or 1.0
    step = area.width() / len(buckets)
    # Few periods: slim bars with air between them; many: bars nearly touch.
    gap = step * 0.3 if len(buckets) <= 60 else (min(2.0, step * 0.2) if step >= 3 else 0.0)
    rects = []
    for i, bucket in enumerate(buckets):
        height = area.height() * value(bucket, mode) / peak
        rects.append(QRectF(area.left() + i * step, area.bottom() - height, step - gap, height))
    return rects


def plot_area(rect: QRectF, style: ChartStyle) -> QRectF:
    return QRectF(
        rect.left() + 4,
        rect.top() + style.top_margin,
        rect.width() - 8,
        rect.height() - style.top_margin - style.label_height,
    )


def bucket_at(buckets: Sequence[Bucket], area: QRectF, x: float) -> int:
    """The index of the bucket under ``x`` (clamped), -1 when there are none."""
    if not buckets or area.width() <= 0:
        return -1
    index = int((x - area.left()) / (area.width() / len(buckets)))
    return max(0, min(len(buckets) - 1, index))


def paint_timeline(
    painter: QPainter,
    rect: QRectF,
    buckets: Sequence[Bucket],
    style: ChartStyle,
    mode: str = "count",
    selected: tuple[int, int] | None = None,
    hovered: int = -1,
) -> None:
    """Bars, a baseline, the scale's top value and period labels that never collide."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setFont(style.font)
    metrics = QFontMetricsF(style.font)
    area = plot_area(rect, style)
    peak = max((value(b, mode) for b in buckets), default=0.0)
    for i, bar in enumerate(bar_rects(buckets, area, mode)):
        inside = selected is not None and selected[0] <= i <= selected[1]
        colour = BAR_SELECTED if inside or i == hovered else BAR
        if bar.height() < 1:
            # An empty period still shows where it is.
            painter.fillRect(QRectF(bar.left(), area.bottom() - 1, bar.width(), 1), BAR_EMPTY)
        else:
            painter.fillRect(bar, colour)
    painter.setPen(QPen(AXIS, 1))
    painter.drawLine(QPointF(area.left(), area.bottom()), QPointF(area.right(), area.bottom()))
    painter.setPen(LABEL)
    top = f"{peak:.0%}" if mode == "share" else f"{peak:.0f}"
    painter.drawText(QPointF(area.left(), rect.top() + metrics.ascent()), top)
    _period_labels(painter, buckets, area, metrics, style.month_label)
    painter.restore()


def _period_labels(
    painter: QPainter,
    buckets: Sequence[Bucket],
    area: QRectF,
    metrics: QFontMetricsF,
    month_label: Callable[[int], str],
) -> None:
    """Years (or months of a short range) under the bars, skipping labels that would
    touch the one before."""
    if not buckets:
        return
    step = area.width() / len(buckets)
    monthly = len(buckets[0].period) > 4
    span_years = {b.period[:4] for b in buckets}
    last_right = -1e9
    baseline = area.bottom() + metrics.ascent() + 2
    for i, bucket in enumerate(buckets):
        if monthly and len(span_years) > 1 and not bucket.period.endswith("-01") and i:
            continue
        label = bucket.period if (monthly and len(span_years) == 1) else bucket.period[:4]
        if monthly and len(span_years) == 1:
            label = month_label(int(bucket.period[5:7]))
        width = metrics.horizontalAdvance(label)
        x = area.left() + i * step
        if x < last_right + 6 or x + width > area.right() + 4:
            continue
        painter.drawText(QPointF(x, baseline), label)
        last_right = x + width


@dataclass(frozen=True)
class Gap:
    """A period between two others in which no issue appeared (drawn, never counted)."""

    period: str
    articles: int = 0
    total: int = 0


def continuous(buckets: Sequence[Bucket]) -> tuple[Bucket, ...]:
    """``buckets`` with the periods that had no issue put back between them, so that the
    axis is time (a monthly archive with a gap of a year shows the gap)."""
    if len(buckets) < 2:
        return tuple(buckets)
    out: list[Bucket] = []
    known = {b.period: b for b in buckets}
    for period in _periods(buckets[0].period, buckets[-1].period):
        out.append(known.get(period) or Gap(period))
    return tuple(out)


def _periods(first: str, last: str) -> list[str]:
    if len(first) == 4:
        return [str(year) for year in range(int(first), int(last) + 1)]
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    periods = []
    while (year, month) <= end:
        periods.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return periods


def timeline_csv(buckets: Sequence[Bucket]) -> str:
    """The numbers behind the chart: ``period,articles,total``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["period", "articles", "total"])
    for bucket in buckets:
        writer.writerow([bucket.period, bucket.articles, bucket.total])
    return out.getvalue()


def period_bounds(period: str) -> tuple[Any, Any]:
    """The first and last day of ``"2025-11"`` or ``"2025"``."""
    import calendar
    import datetime as dt

    year = int(period[:4])
    if len(period) == 4:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(period[5:7])
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


__all__ = [
    "ChartStyle",
    "continuous",
    "bar_rects",
    "bucket_at",
    "paint_timeline",
    "period_bounds",
    "plot_area",
    "share",
    "timeline_csv",
]
