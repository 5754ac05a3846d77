"""Decoded text → numbered, non-blank source lines grouped into blocks.

A *block* is a run of non-blank lines; blocks are separated by blank lines (a line of
only whitespace is blank). Each line keeps its 1-based number in the decoded file so an
article can point back at its source lines.

Two things are removed from a line and nowhere else: a Markdown ATX heading prefix
(``#`` … ``######`` followed by a space; the ``#``s are markup, not text) and zero-width
format characters (BOM, ZWSP, ZWJ…), which are treated like whitespace. Together with
whitespace these are the only characters a parsed issue may lack; see
:mod:`reader.ingest.accounting`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from reader.domain import LineSpan

ZERO_WIDTH = frozenset("\ufeff\u200b\u200c\u200d\u2060")
_DROP_ZERO_WIDTH = str.maketrans(dict.fromkeys(ZERO_WIDTH))
_HAS_ZERO_WIDTH = re.compile("[" + "".join(sorted(ZERO_WIDTH)) + "]")
_HEADING_MARKUP = re.compile(r"^[^\S\n]*(#{1,6})(?=\s|$)")


@dataclass(frozen=True)
class SourceLine:
    """One non-blank line of the decoded file."""

    number: int
    """1-based line number in the decoded text."""
    text: str
    """The line without heading markup, zero-width characters and outer whitespace."""
    block: int
    """Index of the blank-line separated block the line belongs to."""
    gap_before: int
    """Blank lines directly above (0 for a line inside a block)."""
    heading: bool = False
    """The line carried Markdown heading markup (``#``/``##``)."""
    layout_break: bool = False
    """A wider gap than the file's usual one between blocks lies above (twice the usual
    gap or more: with single blank lines between blocks, two or more blank lines).
    Photos and their captions tend to sit after such a break. Judged against the file's
    own spacing, so a file set with every gap doubled reads the same."""


def is_ignorable(ch: str) -> bool:
    """True for characters that may vanish from parsed output: whitespace, zero-width."""
    return ch.isspace() or ch in ZERO_WIDTH


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_heading_markup(line: str) -> tuple[str, bool]:
    """Remove a Markdown heading prefix; ``#话题#`` without a following space is text."""
    match = _HEADING_MARKUP.match(line)
    if match is None:
        return line, False
    return line[match.end() :], True


def clean_line(raw: str) -> tuple[str, bool]:
    """The text the parser sees for one raw line, and whether it was a Markdown heading."""
    body, heading = strip_heading_markup(raw)
    if _HAS_ZERO_WIDTH.search(body):  # rare; translate costs ~150 ns a character
        body = body.translate(_DROP_ZERO_WIDTH)
    return body.strip(), heading


def split_lines(text: str) -> tuple[list[SourceLine], frozenset[int]]:
    """Non-blank lines with their block index, and the numbers of the blank lines."""
    lines: list[SourceLine] = []
    blank: set[int] = set()
    block = -1
    gap = 0
    previous_blank = True
    for number, raw in enumerate(normalise_newlines(text).split("\n"), start=1):
        cleaned, heading = clean_line(raw)
        if not cleaned:
            blank.add(number)
            gap += 1
            previous_blank = True
            continue
        if previous_blank:
            block += 1
        lines.append(SourceLine(number, cleaned, block, gap, heading))
        gap = 0
        previous_blank = False
    usual = usual_gap(lines)
    lines = [replace(line, layout_break=line.gap_before >= 2 * usual) for line in lines]
    return lines, frozenset(blank)


def usual_gap(lines: list[SourceLine]) -> int:
    """The number of blank lines that ordinarily separates blocks: the smallest gap
    that is common (at least a quarter as frequent as the most frequent gap; wider
    gaps above headlines can outnumber it in a short file). 1 for a single block."""
    gaps = Counter(line.gap_before for line in lines[1:] if line.gap_before > 0)
    if not gaps:
        return 1
    most = max(gaps.values())
    return min(gap for gap, count in gaps.items() if 4 * count >= most)


def line_spans(numbers: set[int] | list[int], blank: frozenset[int]) -> tuple[LineSpan, ...]:
    """Merge line numbers into inclusive ranges; only blank lines may be bridged."""
    spans: list[LineSpan] = []
    for number in sorted(set(numbers)):
        if spans and all(n in blank for n in range(spans[-1].last + 1, number)):
            spans[-1] = LineSpan(spans[-1].first, number)
        else:
            spans.append(LineSpan(number, number))
    return tuple(spans)
