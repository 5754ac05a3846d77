"""Article → rich text for the reading pane, built from escaped text and spans.

Every piece of article text goes through :func:`html.escape` *before* it meets any
markup: entity and search highlights are spans placed over escaped segments, never
string replacement on HTML. An article that prints ``<img src=x>`` shows exactly
that.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from reader.domain import (
    TITLE_PARAGRAPH,
    Article,
    ArticleKind,
    EntityType,
    MatchSpan,
    Mention,
    SourceExcerpt,
)
from reader.ui.colors import MUTED_TEXT
from reader.ui.labels import entity_type_label, kind_label, role_label

# lupdate reads literal translate("Context", "text") calls.
translate = QCoreApplication.translate

ENTITY_COLOURS: dict[EntityType, str] = {
    EntityType.PERSON: "#d6e9ff",
    EntityType.PLACE: "#d9f2d0",
    EntityType.ORGANIZATION: "#f6dcf5",
    EntityType.DATE: "#ffe7cc",
}
"""Light backgrounds per entity type; the legend shows the same colours."""
ENTITY_TEXT_COLOURS: dict[EntityType, str] = {
    EntityType.PERSON: "#0b4f9c",
    EntityType.PLACE: "#1f6b1a",
    EntityType.ORGANIZATION: "#7d1f7a",
    EntityType.DATE: "#8a4b00",
}
HIT_BACKGROUND = "#ffd23f"
"""Search-hit background. The pane finds hits again by this exact colour (F3), so no
entity colour may equal it."""
HIT_TEXT = "#1d1d1f"
"""Text on a search hit: dark on the yellow mark, even in a selected result row whose
other text takes the selection's (light) colour."""
ENTITY_SCHEME = "entity"
TEXT_COLOUR = "#1d1d1f"
MUTED_COLOUR = MUTED_TEXT


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    mention: int | None = None  # index into the rendered mention list
    hit: bool = False


@dataclass(frozen=True)
class RenderedArticle:
    html: str
    mentions: tuple[Mention, ...]
    """``entity:N`` anchors in ``html`` refer to ``mentions[N]``."""


def highlight(text: str, spans: Iterable[_Span], mentions: Sequence[Mention]) -> str:
    """Escape ``text`` and wrap the parts covered by ``spans``; overlapping spans are
    split at every boundary so that no tag ever straddles another."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    if not spans:
        return html.escape(text)
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[a:b])
        covering = [s for s in spans if s.start <= a and b <= s.end]
        entity = next((s.mention for s in covering if s.mention is not None), None)
        hit = any(s.hit for s in covering)
        style: list[str] = []
        if hit:
            style.append(f"background-color:{HIT_BACKGROUND};color:{HIT_TEXT}")
        if entity is not None:
            etype = mentions[entity].type
            if not hit:
                style.append(f"background-color:{ENTITY_COLOURS[etype]}")
            style.append(f"color:{ENTITY_TEXT_COLOURS[etype]}")
            style.append("text-decoration:none")
            out.append(f'<a href="{ENTITY_SCHEME}:{entity}" style="{";".join(style)}">{piece}</a>')
        elif hit:
            out.append(f'<span style="{";".join(style)}">{piece}</span>')
        else:
            out.append(piece)
    return "".join(out)


def render_article(
    article: Article,
    enabled_types: Iterable[EntityType] = tuple(EntityType),
    hits: Sequence[MatchSpan] = (),
) -> RenderedArticle:
    enabled = set(enabled_types)
    mentions = tuple(m for m in article.mentions if m.type in enabled)

    def spans_for(field: str, paragraph: int) -> list[_Span]:
        spans = [
            _Span(m.start, m.end, mention=i)
            for i, m in enumerate(mentions)
            if field in ("title", "paragraph") and m.paragraph == paragraph
        ]
        spans += [
            _Span(h.start, h.end, hit=True)
            for h in hits
            if h.field == field and (field != "paragraph" or h.paragraph == paragraph)
        ]
        return spans

    def hl(text: str, field: str, paragraph: int = TITLE_PARAGRAPH) -> str:
        return highlight(text, spans_for(field, paragraph), mentions)

    parts: list[str] = []
    if article.kicker:
        parts.append(f'<p class="kicker">{hl(article.kicker, "kicker")}</p>')
    if article.title:
        parts.append(f'<h1 class="headline">{hl(article.title, "title")}</h1>')
    else:
        # An untitled story: the derived title is ours, not the paper's, so say so.
        note = html.escape(translate("ArticleHtml", "原文无标题"))
        parts.append(
            f'<h1 class="headline untitled" title="{note}">'
            f"{html.escape(article.display_title)}</h1>"
        )
    if article.subtitle:
        parts.append(f'<p class="subtitle">{hl(article.subtitle, "subtitle")}</p>')
    parts.append(f'<p class="meta">{_meta_line(article)}</p>')

    byline_html = [
        highlight(line, _byline_hits(article, line, hits), mentions)
        for line in article.byline_lines
    ]
    # As printed: a dateline (本报讯（记者…）) runs into the first paragraph, an author
    # line (□高亢) stands above the text, a photo credit (… 摄) follows its caption.
    lines = list(zip(article.byline_lines, byline_html, strict=True))
    dateline = ""
    if article.paragraphs and lines and lines[0][0].rstrip().endswith(("）", ")")):
        dateline = f'<span class="dateline">{lines.pop(0)[1]}</span>'
    before = [
        b
        for line, b in lines
        if article.kind is ArticleKind.COMMENTARY or not line.rstrip().endswith("摄")
    ]
    after = [b for line, b in lines if b not in before]
    parts.extend(f'<p class="byline">{b}</p>' for b in before)
    for i, paragraph in enumerate(article.paragraphs):
        lead = dateline if i == 0 else ""
        parts.append(f'<p class="body">{lead}{hl(paragraph, "paragraph", i)}</p>')
    parts.extend(f'<p class="credit">{b}</p>' for b in after)
    return RenderedArticle(_wrap("".join(parts)), mentions)


def _byline_hits(article: Article, line: str, hits: Sequence[MatchSpan]) -> list[_Span]:
    """Byline hits index the credited *names*; place them where the name is printed."""
    names = article.byline.all_names()
    spans: list[_Span] = []
    for h in hits:
        if h.field != "byline" or not 0 <= h.paragraph < len(names):
            continue
        at = line.find(names[h.paragraph])
        if at >= 0:
            spans.append(_Span(at + h.start, at + h.end, hit=True))
    return spans


def _meta_line(article: Article) -> str:
    bits = [kind_label(article.kind)]
    if article.date:
        bits.append(article.date.isoformat())
    issue = (
        article.issue_date.isoformat()
        if article.issue_date
        else translate("ArticleHtml", "日期不详")
    )
    if article.issue_date and article.year_source == "file-time":
        # The issue never states its year: say where the guess comes from.
        issue += translate("ArticleHtml", "（年份据文件时间推定）")
    bits.append(
        translate("ArticleHtml", "%1期（%2）")
        .replace("%1", issue)
        .replace("%2", article.source_name)
    )
    for role, names in article.byline.by_role():
        if names:
            bits.append(f"{role_label(role)} {'、'.join(names)}")
    return html.escape(" · ".join(bits))


def render_source(excerpt: SourceExcerpt) -> str:
    """The article's source lines with their numbers, for checking cuts and joins."""
    head = (
        translate("ArticleHtml", "源文件：%1").replace("%1", excerpt.source_name)
        + " — "
        + excerpt.source_path
    )
    rows: list[str] = []
    previous: int | None = None
    for number, line in excerpt.lines:
        if previous is not None and number != previous + 1:
            rows.append('<tr><td class="lineno">⋯</td><td></td></tr>')
        rows.append(
            f'<tr><td class="lineno">{number}</td>'
            f'<td class="line">{html.escape(line) or "&nbsp;"}</td></tr>'
        )
        previous = number
    note = f'<p class="note">{html.escape(excerpt.note)}</p>' if excerpt.note else ""
    if not rows:
        missing = html.escape(translate("ArticleHtml", "源文件中找不到这篇文章的行。"))
        rows.append(f"<tr><td></td><td>{missing}</td></tr>")
    return _wrap(
        f'<p class="meta">{html.escape(head)}</p>{note}'
        f'<table class="source" cellspacing="0" cellpadding="3">{"".join(rows)}</table>'
    )


def mention_tooltip(mention: Mention) -> str:
    canonical = mention.canonical or mention.text
    text = f"{entity_type_label(mention.type)} · {canonical}"
    if canonical != mention.text:
        text += " " + translate("ArticleHtml", "（原文作“%1”）").replace("%1", mention.text)
    return text


def _wrap(body: str) -> str:
    return f"<html><body>{body}</body></html>"


def style_sheet(indent_px: int) -> str:
    """The reading document's style sheet. Qt's rich text has no ``em`` for indents, so
    the two-character paragraph indent is given in pixels for the current font."""
    return f"""
body {{ color: {TEXT_COLOUR}; }}
h1.headline {{ font-size: x-large; font-weight: 700; margin-top: 4px; margin-bottom: 8px;
  line-height: 135%; }}
h1.untitled {{ color: {MUTED_COLOUR}; font-style: italic; font-weight: 500; }}
p.kicker {{ color: {MUTED_COLOUR}; font-size: large; margin-bottom: 0px; }}
p.subtitle {{ font-size: large; font-weight: 600; margin-top: 0px; }}
p.meta {{ color: {MUTED_COLOUR}; font-size: small; margin-bottom: 16px; }}
p.byline {{ color: #3a3a3c; font-weight: 600; margin-bottom: 6px; }}
p.credit {{ color: #3a3a3c; text-align: right; margin-top: 0px; }}
span.dateline {{ font-weight: 600; color: #3a3a3c; }}
p.body {{ line-height: 175%; text-indent: {indent_px}px; margin-top: 0px;
  margin-bottom: 10px; }}
p.note {{ color: #b3261e; }}
td.lineno {{ color: {MUTED_COLOUR}; padding-right: 10px; }}
td.line {{ white-space: pre-wrap; }}
table.source {{ margin-top: 6px; }}
a {{ text-decoration: none; }}
"""
