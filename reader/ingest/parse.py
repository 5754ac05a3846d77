"""Decoded issue text → :class:`~reader.domain.ParsedIssue`.

The stages, each in its own module: :mod:`~reader.ingest.blocks` (numbered lines in
blank-line separated blocks), :mod:`~reader.ingest.classify` (what each line is),
:mod:`~reader.ingest.assemble` (lines → draft articles, column breaks repaired),
:mod:`~reader.ingest.orphans` (misplaced headlines), :mod:`~reader.ingest.dates`.
"""

from __future__ import annotations

import datetime as dt

from reader.domain import ArticleKind, Byline, ParsedArticle, ParsedIssue
from reader.errors import ParseError
from reader.ingest.assemble import Assembly, Draft, Orphan, assemble
from reader.ingest.blocks import line_spans, split_lines
from reader.ingest.classify import classify
from reader.ingest.dates import explicit_year, first_date, lead_date
from reader.ingest.headlines import display_title
from reader.ingest.orphans import match_headlines

__all__ = ["explicit_year", "parse_issue"]


def parse_issue(
    text: str,
    source_name: str,
    *,
    fallback_year: int | None = None,
    file_year: int | None = None,
) -> ParsedIssue:
    """Parse one issue. Raises :class:`ParseError` when no article can be found.

    The year of ``M月D日`` dates comes from an explicit current-year mention in the
    issue, else ``fallback_year`` (the year the rest of the archive names), else
    ``file_year`` (the file's modification time); without any, dates stay None.
    """
    lines, blank = split_lines(text)
    assembly = assemble(lines, classify(lines))
    _claim_orphans(assembly)
    if not assembly.drafts:
        raise ParseError(
            f"没有找到文章 (no article: “{source_name}” holds no headline, dateline or story)"
        )

    year, year_source = _year(text, fallback_year, file_year)
    articles = tuple(_article(draft, year, blank) for draft in assembly.drafts)
    dates = [a.date for a in articles if a.date is not None]
    unplaced = sorted(
        assembly.unplaced + [line for orphan in assembly.orphans for line in orphan.lines],
        key=lambda line: line.number,
    )
    return ParsedIssue(
        source_name=source_name,
        date=max(dates) if dates else None,
        articles=articles,
        boilerplate=tuple(line.text for line in assembly.boilerplate),
        unplaced=tuple(line.text for line in unplaced),
        year=year,
        year_source=year_source,
    )


def _year(text: str, fallback: int | None, file_year: int | None) -> tuple[int | None, str]:
    found = explicit_year(text)
    if found is not None:
        return found, "explicit"
    if fallback is not None:
        return fallback, "archive"
    if file_year is not None:
        return file_year, "file-time"
    return None, ""


def _claim_orphans(assembly: Assembly) -> None:
    """Untitled stories take matching orphan headlines (and the credits under them)."""
    stories = [d for d in assembly.drafts if d.kind is not ArticleKind.PHOTO and d.paragraphs]
    claimants = [
        i for i, d in enumerate(stories) if d.kind is ArticleKind.NEWS and d.headline is None
    ]
    orphans = [o for o in assembly.orphans if o.headline.title]
    if not claimants or not orphans:
        return
    pairs = match_headlines(
        ["".join(d.paragraphs[:2]) for d in stories],
        claimants,
        [o.headline.text for o in orphans],
    )
    claimed: list[Orphan] = []
    for story_index, orphan_index in pairs.items():
        draft, orphan = stories[story_index], orphans[orphan_index]
        draft.take_headline(orphan.headline)
        for credit in orphan.credits:
            draft.add_credit(credit)
        claimed.append(orphan)
    taken = {id(o) for o in claimed}
    assembly.orphans = [o for o in assembly.orphans if id(o) not in taken]


def _article_date(draft: Draft, year: int | None) -> dt.date | None:
    if not draft.paragraphs:
        return None
    if draft.kind is ArticleKind.PHOTO:
        return lead_date(draft.paragraphs[0], year)
    if draft.kind is ArticleKind.NEWS:
        return first_date(draft.paragraphs[0], year)
    return None  # a commentary carries no news date


def _article(draft: Draft, year: int | None, blank: frozenset[int]) -> ParsedArticle:
    headline = draft.headline
    title = headline.title if headline else None
    return ParsedArticle(
        title=title,
        kicker=headline.kicker if headline else None,
        subtitle=headline.subtitle if headline else None,
        kind=draft.kind,
        date=_article_date(draft, year),
        byline=Byline(
            reporters=tuple(draft.reporters),
            correspondents=tuple(draft.correspondents),
            photographers=tuple(draft.photographers),
            authors=tuple(draft.authors),
        ),
        byline_lines=tuple(draft.byline_lines),
        paragraphs=tuple(draft.paragraphs),
        display_title=title or display_title(draft.paragraphs),
        source_lines=line_spans(draft.line_numbers, blank),
    )
