"""Decoded issue text → :class:`~reader.domain.ParsedIssue`.

The stages, each in its own module: :mod:`~reader.ingest.blocks` (numbered lines in
blank-line separated blocks), :mod:`~reader.ingest.classify` (what each line is),
:mod:`~reader.ingest.assemble` (lines → draft articles, column breaks repaired),
:mod:`~reader.ingest.orphans` (misplaced headlines), :mod:`~reader.ingest.dates`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from reader.domain import ArticleKind, ParsedArticle, ParsedIssue
from reader.errors import ParseError
from reader.ingest.assemble import Assembly, Draft, Orphan, assemble
from reader.ingest.blocks import SourceLine, line_spans, split_lines
from reader.ingest.classify import classify
from reader.ingest.dates import (
    explicit_year,
    first_date,
    latest_year_not_after,
    lead_date,
    year_in_name,
)
from reader.ingest.headlines import Headline, display_title, is_kicker
from reader.ingest.orphans import MATCH_MARGIN, match_headlines, overlap

__all__ = ["explicit_year", "parse_issue"]


def parse_issue(
    text: str,
    source_name: str,
    *,
    known_year: tuple[int, str] | None = None,
    fallback_year: int | None = None,
    file_date: dt.date | None = None,
) -> ParsedIssue:
    """Parse one issue. Raises :class:`ParseError` when no article can be found.

    The year of ``M月D日`` dates is decided by the file alone, so that other files
    indexed alongside never change it. In order: a current-year mention in the text
    (``explicit``); a year in ``source_name`` (``name``); ``known_year``, a year with
    its source that the caller knows for this file (its folder's name, or the year
    stored when it was indexed before); ``fallback_year`` (``archive``); and last the
    year that puts the issue's dates on or before ``file_date``, the file's
    modification day (``file-time``). Without any, dates stay None.
    """
    lines, blank = split_lines(text)
    assembly = assemble(lines, classify(lines))
    _claim_orphans(assembly)
    if not assembly.drafts:
        raise ParseError(
            f"没有找到文章 (no article: “{source_name}” holds no headline, dateline or story)"
        )

    year, year_source = _year(_repaired_text(assembly), source_name, known_year, fallback_year)
    if year is None and file_date is not None:
        undated = [_article(draft, file_date.year, blank) for draft in assembly.drafts]
        month_days = [(a.date.month, a.date.day) for a in undated if a.date is not None]
        year, year_source = latest_year_not_after(month_days, file_date), "file-time"
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


def _repaired_text(assembly: Assembly) -> str:
    """The issue's text with column breaks repaired (``河东区20`` + ``26年`` is a year)."""
    parts: list[str] = []
    for draft in assembly.drafts:
        if draft.headline is not None:
            parts.append(draft.headline.text)
        parts += draft.byline_lines
        parts += draft.paragraphs
    for orphan in assembly.orphans:
        parts += [line.text for line in orphan.lines]
    parts += [line.text for line in (*assembly.unplaced, *assembly.boilerplate)]
    return "\n".join(parts)


def _year(
    text: str, source_name: str, known: tuple[int, str] | None, fallback: int | None
) -> tuple[int | None, str]:
    found = explicit_year(text)
    if found is not None:
        return found, "explicit"
    named = year_in_name(source_name)
    if named is not None:
        return named, "name"
    if known is not None:
        return known
    if fallback is not None:
        return fallback, "archive"
    return None, ""


def _claim_orphans(assembly: Assembly) -> None:
    """Untitled stories take the headlines that name them.

    Candidates are the orphan headlines (with the credits under them), and also the
    headlines a story took only by position: a kicker, and a dateline story's whole
    headline. A headline printed away from its story can land right above another
    story's start (or above another headline, read as its kicker); when its words name
    an untitled story clearly better than the story under it (the same threshold and
    margin as for orphans), it goes to the story it names, and the story it leaves
    may in turn claim one. Each move raises the total match score by at least the
    margin, so this ends.
    """
    for _ in range(4 * len(assembly.drafts) + 1):
        if not _claim_one(assembly):
            return


@dataclass
class _Holder:
    """Where a claimable headline is now: an orphan, or a story holding it by position."""

    assembly: Assembly
    orphan: Orphan | None = None
    draft: Draft | None = None

    @property
    def headline(self) -> Headline:
        if self.orphan is not None:
            return self.orphan.headline
        assert self.draft is not None and self.draft.headline is not None
        return self.draft.headline

    def give_up(self) -> tuple[Headline, list[SourceLine]]:
        if self.orphan is not None:
            self.assembly.orphans.remove(self.orphan)
            return self.orphan.headline, self.orphan.credits
        assert self.draft is not None
        return self.draft.give_up_headline(), []

    def give_up_kicker(self) -> Headline:
        if self.orphan is not None:
            headline = self.orphan.headline
            self.orphan.headline = replace(headline, kicker=None, lines=headline.lines[1:])
            return Headline(title=headline.lines[0].text, lines=headline.lines[:1])
        assert self.draft is not None
        return self.draft.give_up_kicker()


def _claim_one(assembly: Assembly) -> bool:
    stories = [d for d in assembly.drafts if d.kind is not ArticleKind.PHOTO and d.paragraphs]
    claimants = [
        i for i, d in enumerate(stories) if d.kind is ArticleKind.NEWS and d.headline is None
    ]
    if not claimants:
        return False
    holders = [_Holder(assembly, orphan=o) for o in assembly.orphans if o.headline.title]
    holders += [
        _Holder(assembly, draft=d)
        for d in stories
        if d.kind is ArticleKind.NEWS and d.has_dateline and d.headline is not None
    ]
    # (holder, whether only its kicker is claimed)
    candidates: list[tuple[_Holder, bool]] = []
    for holder in holders:
        if holder.headline.kicker is not None:
            candidates.append((holder, True))
        candidates.append((holder, False))
    if not candidates:
        return False
    openings = ["".join(d.paragraphs[:2]) for d in stories]
    texts = [h.headline.kicker if kicker else h.headline.text for h, kicker in candidates]
    pairs = match_headlines(openings, claimants, [t or "" for t in texts])
    if not pairs:
        return False
    story_index, candidate_index = next(iter(pairs.items()))  # the best-scoring pair
    draft = stories[story_index]
    holder, kicker_only = candidates[candidate_index]

    def names(text: str, over: Draft | None) -> bool:
        """Does ``text``, now over the story ``over`` (if any), name the claiming story
        clearly better than where else it could go: another untitled story, or the
        story it stands over now (titled stories elsewhere are no alternative)?"""
        rivals = [i for i in claimants if i != story_index]
        rivals += [i for i, d in enumerate(stories) if d is over]
        return _names(text, openings=openings, story=story_index, rivals=rivals)

    rest = replace(holder.headline, kicker=None).text
    if kicker_only and names(rest, holder.draft):
        kicker_only = False  # the title under the kicker names this story too: all its own
    orphan = holder.orphan
    if (
        orphan is not None
        and not kicker_only
        and len(orphan.headline.lines) == 1
        and orphan.headline.subtitle is None
        and not orphan.credits
    ):
        below = _split_for_kicker(assembly, orphan, names)
        if below is not None:
            # the orphan is the kicker of the line below it, the kicker of another headline
            assembly.orphans.remove(orphan)
            title = below.give_up_kicker()
            line = orphan.headline.lines[0]
            draft.take_headline(replace(title, kicker=line.text, lines=(line, *title.lines)))
            return True
    top = holder.headline.lines[0]
    above = _kicker_above(assembly, holder, top, kicker_only, names)
    credits: list[SourceLine] = []
    if kicker_only:
        headline = holder.give_up_kicker()
    else:
        headline, credits = holder.give_up()
    if above is not None:
        assembly.orphans.remove(above)
        kicker_line = above.headline.lines[0]
        headline = replace(headline, kicker=kicker_line.text, lines=(kicker_line, *headline.lines))
    draft.take_headline(headline)
    for credit in credits:
        draft.add_credit(credit)
    return True


def _names(headline: str, *, openings: Sequence[str], story: int, rivals: Sequence[int]) -> bool:
    """Does the headline name story ``story`` clearly (by the matching margin) better
    than the ``rivals``?"""
    rival = max((overlap(headline, openings[i]) for i in rivals), default=0.0)
    return overlap(headline, openings[story]) - rival >= MATCH_MARGIN


def _kicker_above(
    assembly: Assembly,
    holder: _Holder,
    top: SourceLine,
    kicker_only: bool,
    names: Callable[[str, Draft | None], bool],
) -> Orphan | None:
    """The displaced kicker of a claimed headline, left as an orphan line just above it.

    A displaced ``kicker / title`` pair printed above another headline reads as an
    orphan line plus that headline's kicker (``阳庙镇`` / ``移风易俗涵养文明乡风`` /
    ``市委统战部…``). The claimed part takes the line above it as its kicker when that
    line is kicker-shaped, lies directly above, and names the claiming story too.
    """
    headline = holder.headline
    if not kicker_only and headline.kicker is not None:
        return None  # it has its kicker
    for orphan in assembly.orphans:
        if orphan is holder.orphan or orphan.credits:
            continue
        upper = orphan.headline
        if len(upper.lines) != 1 or upper.subtitle is not None:
            continue
        line = upper.lines[0]
        if 0 <= top.block - line.block <= 1 and top.number > line.number:
            if is_kicker(line, top) and names(line.text, None):
                return orphan
    return None


def _split_for_kicker(
    assembly: Assembly, orphan: Orphan, names: Callable[[str, Draft | None], bool]
) -> _Holder | None:
    """A headline whose kicker sits directly below the single-line ``orphan`` and names
    the claiming story (more than any other, the headline's own included)."""
    (line,) = orphan.headline.lines
    holders = [_Holder(assembly, orphan=o) for o in assembly.orphans if o is not orphan]
    holders += [_Holder(assembly, draft=d) for d in assembly.drafts if d.headline is not None]
    for holder in holders:
        headline = holder.headline
        if headline.kicker is None:
            continue
        lower = headline.lines[0]
        if 0 <= lower.block - line.block <= 1 and lower.number > line.number:
            if is_kicker(line, lower) and names(lower.text, holder.draft):
                return holder
    return None


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
        byline=draft.byline,
        byline_lines=tuple(draft.byline_lines),
        paragraphs=tuple(draft.paragraphs),
        display_title=title or display_title(draft.paragraphs),
        source_lines=line_spans(draft.line_numbers, blank),
    )
