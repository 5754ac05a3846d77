"""The renderer escapes every piece of article text and places spans correctly."""

from __future__ import annotations

import datetime as dt

from reader.domain import Article, ArticleKind, Byline, EntityType, MatchSpan, Mention, SearchHit
from reader.ui.article_html import HIT_BACKGROUND, highlight, render_article
from reader.ui.snippet_html import snippet_html, unmark

NASTY = '文中有<b>粗体</b>、<img src=x>和<a href="http://example.com">链接</a>。'


def _article(paragraphs: tuple[str, ...], mentions: tuple[Mention, ...] = ()) -> Article:
    return Article(
        id=1,
        key="k",
        title="标题<script>alert(1)</script>",
        display_title="标题",
        kicker=None,
        subtitle=None,
        kind=ArticleKind.NEWS,
        date=dt.date(2025, 11, 2),
        byline=Byline(reporters=("张三",)),
        byline_lines=("本报讯（记者张三）",),
        paragraphs=paragraphs,
        mentions=mentions,
        issue_id=1,
        issue_date=dt.date(2025, 11, 7),
        source_name="a.txt",
        source_path="/a.txt",
    )


def test_markup_in_text_is_escaped() -> None:
    html = render_article(_article((NASTY,))).html
    assert "<b>粗体" not in html and "<img" not in html and "<script>" not in html
    assert "&lt;img src=x&gt;" in html
    assert "&lt;a href=&quot;http://example.com&quot;&gt;" in html


def test_entity_and_hit_spans_split_cleanly() -> None:
    text = "市委书记吕沛出席"
    mention = Mention("吕沛", EntityType.PERSON, 0, 4, 6, "吕沛")
    rendered = render_article(
        _article((text,), (mention,)), hits=(MatchSpan("paragraph", 0, 5, 7),)
    )
    assert 'href="entity:0"' in rendered.html
    assert HIT_BACKGROUND in rendered.html
    assert rendered.mentions == (mention,)
    # With persons switched off the name is plain text again.
    plain = render_article(_article((text,), (mention,)), enabled_types=[EntityType.PLACE])
    assert "entity:" not in plain.html


def test_highlight_ignores_out_of_range_spans() -> None:
    assert highlight("<x>", [], ()) == "&lt;x&gt;"


def test_snippet_markers_removed_by_position() -> None:
    # The paper itself prints 【】; only the markers at the given offsets go.
    plain, spans = unmark("【通知】…市委书记【吕沛】出席", ((9, 11),))
    assert plain == "【通知】…市委书记吕沛出席"
    assert spans == [(9, 11)]


def test_snippet_html_escapes() -> None:
    from reader.domain import ArticleSummary

    summary = ArticleSummary(1, "k", "t", False, ArticleKind.NEWS, None, 1, None, "a.txt")
    hit = SearchHit(summary, 1.0, "<b>【吕沛】</b>", ((3, 5),), ())
    html = snippet_html(hit)
    assert html.startswith("&lt;b&gt;") and HIT_BACKGROUND in html
