"""Chinese wording of dates, kinds and the article's date-and-issue line."""

from __future__ import annotations

import datetime as dt

from reader.domain import Article, ArticleKind

KIND_LABELS: dict[ArticleKind, str] = {
    ArticleKind.NEWS: "消息",
    ArticleKind.PHOTO: "图片",
    ArticleKind.COMMENTARY: "评论",
}


def chinese_date(date: dt.date | None) -> str:
    return f"{date.year}年{date.month}月{date.day}日" if date else "日期不详"


def short_date(date: dt.date | None) -> str:
    """``2025.11.07`` for narrow columns."""
    return f"{date.year}.{date.month:02d}.{date.day:02d}" if date else "—"


def headline(article: Article) -> str:
    """The printed title, or the display title the archive made up for an untitled one."""
    return article.title or article.display_title


def issue_label(article: Article) -> str:
    """``2025年11月4日刊`` — the issue the article appeared in."""
    return f"{chinese_date(article.issue_date)}刊" if article.issue_date else "刊期不详"


def article_date_line(article: Article) -> str:
    parts = []
    if article.date and article.date != article.issue_date:
        parts.append(chinese_date(article.date))
    parts.append(issue_label(article))
    parts.append(KIND_LABELS.get(article.kind, str(article.kind)))
    if article.source_name:
        parts.append(article.source_name)
    return " · ".join(parts)
