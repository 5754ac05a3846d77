"""Issue 15 in the window: the search's timeline, an entity's page, related articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QPushButton

from reader.domain import SearchRequest, TimelineBucket
from reader.ui.widgets.timeline_chart import TimelineChart

from .helpers import WAIT_MS, open_and_wait

BUCKETS = (
    TimelineBucket("2025-10", 0, 10),
    TimelineBucket("2025-11", 4, 20),
    TimelineBucket("2025-12", 2, 8),
)


def _x_of(chart: TimelineChart, index: int) -> int:
    width = chart.width() - 8
    return int(4 + (index + 0.5) * width / len(chart.buckets))


def test_the_chart_clicks_drags_and_exports(qtbot, tmp_path: Path) -> None:
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.resize(300, 110)
    chart.show()
    chart.set_timeline(BUCKETS, "高新区")
    assert "2025-11" in chart.tooltip_for(1) and "4 篇" in chart.tooltip_for(1)
    assert "20.0%" in chart.tooltip_for(1)
    y = chart.height() // 2
    with qtbot.waitSignal(chart.periodClicked) as clicked:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(_x_of(chart, 1), y))
    assert clicked.args == [dt.date(2025, 11, 1), dt.date(2025, 11, 30)]
    with qtbot.waitSignal(chart.rangeSelected) as dragged:
        qtbot.mousePress(chart, Qt.MouseButton.LeftButton, pos=QPoint(_x_of(chart, 0), y))
        qtbot.mouseMove(chart, QPoint(_x_of(chart, 2), y))
        qtbot.mouseRelease(chart, Qt.MouseButton.LeftButton, pos=QPoint(_x_of(chart, 2), y))
    assert dragged.args == [dt.date(2025, 10, 1), dt.date(2025, 12, 31)]
    assert chart.selected == (0, 2)

    chart.export_png(tmp_path / "t.png")
    chart.export_svg(tmp_path / "t.svg")
    chart.export_csv(tmp_path / "t.csv")
    assert (tmp_path / "t.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "t.svg").read_text(encoding="utf-8")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines() == [
        "period,articles,total",
        "2025-10,0,10",
        "2025-11,4,20",
        "2025-12,2,8",
    ]


def test_the_search_timeline_counts_the_hits_and_filters_by_period(
    qtbot, make_window, seeded_db: Path
) -> None:
    window = make_window(seeded_db)
    search = window.side_panel.search
    window.side_panel.show_tab(search)
    box = window.findChild(QLineEdit, "searchBox")
    with qtbot.waitSignal(search.timelineLoaded, timeout=WAIT_MS):
        box.insert("高新区")
    chart = window.findChild(TimelineChart, "timelineChart")
    total = window.service.search(SearchRequest("高新区", limit=None)).total
    assert sum(b.articles for b in chart.buckets) == total
    assert all(b.articles <= b.total for b in chart.buckets)
    busiest = max(range(len(chart.buckets)), key=lambda i: chart.buckets[i].articles)
    with qtbot.waitSignal(search.searchFinished, timeout=WAIT_MS):
        chart.periodClicked.emit(*_bounds(chart.buckets[busiest].period))
    assert search.model.total == chart.buckets[busiest].articles
    assert chart.selected == (busiest, busiest)
    assert not window.findChild(QPushButton, "timelinePeriod").isHidden()
    with qtbot.waitSignal(search.searchFinished, timeout=WAIT_MS):
        window.findChild(QPushButton, "timelinePeriod").click()
    assert search.model.total == total and chart.selected is None


def _bounds(period: str) -> tuple[dt.date, dt.date]:
    from reader.export.timeline import period_bounds

    return period_bounds(period)


def test_an_entity_page_shows_its_timeline_and_company(qtbot, make_window, seeded_db: Path) -> None:
    window = make_window(seeded_db)
    entities = window.side_panel.entities
    with qtbot.waitSignals([entities.timelineLoaded, entities.cooccurrenceLoaded], timeout=WAIT_MS):
        window.show_entity("吕沛")
    chart = window.findChild(TimelineChart, "entityTimeline")
    named = len(window.service.articles_with_entity("吕沛"))
    assert sum(b.articles for b in chart.buckets) == named
    company = window.findChild(QListWidget, "entityCooccurrence")
    assert company.count() > 0
    first = company.item(0)
    canonical, _type = first.data(Qt.ItemDataRole.UserRole)
    assert canonical != "吕沛"
    company.itemClicked.emit(first)
    qtbot.waitUntil(
        lambda: f"“{canonical}”的文章" in entities.articles_label.text(), timeout=WAIT_MS
    )


def test_related_articles_are_listed_and_open(qtbot, make_window, seeded_db: Path) -> None:
    window = make_window(seeded_db)
    pane = window.article_pane
    article_id = window.service.articles_with_entity("吕沛")[0].id
    with qtbot.waitSignal(pane.relatedLoaded, timeout=WAIT_MS):
        open_and_wait(qtbot, window, article_id)
    related = window.findChild(QListWidget, "relatedArticles")
    ids = [related.item(i).data(Qt.ItemDataRole.UserRole) for i in range(related.count())]
    assert article_id not in ids
    if ids:
        with qtbot.waitSignal(pane.articleOpened, timeout=WAIT_MS):
            related.itemClicked.emit(related.item(0))
        assert pane.article is not None and pane.article.id == ids[0]
