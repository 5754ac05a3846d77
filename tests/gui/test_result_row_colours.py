"""A search hit's row: grey date and snippet on a plain row, the selection's own text
colour on a selected one (grey on the selection's blue was hard to read); the match
mark keeps dark text on yellow either way."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QBrush, QColor, QTextDocument
from PySide6.QtWidgets import QListView, QStyle, QStyleOptionViewItem

from reader.bootstrap import open_service
from reader.domain import SearchRequest
from reader.ui.article_html import HIT_BACKGROUND, HIT_TEXT
from reader.ui.colors import MUTED_TEXT
from reader.ui.models.search_results import SearchResultsModel
from reader.ui.widgets.rich_delegate import RichTextDelegate

from .helpers import ops_over


def _fragments(document: QTextDocument) -> list[tuple[str, QBrush, QBrush]]:
    """(text, foreground, background) of every run of the document."""
    out = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid():
                char = fragment.charFormat()
                out.append((fragment.text(), char.foreground(), char.background()))
            iterator += 1
        block = block.next()
    return out


def _colour(brush: QBrush) -> str | None:
    return brush.color().name() if brush.style() != brush.style().NoBrush else None


def test_a_selected_row_takes_the_selection_colour(qtbot, seeded_db: Path) -> None:
    service = open_service(seeded_db)
    ops = ops_over(service)
    view = QListView()
    qtbot.addWidget(view)
    model = SearchResultsModel(ops)
    request = SearchRequest("高新区", limit=5)
    model.set_results(request, service.search(request))
    view.setModel(model)
    delegate = RichTextDelegate(view)
    index = model.index(0, 0)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 500, 80)  # type: ignore[attr-defined]
    plain = _fragments(delegate._document(option, index))
    option.state |= QStyle.StateFlag.State_Selected  # type: ignore[attr-defined]
    selected = _fragments(delegate._document(option, index))
    assert [text for text, _, _ in plain] == [text for text, _, _ in selected]

    marks = [(text, _colour(fg)) for text, fg, bg in plain if _colour(bg) == HIT_BACKGROUND]
    assert marks and all(colour == QColor(HIT_TEXT).name() for _, colour in marks)
    # Plain row: the date is muted grey, the snippet's other text dark grey.
    plain_colours = {_colour(fg) for _, fg, bg in plain if _colour(bg) != HIT_BACKGROUND}
    assert QColor(MUTED_TEXT).name() in plain_colours
    # Selected row: outside the marks no colour of its own, so the paint context's
    # highlighted-text colour applies; the marks stay dark on yellow.
    unmarked = [(text, _colour(fg)) for text, fg, bg in selected if _colour(bg) != HIT_BACKGROUND]
    assert unmarked and all(colour is None for _, colour in unmarked), unmarked
    selected_marks = [
        (text, _colour(fg)) for text, fg, bg in selected if _colour(bg) == HIT_BACKGROUND
    ]
    assert selected_marks == marks
    ops.close()
    service.close()
