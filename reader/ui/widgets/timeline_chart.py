"""A bar chart of hits per period (``timelineChart``, ``entityTimeline``).

Tooltips give the counts and the share of the period's articles; a click on a bar
asks for that period, a drag across bars for a range; the context menu exports the
chart as PNG or SVG and the numbers as CSV. Drawing is ``reader.export.timeline``'s,
shared with the PDF title page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFileDialog, QMenu, QSizePolicy, QToolTip, QWidget

from reader.export.timeline import (
    ChartStyle,
    bucket_at,
    continuous,
    paint_timeline,
    period_bounds,
    plot_area,
    share,
    timeline_csv,
)

EXPORT_SIZE = QSize(1200, 360)


class TimelineChart(QWidget):
    periodClicked = Signal(object, object)
    """First and last day of the period whose bar was clicked."""
    rangeSelected = Signal(object, object)
    """First and last day of the periods a drag went across."""

    def __init__(self, name: str = "timelineChart", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setMouseTracking(True)
        self.setMinimumHeight(96)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._buckets: tuple[Any, ...] = ()
        self._data: tuple[Any, ...] = ()
        self._title = ""
        self.mode = "count"
        self._hovered = -1
        self._press = -1
        self._drag: tuple[int, int] | None = None
        self.selected: tuple[int, int] | None = None
        for text, slot in (
            (self.tr("导出为 PNG…"), self._save_png),
            (self.tr("导出为 SVG…"), self._save_svg),
            (self.tr("导出数据 (CSV)…"), self._save_csv),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            self.addAction(action)
        self._toggle_share = QAction(self.tr("按占比显示"), self)
        self._toggle_share.setCheckable(True)
        self._toggle_share.toggled.connect(lambda on: self.set_mode("share" if on else "count"))

    # -- data -------------------------------------------------------------------------
    @property
    def buckets(self) -> tuple[Any, ...]:
        """The bars drawn: every period from the first to the last (gaps included)."""
        return self._buckets

    @property
    def data(self) -> tuple[Any, ...]:
        """The timeline as given: the periods that have issues."""
        return self._data

    @property
    def title(self) -> str:
        """What the chart counts (the query, or the entity's name)."""
        return self._title

    def set_timeline(self, buckets: Sequence[Any], title: str = "") -> None:
        """Show ``buckets`` (periods with issues); periods between them without any issue
        are drawn as gaps so the axis is time."""
        self._data = tuple(buckets)
        self._buckets = continuous(self._data)
        self._title = title
        self._hovered = -1
        self.update()

    def set_mode(self, mode: str) -> None:
        """``count`` (hits per period) or ``share`` (of the period's articles)."""
        self.mode = mode if mode in ("count", "share") else "count"
        self._toggle_share.setChecked(self.mode == "share")
        self.update()

    def select_periods(self, first: int, last: int) -> None:
        self.selected = (min(first, last), max(first, last))
        self.update()

    def clear_selection(self) -> None:
        self.selected = None
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 110)

    # -- painting ---------------------------------------------------------------------
    def _style(self) -> ChartStyle:
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        return ChartStyle(font, month_label=_month_name)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        self.render_to(painter, QRectF(self.rect()))
        painter.end()

    def render_to(self, painter: QPainter, rect: QRectF) -> None:
        selected = self._drag or self.selected
        paint_timeline(
            painter, rect, self._buckets, self._style(), self.mode, selected, self._hovered
        )

    # -- mouse ------------------------------------------------------------------------
    def _index_at(self, point: QPointF) -> int:
        return bucket_at(self._buckets, plot_area(QRectF(self.rect()), self._style()), point.x())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._buckets:
            self._press = self._index_at(event.position())
            self._drag = (self._press, self._press)
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self._index_at(event.position())
        if self._press >= 0:
            self._drag = (min(self._press, index), max(self._press, index))
        if index != self._hovered:
            self._hovered = index
            self.update()
        if index >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_for(index), self)

    def leaveEvent(self, event: object) -> None:  # type: ignore[override]
        self._hovered = -1
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press < 0 or event.button() != Qt.MouseButton.LeftButton:
            return
        first, last = self._drag or (self._press, self._press)
        self._press, self._drag = -1, None
        self.select_periods(first, last)
        start = period_bounds(self._buckets[first].period)[0]
        end = period_bounds(self._buckets[last].period)[1]
        if first == last:
            self.periodClicked.emit(start, end)
        else:
            self.rangeSelected.emit(start, end)

    def tooltip_for(self, index: int) -> str:
        bucket = self._buckets[index]
        return (
            self.tr("%1：%2 篇，占当期 %3 篇的 %4")
            .replace("%1", bucket.period)
            .replace("%2", str(bucket.articles))
            .replace("%3", str(bucket.total))
            .replace("%4", f"{share(bucket):.1%}")
        )

    # -- export -----------------------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addActions(self.actions())
        menu.addSeparator()
        menu.addAction(self._toggle_share)
        menu.exec(event.globalPos())

    def export_png(self, path: Path, size: QSize | None = None) -> None:
        size = size or EXPORT_SIZE
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        self.render_to(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        if not image.save(str(path)):  # the format follows the suffix
            raise OSError(f"cannot write {path}")

    def export_svg(self, path: Path, size: QSize | None = None) -> None:
        from PySide6.QtSvg import QSvgGenerator

        size = size or EXPORT_SIZE
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(self._title or self.tr("时间分布"))
        painter = QPainter(generator)
        self.render_to(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()

    def export_csv(self, path: Path) -> None:
        path.write_text(timeline_csv(self._data), encoding="utf-8")

    def _ask_path(self, caption: str, pattern: str, suffix: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, caption, f"timeline{suffix}", pattern)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(suffix)

    def _save_png(self) -> None:
        path = self._ask_path(self.tr("导出为 PNG"), "PNG (*.png)", ".png")
        if path:
            self.export_png(path)

    def _save_svg(self) -> None:
        path = self._ask_path(self.tr("导出为 SVG"), "SVG (*.svg)", ".svg")
        if path:
            self.export_svg(path)

    def _save_csv(self) -> None:
        path = self._ask_path(self.tr("导出数据"), "CSV (*.csv)", ".csv")
        if path:
            self.export_csv(path)


def _month_name(month: int) -> str:
    """The month in the window's language (``11月``, ``Nov``)."""
    return QLocale().standaloneMonthName(month, QLocale.FormatType.ShortFormat)
