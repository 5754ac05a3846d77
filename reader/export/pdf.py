"""Selected articles → a PDF that reads like a publication (QtGui only).

Layout: a title page, an optional table of contents (目录) with page numbers, then
each article from a fresh page, with a running header (issue date, headline) and page
numbers. Qt lays out and paints (QTextDocument → QPdfWriter); pypdf then adds the
metadata, one outline entry per article and links from the TOC rows.

Progress is reported as ``progress(done, total)`` over ``2 × articles + 1`` steps:
laying out each article, painting each article, and finishing the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from reader import __version__
from reader.domain import Article
from reader.errors import ExportError
from reader.export.article_doc import build_article_document
from reader.export.fonts import FontFinder, find_cjk_font, require_cjk_font
from reader.export.front_matter import (
    TocLayout,
    build_title_document,
    build_toc_document,
    draw_title_timeline,
)
from reader.export.labels import headline, issue_label
from reader.export.options import ExportOptions, ExportResult, page_size_id
from reader.export.outline import OutlineEntry, PageLink, check_writable, finish_pdf
from reader.export.pages import PageGeometry, draw_document_page, draw_furniture
from reader.export.typography import COMPACT, NORMAL, Typography
from reader.progress import CancelToken

Progress = Callable[[int, int], None]
RESOLUTION = 300
"""Device units per inch for layout; Qt writes PDF coordinates in points regardless."""
MAX_TOC_PASSES = 4


class _Steps:
    def __init__(self, total: int, progress: Progress | None, cancel: CancelToken | None):
        self.total, self.done = total, 0
        self._progress, self._cancel = progress, cancel

    def check(self) -> None:
        if self._cancel is not None:
            self._cancel.raise_if_cancelled()

    def advance(self) -> None:
        self.done += 1
        if self._progress is not None:
            self._progress(self.done, self.total)
        self.check()


def _footer(page: int, total: int) -> str:
    return f"第 {page} 页 / 共 {total} 页"


def export_pdf(
    articles: Sequence[Article],
    path: Path,
    options: ExportOptions,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    *,
    font_finder: FontFinder = find_cjk_font,
    today: dt.date | None = None,
) -> ExportResult:
    """Write ``articles`` to ``path`` as a PDF; see the module docstring for the layout.

    Raises :class:`FontUnavailableError` when no CJK font gives an exact text layer,
    :class:`ExportError` for an unwritable path or an unknown page size, and
    :class:`reader.progress.Cancelled` when ``cancel`` is set (nothing is written).
    Needs a :class:`QGuiApplication` (see :func:`ensure_gui_application`); may run on a
    worker thread.
    """
    if not articles:
        raise ExportError("没有要导出的文章 (nothing to export)")
    path = Path(path)
    size_id = page_size_id(options.page_size)
    check_writable(path)
    family = require_cjk_font(font_finder)
    steps = _Steps(2 * len(articles) + 1, progress, cancel)
    steps.check()

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(size_id))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setTitle(options.title)
    writer.setCreator(f"报刊档案阅读器 (Archive Reader) {__version__}")
    geometry = PageGeometry.for_page(writer.width(), writer.height(), RESOLUTION)
    small = writer.pageLayout().pageSize().size(QPageSize.Unit.Millimeter).width() < 170
    typo = Typography(family, writer, COMPACT if small else NORMAL)
    body = geometry.body

    docs: list[QTextDocument] = []
    for article in articles:
        docs.append(
            build_article_document(
                article, typo, body.width(), body.height(), options.highlight_entities
            )
        )
        steps.advance()
    title_doc = build_title_document(
        articles, options, typo, body.width(), today or dt.date.today()
    )
    toc = _toc(articles, docs, typo, body) if options.include_toc else None
    toc_pages = toc.page_count if toc else 0
    starts = _start_pages(docs, 1 + toc_pages)
    total_pages = starts[-1] + docs[-1].pageCount() - 1

    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("无法创建 PDF (Qt could not start the PDF writer)")
    try:
        top = body.top() + body.height() * (0.16 if options.timeline else 0.26)
        painter.save()
        painter.translate(body.left(), top)
        title_doc.drawContents(painter)
        painter.restore()
        if options.timeline:
            chart_top = top + title_doc.size().height() + body.height() * 0.06
            draw_title_timeline(painter, typo, options, body, chart_top)
        for index in range(toc_pages):
            assert toc is not None
            writer.newPage()
            draw_document_page(painter, toc.document, index, body, body.height())
            draw_furniture(
                painter, typo, geometry, options.title, "目录", _footer(2 + index, total_pages)
            )
        for article, doc, start in zip(articles, docs, starts, strict=True):
            left = issue_label(article)
            for index in range(doc.pageCount()):
                writer.newPage()
                draw_document_page(painter, doc, index, body, body.height())
                draw_furniture(
                    painter,
                    typo,
                    geometry,
                    left,
                    headline(article),
                    _footer(start + index, total_pages),
                )
            steps.advance()
    finally:
        painter.end()
    rendered = bytes(buffer.data().data())
    buffer.close()

    outline = [OutlineEntry(headline(a), s - 1) for a, s in zip(articles, starts, strict=True)]
    links = _toc_links(toc, starts, geometry) if toc else []
    metadata = {
        "/Title": options.title,
        "/Author": options.author,
        "/Subject": options.description or f"{len(articles)} 篇文章",
        "/Creator": f"报刊档案阅读器 (Archive Reader) {__version__}",
        "/Keywords": "报刊档案, 高新区头条",
    }
    page_count = finish_pdf(rendered, path, metadata, outline, links)
    steps.advance()
    return ExportResult(path, page_count, len(articles), family)


def _start_pages(docs: Sequence[QTextDocument], pages_before: int) -> list[int]:
    starts, page = [], pages_before + 1
    for doc in docs:
        starts.append(page)
        page += max(1, doc.pageCount())
    return starts


def _toc(
    articles: Sequence[Article], docs: Sequence[QTextDocument], typo: Typography, body: QRectF
) -> TocLayout:
    """Lay the TOC out until its own length and the page numbers in it agree."""
    toc_pages = 1
    for _ in range(MAX_TOC_PASSES):
        starts = _start_pages(docs, 1 + toc_pages)
        toc = build_toc_document(articles, starts, typo, body.width(), body.height())
        if toc.page_count == toc_pages:
            return toc
        toc_pages = toc.page_count
    raise ExportError("目录排版未能收敛 (table of contents did not settle)")


def _toc_links(toc: TocLayout, starts: Sequence[int], geometry: PageGeometry) -> list[PageLink]:
    scale = 72.0 / RESOLUTION
    page_height_pt = geometry.page.height() * scale
    body = geometry.body
    links = []
    for (top, bottom), start in zip(toc.rows, starts, strict=True):
        page = int(top // body.height())
        y_top = body.top() + top - page * body.height()
        y_bottom = body.top() + bottom - page * body.height()
        rect = (
            body.left() * scale,
            page_height_pt - y_bottom * scale,
            body.right() * scale,
            page_height_pt - y_top * scale,
        )
        links.append(PageLink(1 + page, rect, start - 1))
    return links
