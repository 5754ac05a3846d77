"""Drive the real window through its object names, over a temporary archive."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QTextBrowser,
    QTreeView,
)

from reader.domain import EntityType, SearchRequest
from reader.ui.article_html import ENTITY_COLOURS, HIT_BACKGROUND
from reader.ui.models.roles import ARTICLE_ID_ROLE

from .helpers import WAIT_MS, first_article_index, open_and_wait

PERSON_BG = ENTITY_COLOURS[EntityType.PERSON]


def test_object_names_present(make_window, seeded_db: Path) -> None:
    window = make_window(seeded_db)
    for cls, name in [
        (QTreeView, "issueTree"),
        (QTextBrowser, "articleView"),
        (QDockWidget, "sidePanel"),
        (QLineEdit, "searchBox"),
        (QListView, "searchResults"),
        (QLabel, "searchStatus"),
        (QTreeView, "bookmarkList"),
        (QTreeView, "entityList"),
        (QLineEdit, "entityFilter"),
    ]:
        assert window.findChild(cls, name) is not None, name
    assert window.findChild(object, "entityLegend") is not None
    for name in (
        "actionShowSource",
        "actionToggleBookmark",
        "actionExportPdf",
        "actionImport",
        "actionFind",
        "actionCheckArchive",
    ):
        assert window.findChild(QAction, name) is not None, name
    export = window.findChild(QAction, "actionExportPdf")
    assert export.shortcut().toString() == "Ctrl+Shift+E"
    titles = [a.text() for a in window.menuBar().actions()]
    assert [t.split("(")[0] for t in titles] == ["文件", "编辑", "视图", "工具", "帮助"]


def test_open_article_from_tree_highlights_entities(qtbot, make_window, seeded_db) -> None:
    window = make_window(seeded_db)
    window.show()
    tree = window.findChild(QTreeView, "issueTree")
    index = first_article_index(qtbot, tree)
    pane = window.article_pane
    with qtbot.waitSignal(pane.articleOpened, timeout=WAIT_MS):
        tree.setCurrentIndex(index)
    view = window.findChild(QTextBrowser, "articleView")
    article = window.article_pane.article
    assert article is not None and article.id == index.data(ARTICLE_ID_ROLE)
    html = view.toHtml()
    assert article.display_title[:6] in view.toPlainText()
    assert 'href="entity:' in html
    # Toggle a type off in the legend: its colour leaves the document.
    open_and_wait(qtbot, window, _article_naming(window, "吕沛"))
    assert PERSON_BG in view.toHtml()
    box = window.findChild(QCheckBox, "legend_person")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert not box.isChecked()
    assert PERSON_BG not in view.toHtml()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert PERSON_BG in view.toHtml()
    # Keyboard: Down moves to the next article and opens it.
    tree.setFocus()
    if tree.currentIndex() != index:
        with qtbot.waitSignal(pane.articleOpened, timeout=WAIT_MS):
            tree.setCurrentIndex(index)
    with qtbot.waitSignal(pane.articleOpened, timeout=WAIT_MS):
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert window.article_pane.article.id != index.data(ARTICLE_ID_ROLE)


def _article_naming(window, name: str) -> int:
    return window.service.articles_with_entity(name)[0].id


def test_entity_click_lists_articles(qtbot, make_window, seeded_db) -> None:
    window = make_window(seeded_db)
    open_and_wait(qtbot, window, _article_naming(window, "吕沛"))
    pane = window.article_pane
    index = next(i for i, m in enumerate(pane._mentions) if m.text == "吕沛")
    from PySide6.QtCore import QUrl

    entities = window.side_panel.entities
    with qtbot.waitSignal(entities.articlesLoaded, timeout=WAIT_MS):
        pane.view.anchorClicked.emit(QUrl(f"entity:{index}"))
    assert window.side_panel.tabs.currentWidget() is entities
    assert entities.article_model.rowCount() == len(window.service.articles_with_entity("吕沛"))
    assert "吕沛" in pane._tooltip(f"entity:{index}")


def test_search_open_hit_bookmark_and_restart(qtbot, make_window, seeded_db) -> None:
    window = make_window(seeded_db)
    window.show()
    box = window.findChild(QLineEdit, "searchBox")
    results = window.findChild(QListView, "searchResults")
    status = window.findChild(QLabel, "searchStatus")
    with qtbot.waitSignal(window.side_panel.search.searchFinished, timeout=10_000):
        # Chinese arrives through the input method as committed text, not key codes
        # (QTest cannot type non-Latin-1 keys), so insert it as an IME would.
        box.setFocus()
        box.insert("吕沛")
    qtbot.waitUntil(lambda: results.model().rowCount() > 0 and "吕沛" == box.text())
    assert "条结果" in status.text()
    first = results.model().index(0, 0)
    rect = results.visualRect(first)
    pane = window.article_pane
    with qtbot.waitSignal(pane.articleOpened, timeout=WAIT_MS):
        qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert pane.article is not None and pane.article.id == first.data(ARTICLE_ID_ROLE)
    assert HIT_BACKGROUND in pane.view.toHtml()
    assert pane.hit_count >= 1
    assert pane.view.textCursor().selectedText() == "吕沛"
    pane.action_next_hit.trigger()  # F3 steps (and wraps) without losing the hit
    assert pane.view.textCursor().selectedText() == "吕沛"

    star = window.findChild(QAction, "actionToggleBookmark")
    star.trigger()
    bookmarks = window.findChild(QTreeView, "bookmarkList")
    qtbot.waitUntil(lambda: star.isChecked() and bookmarks.model().rowCount() == 1)
    key = pane.article.key
    window.close()

    again = make_window(seeded_db)
    marks = again.findChild(QTreeView, "bookmarkList").model()
    qtbot.waitUntil(lambda: marks.rowCount() == 1, timeout=WAIT_MS)
    assert again.service.bookmarks()[0].key == key
    # The last article comes back, with its star lit.
    again_pane = again.article_pane
    qtbot.waitUntil(lambda: again_pane.article is not None, timeout=WAIT_MS)
    assert again_pane.article.key == key
    assert again.findChild(QAction, "actionToggleBookmark").isChecked()


def test_zoom_find_source_and_about(qtbot, make_window, seeded_db) -> None:
    window = make_window(seeded_db)
    window.show()
    open_and_wait(qtbot, window, _article_naming(window, "吕沛"))
    pane = window.article_pane
    size = pane.view.document().defaultFont().pointSizeF()
    pane.action_zoom_in.trigger()
    assert pane.view.document().defaultFont().pointSizeF() > size
    pane.action_zoom_reset.trigger()
    assert pane.view.document().defaultFont().pointSizeF() == size
    pane.action_find.trigger()
    pane.find_bar.input.insert("吕沛")
    assert pane.view.textCursor().selectedText() == "吕沛"
    source = window.findChild(QAction, "actionShowSource")
    with qtbot.waitSignal(pane.sourceShown, timeout=WAIT_MS):
        source.trigger()
    text = pane.view.toPlainText()
    assert pane.article.source_name in text
    source.trigger()
    about = window.show_about()
    assert "0.1.0" in about.text() and str(window.service.database_path) in about.informativeText()
    about.close()


def test_first_start_indexes_seeds(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window(tmp_path / "empty.sqlite3")
    assert not window.service.is_empty()
    qtbot.waitUntil(lambda: window.tree.model().rowCount() > 0, timeout=WAIT_MS)
    assert window.findChild(QMessageBox, "indexSummary") is None  # nothing to report


def test_import_bad_file_reports(qtbot, make_window, seeded_db, tmp_path: Path) -> None:
    window = make_window(seeded_db)
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02\xff\xfe binary \x00" * 50)
    with qtbot.waitSignal(window.indexingFinished, timeout=30_000) as blocker:
        assert window.import_paths([bad])
    report = blocker.args[0]
    assert report.skipped and report.skipped[0][0] == "broken.txt"
    summary = window.findChild(QMessageBox, "indexSummary")
    assert summary is not None
    assert "broken.txt" in summary.informativeText()
    assert report.skipped[0][1] in summary.informativeText()


def test_article_markup_is_shown_not_rendered(qtbot, make_window, seeded_db, tmp_path) -> None:
    window = make_window(seeded_db)
    story = tmp_path / "markup.txt"
    story.write_text(
        "2025年11月8日\n\n测试标记显示\n\n本报讯（记者张三）11月7日，文中有<b>粗体</b>、"
        '<img src=x>和<a href="http://example.com">链接</a>等字样。\n',
        encoding="utf-8",
    )
    with qtbot.waitSignal(window.indexingFinished, timeout=30_000):
        window.import_paths([story])
    hits = [
        a
        for issue in window.service.issues()
        for a in window.service.articles_in_issue(issue.id)
        if a.source_name == "markup.txt"
    ]
    assert hits
    open_and_wait(qtbot, window, hits[0].id)
    view = window.findChild(QTextBrowser, "articleView")
    text = view.toPlainText()
    assert "<b>粗体</b>" in text
    assert "<img src=x>" in text
    assert '<a href="http://example.com">链接</a>' in text
    html = view.toHtml()
    assert "<img" not in html and 'example.com">' not in html.replace("&quot;", "")


def test_import_progress_shows_the_reading_pass_then_the_files(
    qtbot, make_window, seeded_db, tmp_path: Path, monkeypatch
) -> None:
    import shutil

    from reader.paths import BUNDLED_SEEDS_DIR
    from reader.ui.indexing import IndexingController

    folder = tmp_path / "copies"
    folder.mkdir()
    for seed in sorted(BUNDLED_SEEDS_DIR.glob("*.txt")):
        shutil.copy(seed, folder / f"copy_{seed.name}")
    window = make_window(seeded_db)
    labels: list[str] = []
    shown = IndexingController._apply

    def spy(controller: IndexingController, event) -> None:  # type: ignore[no-untyped-def]
        shown(controller, event)
        if controller.dialog is not None and not event.done:
            labels.append(controller.dialog.labelText())

    monkeypatch.setattr(IndexingController, "_apply", spy)
    with qtbot.waitSignal(window.indexingFinished, timeout=30_000):
        assert window.import_paths([folder])
    reading = [label for label in labels if label.startswith("正在读取第")]
    storing = [label for label in labels if label.startswith("第 ")]
    assert len(reading) == len(storing) == 5
    assert reading[0].startswith("正在读取第 1 / 5 个文件：copy_")
    assert storing[-1].startswith("第 5 / 5 个文件：copy_")
    assert labels == reading + storing


def test_an_estimated_total_is_replaced_by_the_exact_count(
    qtbot, make_window, seeded_db, monkeypatch
) -> None:
    """Past totals.COUNT_CAP hits the first page comes with an estimate ("约 …"), and
    the exact total replaces it once a background count is done."""
    from reader.bootstrap import open_service
    from reader.search import totals

    monkeypatch.setattr(totals, "COUNT_CAP", 3)
    service = open_service(seeded_db)
    exact = service.search(SearchRequest("的", limit=None)).total
    service.close()
    assert exact > 3
    window = make_window(seeded_db)
    window.show()
    panel = window.side_panel.search
    status = window.findChild(QLabel, "searchStatus")
    seen: list[str] = []
    panel.searchFinished.connect(lambda: seen.append(status.text()))
    with qtbot.waitSignal(panel.totalCounted, timeout=10_000) as counted:
        panel.search_for("的")
    assert counted.args == [exact]
    assert seen and seen[-1].startswith("约 ") and "正在精确计数" in seen[-1]
    assert status.text().startswith(f"共 {exact} 条结果")
    assert panel.model.total == exact
    # The service remembers the count: the same search again is exact at once.
    panel.search_for("的的")
    qtbot.waitUntil(lambda: seen[-1].startswith("约 "), timeout=10_000)
    qtbot.waitUntil(lambda: status.text().startswith("共 "), timeout=10_000)
    seen.clear()
    with qtbot.waitSignal(panel.searchFinished, timeout=10_000):
        panel.search_for("的")
    assert seen and seen[-1].startswith(f"共 {exact} 条结果"), seen


def test_a_short_first_page_is_completed_in_the_background(
    qtbot, make_window, seeded_db, monkeypatch
) -> None:
    """A long term's first page checks at most engine.CHECK_BUDGET candidates after
    its headline hits; a page that came short shows what it found, says it is still
    looking, and gets the rest of its rows (the ones shown stay, with the selection)
    and the exact total from a background search."""
    from reader.bootstrap import open_service
    from reader.search import engine

    service = open_service(seeded_db)
    exact = service.search(SearchRequest("管委会", limit=30))
    service.close()
    assert 5 < exact.total <= 30 and exact.complete
    monkeypatch.setattr(engine, "CHECK_BUDGET", 1)
    monkeypatch.setattr(engine, "CHECKED_CAP", 1)
    window = make_window(seeded_db)
    window.show()
    panel = window.side_panel.search
    status = window.findChild(QLabel, "searchStatus")
    seen: list[tuple[str, int]] = []
    panel.searchFinished.connect(lambda: seen.append((status.text(), panel.model.rowCount())))
    first_ids: list[int] = []
    panel.searchFinished.connect(
        lambda: first_ids.extend(
            panel.model.hit(row).article.id for row in range(panel.model.rowCount())
        )
    )
    with qtbot.waitSignal(panel.totalCounted, timeout=10_000) as counted:
        panel.search_for("管委会")
    first_text, first_rows = seen[-1]
    assert "正在继续查找" in first_text and 0 < first_rows < exact.total
    assert counted.args == [exact.total]
    assert status.text().startswith(f"共 {exact.total} 条结果")
    shown = [panel.model.hit(row).article.id for row in range(panel.model.rowCount())]
    # Few enough hits to rank them all: the whole page comes ranked, and the article
    # that was current (the first one found) still is.
    assert shown == [hit.article.id for hit in exact.hits]
    assert panel.model.hit(panel.results.currentIndex().row()).article.id == first_ids[0]
    assert not panel.model.canFetchMore()


def test_a_short_page_of_many_hits_is_filled_in_place(
    qtbot, make_window, seeded_db, monkeypatch
) -> None:
    """When the hits are too many to rank, the whole page continues the start shown:
    the missing rows are appended, nothing shown moves."""
    from reader.bootstrap import open_service
    from reader.search import engine

    monkeypatch.setattr(engine, "RANK_ALL", 0)
    service = open_service(seeded_db)
    exact = service.search(SearchRequest("管委会", limit=30))
    service.close()
    monkeypatch.setattr(engine, "CHECK_BUDGET", 1)
    monkeypatch.setattr(engine, "CHECKED_CAP", 1)
    window = make_window(seeded_db)
    window.show()
    panel = window.side_panel.search
    inserted: list[int] = []
    panel.model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    resets: list[int] = []
    panel.model.modelReset.connect(lambda: resets.append(panel.model.rowCount()))
    with qtbot.waitSignal(panel.totalCounted, timeout=10_000):
        panel.search_for("管委会")
    assert len(resets) == 1 and inserted == [exact.total - resets[0]]
    shown = [panel.model.hit(row).article.id for row in range(panel.model.rowCount())]
    assert shown == [hit.article.id for hit in exact.hits]
