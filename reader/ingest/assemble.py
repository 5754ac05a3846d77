"""Classified lines → draft articles, in reading order.

One pass over the lines with a little state: the headline lines waiting for their
story, the article currently taking paragraphs, and the last text article (a photo
set into a story must not cut the story off from its continuation).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from reader.domain import ArticleKind, Byline
from reader.ingest.blocks import SourceLine
from reader.ingest.bylines import author_names, credit_names, dateline_credits, split_dateline
from reader.ingest.classify import LineKind, is_finished
from reader.ingest.headlines import Headline, resolve_headline


@dataclass
class Draft:
    """An article under construction (mutable; frozen into a ParsedArticle at the end)."""

    kind: ArticleKind
    headline: Headline | None = None
    has_dateline: bool = False
    byline_lines: list[str] = field(default_factory=list)
    byline: Byline = Byline()
    paragraphs: list[str] = field(default_factory=list)
    line_numbers: list[int] = field(default_factory=list)

    def add_paragraph(self, text: str, number: int) -> None:
        """Append a paragraph, repairing a column break.

        A paragraph that does not end a sentence continues in the next piece of text;
        the two are joined with nothing in between (``要认清空`` + ``气质量`` →
        ``要认清空气质量``). Whether the next piece may continue it (rather than start
        something new) was settled by the classifier.
        """
        if self.paragraphs and not is_finished(self.paragraphs[-1]):
            self.paragraphs[-1] += text
        else:
            self.paragraphs.append(text)
        self.line_numbers.append(number)

    def add_credit(self, line: SourceLine) -> None:
        self.byline_lines.append(line.text)
        self.byline = self.byline.merged(Byline(photographers=credit_names(line.text) or ()))
        self.line_numbers.append(line.number)

    def take_headline(self, headline: Headline) -> None:
        self.headline = headline
        self.line_numbers.extend(line.number for line in headline.lines)

    def give_up_headline(self) -> Headline:
        """Remove the headline (it was set above this story but names another)."""
        headline = self.headline
        assert headline is not None
        numbers = {line.number for line in headline.lines}
        self.line_numbers = [n for n in self.line_numbers if n not in numbers]
        self.headline = None
        return headline

    def give_up_kicker(self) -> Headline:
        """Remove the kicker line and return it as a headline of its own."""
        headline = self.headline
        assert headline is not None and headline.kicker is not None
        kicker_line = headline.lines[0]
        self.line_numbers.remove(kicker_line.number)
        self.headline = replace(headline, kicker=None, lines=headline.lines[1:])
        return Headline(title=kicker_line.text, lines=(kicker_line,))


@dataclass
class Orphan:
    """A headline with no story under it, maybe with a photo credit printed below."""

    headline: Headline
    credits: list[SourceLine] = field(default_factory=list)

    @property
    def lines(self) -> list[SourceLine]:
        return [*self.headline.lines, *self.credits]


@dataclass
class Assembly:
    drafts: list[Draft] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)
    boilerplate: list[SourceLine] = field(default_factory=list)
    unplaced: list[SourceLine] = field(default_factory=list)


_TEXT_KINDS = (ArticleKind.NEWS, ArticleKind.COMMENTARY)


def _orphans(lines: Sequence[SourceLine]) -> list[Orphan]:
    """Headline lines with no story under them, read as headlines (kicker, title,
    subtitle) from the bottom up; in reading order."""
    group = list(lines)
    orphans: list[Orphan] = []
    while group:
        headline, group = resolve_headline(group)
        orphans.insert(0, Orphan(headline))
    return orphans


class _Assembler:
    def __init__(self) -> None:
        self.out = Assembly()
        self.heads: list[SourceLine] = []
        self.head_credits: list[SourceLine] = []
        self.current: Draft | None = None
        self.last_text: Draft | None = None

    # -- headline lines waiting for their story ---------------------------------------

    def take_heads(self) -> Headline | None:
        """The pending headline for a story starting now; lines that are not part of
        it (and credits printed under it) become orphans."""
        if not self.heads:
            return None
        if self.head_credits:
            self.flush_heads()
            return None
        headline, leftovers = resolve_headline(self.heads)
        self.out.orphans.extend(_orphans(leftovers))
        self.heads = []
        return headline

    def flush_heads(self) -> None:
        """Pending headline lines with no story under them: all orphans. Credits printed
        under them go with the lowest headline, the one they stand under."""
        orphans = _orphans(self.heads)
        if self.head_credits and orphans:
            orphans[-1].credits.extend(self.head_credits)
        self.out.orphans.extend(orphans)
        self.heads, self.head_credits = [], []

    # -- starting articles ------------------------------------------------------------

    def start(self, kind: ArticleKind, headline: Headline | None) -> Draft:
        draft = Draft(kind)
        if headline is not None:
            draft.take_headline(headline)
        self.out.drafts.append(draft)
        self.current = draft
        if kind in _TEXT_KINDS:
            self.last_text = draft
        return draft

    # -- one handler per line kind ----------------------------------------------------

    def feed(self, line: SourceLine, kind: LineKind) -> None:
        handler = getattr(self, f"on_{kind.value}")
        handler(line)

    def on_junk(self, line: SourceLine) -> None:
        self.out.unplaced.append(line)

    def on_boilerplate(self, line: SourceLine) -> None:
        self.flush_heads()
        self.out.boilerplate.append(line)
        self.current = self.last_text = None

    def on_headline(self, line: SourceLine) -> None:
        if self.head_credits:
            self.flush_heads()
        self.heads.append(line)
        self.current = self.last_text = None

    def on_dateline(self, line: SourceLine) -> None:
        parts = split_dateline(line.text)
        assert parts is not None
        prefix, rest = parts
        draft = self.start(ArticleKind.NEWS, self.take_heads())
        draft.has_dateline = True
        draft.byline_lines.append(prefix)
        draft.byline = draft.byline.merged(dateline_credits(prefix))
        draft.line_numbers.append(line.number)
        if rest:
            draft.paragraphs.append(rest)

    def on_author(self, line: SourceLine) -> None:
        current = self.current
        if (
            current is not None
            and current.kind is ArticleKind.COMMENTARY
            and not current.paragraphs
        ):
            draft = current
        else:
            draft = self.start(ArticleKind.COMMENTARY, self.take_heads())
        draft.byline_lines.append(line.text)
        draft.byline = draft.byline.merged(Byline(authors=author_names(line.text) or ()))
        draft.line_numbers.append(line.number)

    def on_credit(self, line: SourceLine) -> None:
        if self.heads:
            self.head_credits.append(line)
        elif self.current is not None:
            self.current.add_credit(line)
        else:
            self.out.unplaced.append(line)

    def on_caption(self, line: SourceLine) -> None:
        # A headline set just above a caption titles the photo; one separated from it
        # by a layout break belongs to some other story.
        if self.heads and line.layout_break:
            self.flush_heads()
        draft = Draft(ArticleKind.PHOTO)
        headline = self.take_heads()
        if headline is not None:
            draft.take_headline(headline)
        self.out.drafts.append(draft)
        self.current = draft
        draft.add_paragraph(line.text, line.number)

    def on_paragraph(self, line: SourceLine) -> None:
        if self.heads:
            self.start(ArticleKind.NEWS, self.take_heads())
        elif self.current is not None and self.current.kind is ArticleKind.PHOTO:
            caption = self.current
            runs_on = caption.paragraphs and not is_finished(caption.paragraphs[-1])
            # After a photo the story it interrupted carries on, unless the caption
            # itself was cut by a column break.
            if not runs_on and self.last_text is not None:
                self.current = self.last_text
        if self.current is None:
            self.start(ArticleKind.NEWS, None)
        assert self.current is not None
        self.current.add_paragraph(line.text, line.number)


def assemble(lines: Sequence[SourceLine], kinds: Sequence[LineKind]) -> Assembly:
    assembler = _Assembler()
    for line, kind in zip(lines, kinds, strict=True):
        assembler.feed(line, kind)
    assembler.flush_heads()
    return assembler.out
