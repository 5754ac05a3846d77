"""Helpers for the PDF export tests (imported as ``test_export_support``; no tests)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from reader.domain import Article, ArticleKind, Byline, EntityType, Mention

WHITESPACE = re.compile(r"\s+")
LOOK_ALIKES = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]")
"""CJK radicals, Kangxi radicals and CJK compatibility ideographs."""


def squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


def pdftotext(path: Path, *extra: str) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *extra, str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    return [line.split() for line in out[2:] if line.strip()]


SAMPLE_PARAGRAPH = "11月2日，高新区召开大气污染防治攻坚调度会，总结复盘过去一周工作。"


def make_article(
    article_id: int = 1,
    title: str | None = "高新区召开大气污染防治攻坚调度会",
    paragraphs: tuple[str, ...] = (
        "11月2日，高新区召开大气污染防治攻坚调度会，总结复盘过去一周工作。",
    ),
    byline_lines: tuple[str, ...] = ("本报讯（记者赵根志）",),
    mentions: tuple[Mention, ...] = (),
    kicker: str | None = None,
    subtitle: str | None = None,
    kind: ArticleKind = ArticleKind.NEWS,
) -> Article:
    return Article(
        id=article_id,
        key=f"test#{article_id}",
        title=title,
        display_title=title or "（无标题）" + paragraphs[0][:12],
        kicker=kicker,
        subtitle=subtitle,
        kind=kind,
        date=dt.date(2025, 11, 2),
        byline=Byline(reporters=("赵根志",)),
        byline_lines=byline_lines,
        paragraphs=paragraphs,
        mentions=mentions,
        issue_id=1,
        issue_date=dt.date(2025, 11, 4),
        source_name="000_efb736165eb1d41a.txt",
        source_path="/archive/000_efb736165eb1d41a.txt",
    )


def person(paragraph: int, text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(name, EntityType.PERSON, paragraph, start, start + len(name))
