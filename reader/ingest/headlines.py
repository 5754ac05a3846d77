"""Headline groups: kicker (引题), title, subtitle (副题); and display titles.

Newspapers set a headline in up to three lines: a short kicker above, the main title,
and a subtitle below (often introduced by ``——``). Our source files also put a main
title and its subtitle on one line, separated by spaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.ingest.blocks import SourceLine
from reader.ingest.dates import DATE_LEAD

KICKER_MAX = 12
"""A kicker is short: a place (``阳庙镇``) or a theme, never a full headline."""
COUPLET_PART_MAX = 12
DISPLAY_TITLE_MAX = 30
_DASH_SUBTITLE = re.compile(r"\s*(——|--)")
_SPACES = re.compile(r"([ \u3000\t]+)")
_TIME_PHRASE = re.compile(r"^(?:近日|日前|近期|连日来|今年以来|近年来|.{0,4}(?:以来|期间|前夕))$")


@dataclass(frozen=True)
class Headline:
    title: str | None
    kicker: str | None = None
    subtitle: str | None = None
    lines: tuple[SourceLine, ...] = ()

    @property
    def text(self) -> str:
        """Title and subtitle together, what a story's text is compared with."""
        return " ".join(part for part in (self.kicker, self.title, self.subtitle) if part)


def _size(text: str) -> int:
    return len(text.replace(" ", "").replace("\u3000", ""))


def split_title(text: str) -> tuple[str, str | None]:
    """Split a one-line ``main subtitle`` headline.

    Two cases: an inline ``——subtitle`` (the dash stays with the subtitle), and a
    balanced couplet of two short phrases followed by a clearly longer descriptive
    part (``青春“篮”不住 “乒”出新风尚 高新区…联赛开赛``). Two phrases alone
    (``项目加力 冲刺收官``) or a ``place：theme`` title are one title.
    """
    dash = _DASH_SUBTITLE.search(text)
    if dash is not None and dash.start() > 0 and text[dash.end() :].strip():
        return text[: dash.start()].rstrip(), text[dash.start() :].strip()
    pieces = _SPACES.split(text)
    words = pieces[0::2]
    if len(words) >= 3:
        first, second = words[0], words[1]
        rest = "".join(pieces[4:])
        longer = max(len(first), len(second))
        if (
            2 <= len(first) <= COUPLET_PART_MAX
            and 2 <= len(second) <= COUPLET_PART_MAX
            and abs(len(first) - len(second)) <= 2
            and _size(rest) >= max(8, 1.5 * longer)
        ):
            return "".join(pieces[:3]), rest
    return text, None


def is_kicker(upper: SourceLine, lower: SourceLine) -> bool:
    """Can ``upper`` be the kicker set above the title ``lower``?"""
    size = _size(upper.text)
    return size <= KICKER_MAX and size < _size(lower.text) and not upper.text.startswith("—")


def _is_subtitle(upper: SourceLine, lower: SourceLine) -> bool:
    """A separate subtitle line: starts with a dash, or is a shorter line set directly
    under the title in the same block (a line further away is a headline of its own)."""
    if lower.text.startswith(("——", "--")):
        return True
    return lower.block == upper.block and _size(lower.text) < _size(upper.text)


def resolve_headline(
    group: Sequence[SourceLine],
) -> tuple[Headline, list[SourceLine]]:
    """Read the last lines of a run of headline lines as kicker/title/subtitle.

    Returns the headline and the lines above it that do not belong to it: those are
    headlines of their own, printed away from their story (candidates for
    :mod:`reader.ingest.orphans`).
    """
    lines = list(group)
    if len(lines) >= 2 and _is_subtitle(lines[-2], lines[-1]):
        title_line, subtitle_line = lines[-2], lines[-1]
        rest = lines[:-2]
        kicker_line = rest.pop() if rest and is_kicker(rest[-1], title_line) else None
        return (
            Headline(
                title=title_line.text,
                kicker=kicker_line.text if kicker_line else None,
                subtitle=subtitle_line.text,
                lines=tuple(x for x in (kicker_line, title_line, subtitle_line) if x),
            ),
            rest,
        )
    title_line = lines[-1]
    rest = lines[:-1]
    kicker_line = rest.pop() if rest and is_kicker(rest[-1], title_line) else None
    title, subtitle = split_title(title_line.text)
    return (
        Headline(
            title=title,
            kicker=kicker_line.text if kicker_line else None,
            subtitle=subtitle,
            lines=tuple(x for x in (kicker_line, title_line) if x),
        ),
        rest,
    )


def display_title(paragraphs: Sequence[str]) -> str:
    """A title for an untitled story or caption, from its first sentence.

    The date lead (``11月7日，``) and a bare time phrase (``近日，``, ``今年以来，``) are
    skipped; clauses are taken up to the first ``，`` (more if that is very short) and
    the result is capped at :data:`DISPLAY_TITLE_MAX` characters.
    """
    text = next((p for p in paragraphs if p.strip()), "").strip()
    if not text:
        return "（无标题）"
    lead = DATE_LEAD.match(text)
    if lead is not None:
        text = text[lead.end() :].lstrip()
    sentence = re.split(r"[。！？!?；;]", text, maxsplit=1)[0]
    clauses = [c.strip() for c in re.split(r"[，,]", sentence) if c.strip()]
    while len(clauses) > 1 and _TIME_PHRASE.match(clauses[0]):
        clauses.pop(0)
    title = ""
    for clause in clauses:
        title = f"{title}，{clause}" if title else clause
        if len(title) >= 8:
            break
    title = title or sentence.strip() or text
    if len(title) > DISPLAY_TITLE_MAX:
        title = title[: DISPLAY_TITLE_MAX - 1] + "…"
    return title
