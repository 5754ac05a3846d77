"""One article → a paginated QTextDocument, built with QTextCursor (never HTML).

Text goes in through ``insertText`` only, so article text is data: ``<b>x</b>`` in a
paragraph prints as those seven characters. Entity highlights are character formats
laid over ranges of the plain text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument

from reader.domain import TITLE_PARAGRAPH, Article, ArticleKind, Mention
from reader.export.labels import article_date_line, headline
from reader.export.typography import ACCENT, ENTITY_BACKGROUNDS, MUTED, Typography

DATELINE = re.compile(r"^\S{0,24}(讯|电)（[^（）]*）$")
"""电头: ``本报讯（记者付凯明 通讯员赵岩）``, ``新华社北京11月2日电（记者…）``."""


def _is_dateline(line: str) -> bool:
    return bool(DATELINE.match(line.strip()))


def _is_credit(line: str) -> bool:
    """图片署名 ``本报记者 马雅宁 摄``: printed after the caption."""
    return line.rstrip().endswith("摄")


def insert_marked(
    cursor: QTextCursor,
    text: str,
    base: QTextCharFormat,
    mentions: Sequence[Mention],
) -> None:
    """Insert ``text`` with ``base`` format; ranges named by ``mentions`` get the entity
    colour. Mentions that do not match the text (stale offsets) or overlap an earlier
    one are left out rather than shifting a single character."""
    spans: list[Mention] = []
    end = 0
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.start < end or not 0 <= m.start < m.end <= len(text):
            continue
        if text[m.start : m.end] != m.text:
            continue
        spans.append(m)
        end = m.end
    position = 0
    for m in spans:
        if m.start > position:
            cursor.insertText(text[position : m.start], base)
        marked = QTextCharFormat(base)
        marked.setBackground(ENTITY_BACKGROUNDS[m.type])
        cursor.insertText(text[m.start : m.end], marked)
        position = m.end
    if position < len(text):
        cursor.insertText(text[position:], base)


class _Writer:
    """Appends blocks to a document; the first call reuses its empty first block."""

    def __init__(self, doc: QTextDocument) -> None:
        self.cursor = QTextCursor(doc)
        self._fresh = True

    def block(self, block_format, char_format) -> QTextCursor:  # type: ignore[no-untyped-def]
        if self._fresh:
            self.cursor.setBlockFormat(block_format)
            self.cursor.setBlockCharFormat(char_format)
            self._fresh = False
        else:
            self.cursor.insertBlock(block_format, char_format)
        return self.cursor


def build_article_document(
    article: Article,
    typo: Typography,
    width: float,
    page_height: float,
    highlight: bool,
) -> QTextDocument:
    """The article as it should read: kicker, headline, subtitle, date and issue line,
    author lines, a rule, the paragraphs (dateline run in), then photo credits."""
    doc = typo.document(width, page_height)
    out = _Writer(doc)
    out.cursor.beginEditBlock()  # lay out once, not after every insertion
    s = typo.scale
    by_paragraph: dict[int, list[Mention]] = {}
    if highlight:
        for m in article.mentions:
            by_paragraph.setdefault(m.paragraph, []).append(m)

    if article.kicker:
        fmt = typo.chars(s.deck, colour=ACCENT)
        out.block(typo.block("center", after=4), fmt).insertText(article.kicker, fmt)
    title_fmt = typo.chars(s.headline, bold=True)
    title = headline(article)
    title_mentions = by_paragraph.get(TITLE_PARAGRAPH, []) if article.title else []
    cursor = out.block(typo.block("center", line_height=125, after=6), title_fmt)
    insert_marked(cursor, title, title_fmt, title_mentions)
    if article.subtitle:
        fmt = typo.chars(s.deck)
        out.block(typo.block("center", after=6), fmt).insertText(article.subtitle, fmt)

    meta = typo.chars(s.meta, colour=MUTED)
    out.block(typo.block("center", after=2), meta).insertText(article_date_line(article), meta)

    lines = [line for line in article.byline_lines if line.strip()]
    first = article.paragraphs[0] if article.paragraphs else ""
    datelines = [ln for ln in lines if _is_dateline(ln) and not first.startswith(ln)]
    credits = [ln for ln in lines if _is_credit(ln) and ln not in datelines]
    others = [ln for ln in lines if ln not in datelines and ln not in credits]
    if article.kind is ArticleKind.PHOTO and not article.paragraphs:
        others, credits = others + credits, []
    author_fmt = typo.chars(s.meta + 1, colour=MUTED)
    for line in others:
        out.block(typo.block("center", after=2), author_fmt).insertText(line, author_fmt)
    out.block(typo.block("center", after=10, rule_after=True), meta)

    body = typo.chars(s.body)
    run_in = typo.chars(s.body, bold=True)
    para_block = typo.block("justify", line_height=165, after=5, indent_em=2, em=s.body)
    for index, paragraph in enumerate(article.paragraphs):
        cursor = out.block(para_block, body)
        if index == 0:
            for line in datelines:
                cursor.insertText(line, run_in)
        insert_marked(cursor, paragraph, body, by_paragraph.get(index, []))
    credit_fmt = typo.chars(s.meta + 0.5, colour=MUTED)
    for line in credits:
        out.block(typo.block("right", before=4), credit_fmt).insertText(line, credit_fmt)
    out.cursor.endEditBlock()
    return doc
