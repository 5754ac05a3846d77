"""Putting the evidence together: exact names, the statistical tagger, the rules.

* Dates and known person names (bylines, the paper's dictionary) are exact: always kept.
* The tagger's spans and the dictionary's places and organisations are *anchors*.
* A rule span (a name grown leftwards from its suffix, a name after a title or before a
  verb) is kept only where it agrees with the anchors: it cuts through none and swallows
  no person the tagger is sure of; it starts where an anchor starts or where
  segmentation allows a name to start (not with a verb, preposition, number or time
  word); what no anchor covers reads as name words; and what it adds in front of a weak
  suffix looks name-like to the tagger.  So rules join what the tagger split
  (``高新区`` + ``教体中心``, ``文苑`` + ``街道``) but never start a name at a verb or
  preposition (``据省农办``, ``参加市政府``) or make a name of a clause (``怎么办``).
* Among anchors and agreeing rule spans the longest wins (``农业银行浙江省分行`` over its
  parts); for the same span, one with a role (a title before the name) is kept.
* A generic body that qualifies a title (``管委会主任``, ``市委书记``) is part of the
  title, not an organisation mention.

Everything here is linear in the length of the text: spans are looked up through
occupancy arrays and sorted starts, never by comparing every span with every other.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from reader.domain import EntityType
from reader.entities.lexicon import Lexicon
from reader.entities.spans import PLACE_SUFFIX_RE, STREET_UNITS, suffix_length
from reader.entities.text import Span

if TYPE_CHECKING:
    from reader.entities.tagger import TaggedText

SURE = 0.9  # a tagged name this sure blocks a longer rule span that would swallow it
_SURE = "sure"  # anchors carry it in the role field; it never reaches a mention
LOOKS_NAMED = 0.1  # mean probability of being in a name, over what a rule adds
# Suffixes that are also ordinary words (学会 "learn", 地方政府): what a rule grows in
# front of them, like anything before a one-character suffix (办 委 局 市 村), must look
# name-like to the tagger.  Streets (STREET_UNITS) are the exception among one-character
# suffixes: they are named with ordinary words (文化路, 人民路), and the rules already
# skip words that end in them (道路, 思路).
_WEAK_SUFFIXES = frozenset({"学会", "工会", "政府", "商会", "地区"})
# The level of government is part of how bodies are named (县|农业农村局).
_LEVELS = frozenset("省市县区州盟旗镇乡村")
# Inside a name: no preposition, conjunction, adverb, pronoun or particle, and none of
# the most frequent one-character verbs (住医院, 入小学).  Rarer ones are the stuff of
# abbreviations (教体中心, 城改中心), and longer verbs do name things (保护协会).
_NEVER_INSIDE = frozenset("p c d r u uj ul ud uz uv ug".split())
_COMMON_VERB = 20000


class _Anchors:
    """The anchors of one text, sorted by start, for overlap queries in O(log n)."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]
        self.longest = max((s.end - s.start for s in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[Span]:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [a for a in self.spans[lo:hi] if a.end > start]

    def starts_at(self, position: int) -> bool:
        index = bisect_left(self.starts, position)
        return index < len(self.starts) and self.starts[index] == position


def _agrees(
    span: Span,
    text: str,
    anchors: _Anchors,
    place_ends: set[int],
    model: TaggedText,
    lex: Lexicon,
) -> bool:
    inside = anchors.overlapping(span.start, span.end)
    for a in inside:
        if a.start < span.start or a.end > span.end:
            return False  # it would cut through an anchor
        if a.type is EntityType.PERSON and a.role == _SURE and span.type is not a.type:
            return False  # it would swallow a person
    # A name may start where an anchor starts, right after a place (修武县|五里源乡: units
    # nest), or where segmentation allows.
    if not (
        anchors.starts_at(span.start)
        or span.start in place_ends
        or _clean_start(text, span.start, lex)
    ):
        return False
    free = _free(span, inside)
    return _reads_as_name(text, span.end, free, lex) and _looks_named(span, text, free, model)


def _free(span: Span, inside: Sequence[Span]) -> list[int]:
    """Positions of ``span`` that no anchor inside it covers."""
    covered = bytearray(span.end - span.start)
    for a in inside:
        covered[a.start - span.start : a.end - span.start] = b"\1" * (a.end - a.start)
    return [span.start + i for i, flag in enumerate(covered) if not flag]


def _clean_start(text: str, start: int, lex: Lexicon) -> bool:
    """At a word boundary, and not with a verb, preposition, number or time word."""
    if lex.crosses_word(text, start):
        return False
    return lex.first_word(text, start) not in lex.grammar_tags


def _reads_as_name(text: str, end: int, free: list[int], lex: Lexicon) -> bool:
    """The uncovered stretches read as name words (segmented longest-first)."""
    free_set = set(free)
    i = 0
    while i < len(free):
        position = free[i]
        word = lex.first_word(text, position, end)
        while len(word) > 1 and any(
            p not in free_set for p in range(position, position + len(word))
        ):
            word = word[:-1]  # a word may not run into an anchor
        tag = lex.grammar_tags.get(word)
        if tag in _NEVER_INSIDE or (
            tag == "v" and len(word) == 1 and lex.freq(word) >= _COMMON_VERB
        ):
            return False
        i += len(word)
    return True


def _looks_named(span: Span, text: str, free: list[int], model: TaggedText) -> bool:
    """What the rule adds beyond the anchors and its own suffix is text the tagger finds
    name-like, unless a strong suffix (有限公司, 中心, 街道) vouches for it."""
    suffix = suffix_length(text[span.start : span.end], span.type)
    added = [i for i in free if i < span.end - suffix and text[i] not in _LEVELS]
    if not added:
        return True
    word = text[span.end - suffix : span.end]
    if (suffix >= 2 and word not in _WEAK_SUFFIXES) or word in STREET_UNITS:
        return True
    return float(model.named[added].mean()) >= LOOKS_NAMED


@functools.cache
def _titles(titles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, titles)))


def _only_places(span: Span, places: _Anchors) -> bool:
    """An organisation the tagger made of places alone (修武县五里源乡) is those places."""
    if span.type is not EntityType.ORGANIZATION:
        return False
    at = span.start
    for place in sorted(places.overlapping(span.start, span.end), key=lambda p: p.start):
        if place.start > at or place.end > span.end or place.start < span.start:
            return False
        at = max(at, place.end)
    return at == span.end


def _without_title_part(span: Span, text: str, lex: Lexicon) -> Span | None:
    """An organisation right before a title, less the generic body that belongs to the
    title: 管委会|主任 is no mention at all, 市总工会党组|书记 is 市总工会, 郑州大学党委|
    副书记 is 郑州大学, while 北京市委|书记 stays whole.  Anything else is unchanged."""
    if span.type is not EntityType.ORGANIZATION or not _titles(lex.titles).match(text, span.end):
        return span
    # The tagger may see 党|工委: take in the characters a qualifier would cover.
    first = max(0, span.start - 2)
    if any(text[start : span.end] in lex.qualifiers for start in range(first, span.start + 1)):
        return None
    for cut in range(span.start + 1, span.end - 1):
        if text[cut : span.end] in lex.qualifiers:
            rest = text[span.start : cut]
            if len(rest) > suffix_length(rest, EntityType.ORGANIZATION) > 0:
                return Span(span.start, cut, span.type, span.role)
            if PLACE_SUFFIX_RE.fullmatch(rest):
                return None  # 街道|党工委: what is left is no name either
            break  # 北京市委: a place's committee is a body of its own
    return span


class _Taken:
    """The spans kept so far, with an occupancy map of the text."""

    def __init__(self, length: int) -> None:
        self.spans: list[Span] = []
        self._occupied = bytearray(length)

    def free(self, span: Span) -> bool:
        return not any(self._occupied[span.start : span.end])

    def take(self, candidates: Iterable[Span]) -> None:
        for span in candidates:
            if self.free(span):
                self.spans.append(span)
                self._occupied[span.start : span.end] = b"\1" * (span.end - span.start)


def combine(
    text: str,
    exact: Sequence[Span],
    dictionary: Sequence[Span],
    rules: Sequence[Span],
    model: TaggedText,
    lex: Lexicon,
) -> list[Span]:
    taken = _Taken(len(text))
    taken.take(s for s in exact if s.type is EntityType.DATE)
    # A known name keeps the title a rule found before it (管委会主任宫卫红).
    roles = {(s.start, s.end, s.type): s.role for s in rules if s.role}
    known = [_with_role(s, roles.get((s.start, s.end, s.type), s.role)) for s in exact]
    taken.take(sorted((s for s in known if s.type is not EntityType.DATE), key=_rank))
    tagged = [
        Span(t.start, t.end, t.type, _SURE if t.confidence >= SURE else "") for t in model.spans
    ]
    places = _Anchors([s for s in [*dictionary, *rules] if s.type is EntityType.PLACE])
    tagged = [a for a in tagged if not _only_places(a, places)]
    anchors = _Anchors([a for a in tagged + list(dictionary) if taken.free(a)])
    place_ends = {p.end for p in places.spans}
    agreeing = [s for s in rules if _agrees(s, text, anchors, place_ends, model, lex)]
    names = [
        _with_role(kept, "" if kept.role == _SURE else kept.role)
        for s in anchors.spans + agreeing
        if (kept := _without_title_part(s, text, lex)) is not None
    ]
    taken.take(sorted(names, key=_rank))
    return sorted(taken.spans, key=lambda s: s.start)


def _with_role(span: Span, role: str) -> Span:
    return span if span.role == role else Span(span.start, span.end, span.type, role)


def _rank(span: Span) -> tuple[int, bool, int]:
    return (span.start - span.end, span.role == "", span.start)
