"""Putting the evidence together: exact names, the statistical tagger, the rules.

* Dates and known person names (bylines, the paper's dictionary) are exact: always kept.
* The tagger's spans and the dictionary's places and organisations are *anchors*.
* A rule span (a name grown leftwards from its suffix, a name after a title or before a
  verb) is kept only where it agrees with the anchors: it starts where an anchor starts
  and cuts through none.  So rules join what the tagger split (``高新区`` + ``教体中心``,
  ``文苑`` + ``街道``) but never start a name at a verb or preposition the tagger left
  outside (``据省农办``, ``参加市政府``), and never invent a name where the tagger and
  the dictionary saw nothing.
* Among anchors and agreeing rule spans the longest wins (``农业银行浙江省分行`` over its
  parts); for the same span, one with a role (a title before the name) is kept.
* A bare body that qualifies a title (``管委会主任``, ``党工委书记``) is part of the
  title, not an organisation mention.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from reader.domain import EntityType
from reader.entities.lexicon import Lexicon
from reader.entities.spans import suffix_length
from reader.entities.text import Span

if TYPE_CHECKING:
    from reader.entities.tagger import TaggedText


SURE = 0.9  # a tagged name this sure blocks a longer rule span that would swallow it
_SURE = "sure"  # anchors carry it in the role field; it never reaches a mention


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


# Inside a name: no preposition, conjunction, adverb, pronoun or particle, and none of
# the most frequent one-character verbs (住医院, 入小学).  Rarer ones are the stuff of
# abbreviations (教体中心, 城改中心), and longer verbs do name things (保护协会).
_NEVER_INSIDE = frozenset("p c d r u uj ul ud uz uv ug".split())
_COMMON_VERB = 20000


def _agrees(span: Span, text: str, anchors: Sequence[Span], starts: set[int], lex: Lexicon) -> bool:
    """No anchor crosses the span's edges or is a person inside a longer name; it starts
    where an anchor starts or where segmentation allows a name to start; and what no
    anchor covers reads as name words, not as a clause."""
    inside = []
    for a in anchors:
        if _overlaps(a, span):
            if not (span.start <= a.start and a.end <= span.end):
                return False
            if a.type is EntityType.PERSON and a.role == _SURE and span.type is not a.type:
                return False
            inside.append(a)
    if span.start not in starts and not _clean_start(text, span.start, lex):
        return False
    return _reads_as_name(text, span, inside, lex)


LOOKS_NAMED = 0.1  # mean probability of being in a name, over what a rule adds
# Suffixes that are also ordinary words or parts of them (怎么办, 经评委, 先要学会, 地方政府):
# what a rule grows in front of them must look like a name to the tagger.
_WEAK_SUFFIXES = frozenset({"学会", "工会", "政府", "商会", "地区"})


def _looks_named(span: Span, text: str, anchors: Sequence[Span], model: TaggedText) -> bool:
    """What the rule adds beyond the anchors and its own suffix is text the tagger finds
    name-like, unless a strong suffix (有限公司, 中心, 街道) vouches for it."""
    suffix = suffix_length(text[span.start : span.end], span.type)
    free = [
        i
        for i in range(span.start, span.end - suffix)
        if not any(a.start <= i < a.end for a in anchors)
    ]
    if not free:
        return True
    if suffix >= 2 and text[span.end - suffix : span.end] not in _WEAK_SUFFIXES:
        return True
    return float(model.named[free].mean()) >= LOOKS_NAMED


def _clean_start(text: str, start: int, lex: Lexicon) -> bool:
    """At a word boundary, and not with a verb, preposition, number or time word."""
    if lex.crosses_word(text, start):
        return False
    return lex.first_word(text, start) not in lex.grammar_tags


def _reads_as_name(text: str, span: Span, inside: Sequence[Span], lex: Lexicon) -> bool:
    i = span.start
    while i < span.end:
        covering = next((a for a in inside if a.start <= i < a.end), None)
        if covering is not None:
            i = covering.end
            continue
        word = lex.first_word(text[: span.end], i)
        tag = lex.grammar_tags.get(word)
        if tag in _NEVER_INSIDE or (tag == "v" and len(word) == 1 and lex.freq(word) >= _COMMON_VERB):
            return False
        i += len(word)
    return True


@functools.cache
def _titles(titles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, titles)))


def _qualifies_title(span: Span, text: str, lex: Lexicon) -> bool:
    if span.type is not EntityType.ORGANIZATION:
        return False
    if not _titles(lex.titles).match(text, span.end):
        return False
    # The tagger may see 党|工委: take in the characters a qualifier would cover.
    return any(text[start : span.end] in lex.qualifiers for start in range(span.start - 2, span.start + 1) if start >= 0)


def _take(candidates: Iterable[Span], taken: list[Span]) -> None:
    for span in candidates:
        if not any(_overlaps(span, t) for t in taken):
            taken.append(span)


def combine(
    text: str,
    exact: Sequence[Span],
    dictionary: Sequence[Span],
    rules: Sequence[Span],
    model: TaggedText,
    lex: Lexicon,
) -> list[Span]:
    taken = [s for s in exact if s.type is EntityType.DATE]
    # A known name keeps the title a rule found before it (管委会主任宫卫红).
    roles = {(s.start, s.end, s.type): s.role for s in rules if s.role}
    known = (replace(s, role=roles.get((s.start, s.end, s.type), s.role)) for s in exact)
    _take(sorted((s for s in known if s.type is not EntityType.DATE), key=_rank), taken)
    anchors = [
        Span(t.start, t.end, t.type, _SURE if t.confidence >= SURE else "") for t in model.spans
    ] + list(dictionary)
    anchors = [a for a in anchors if not any(_overlaps(a, t) for t in taken)]
    starts = {a.start for a in anchors}
    agreeing = [
        s for s in rules if _agrees(s, text, anchors, starts, lex) and _looks_named(s, text, anchors, model)
    ]
    names = [
        Span(s.start, s.end, s.type, "" if s.role == _SURE else s.role)
        for s in anchors + agreeing
        if not _qualifies_title(s, text, lex)
    ]
    _take(sorted(names, key=_rank), taken)
    taken.sort(key=lambda s: s.start)
    return taken


def _rank(span: Span) -> tuple[int, bool, int]:
    return (span.start - span.end, span.role == "", span.start)
