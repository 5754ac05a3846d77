"""Recognition of the four entity types over one article or one issue.

Order of evidence, strongest first: dates (regex), known names (user dictionary,
byline names), organisations and places by suffix, persons by title or verb.  Names
found by a title or verb anywhere in the issue are then matched everywhere in it
(``陈增喜结合…`` has no cue of its own, ``副院长陈增喜`` earlier does).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.domain import TITLE_PARAGRAPH, EntityType, Mention, ParsedArticle, ParsedIssue
from reader.entities.combine import SURE, combine
from reader.entities.dates import find_dates
from reader.entities.gazetteer import Gazetteer
from reader.entities.lexicon import Lexicon, default_lexicon
from reader.entities.persons import find_by_verb, find_titled
from reader.entities.spans import (
    PLACE_SUFFIX_RE,
    find_enumerated_orgs,
    find_orgs,
    find_places,
)
from reader.entities.text import Span, resolve, simplified

if TYPE_CHECKING:  # numpy loads with the tagger, on the first recognition
    from reader.entities.tagger import TaggedText


@dataclass
class _ArticleWork:
    texts: list[tuple[int, str]]
    plain: list[str] = field(default_factory=list)
    """Each text in simplified characters (what the rules read), made once."""
    spans: list[list[Span]] = field(default_factory=list)
    found_persons: set[str] = field(default_factory=set)


@functools.cache
def _dictionary_gazetteer(lex: Lexicon) -> Gazetteer:
    return Gazetteer(lex.user_names)


def _person_gazetteer(names: Iterable[str]) -> Gazetteer:
    return Gazetteer(dict.fromkeys(names, EntityType.PERSON))


@functools.lru_cache(maxsize=4)
def _archive_gazetteer(names: frozenset[str], lex: Lexicon) -> Gazetteer:
    """The archive's trusted byline names, built once per run rather than per article:
    an archive has thousands of byline names and the indexer passes the same set."""
    return _person_gazetteer(_trusted(names, lex, frozenset()))


@functools.lru_cache(maxsize=65536)
def _clean_name(name: str) -> str:
    return simplified("".join(name.split()))  # the author line prints 高 亢 with a space


def _trusted(names: Iterable[str], lex: Lexicon, own: frozenset[str]) -> set[str]:
    """Archive byline names that are safe to match anywhere.

    A byline name that is also an ordinary word (高亢 = "loud") is matched only in the
    article it signs; elsewhere ``歌声高亢`` would become a person.
    """
    kept = set()
    for raw in names:
        name = _clean_name(raw)
        if len(name) < 2 or lex.is_stopped(EntityType.PERSON, name):
            continue
        if name in own or lex.freq(name) < 100:
            kept.add(name)
    return kept


def _texts(article: ParsedArticle) -> list[tuple[int, str]]:
    texts = [(TITLE_PARAGRAPH, article.title)] if article.title else []
    texts.extend(enumerate(article.paragraphs))
    return texts


def _extend_places(text: str, spans: list[Span]) -> list[Span]:
    """河南 + 省, 焦作 + 市: a dictionary place directly followed by its unit."""
    out = []
    for span in spans:
        if span.type is EntityType.PLACE:
            unit = PLACE_SUFFIX_RE.match(text, span.end)
            if unit:
                span = Span(span.start, unit.end(), span.type)
        out.append(span)
    return out


def _analyse_text(
    text: str, known: Sequence[Gazetteer], lex: Lexicon, tagged: TaggedText
) -> tuple[list[Span], set[str]]:
    dates = list(find_dates(text))
    raw_dictionary = list(_dictionary_gazetteer(lex).find(text))
    dictionary = _extend_places(text, raw_dictionary)
    trusted = [span for gazetteer in known for span in gazetteer.find(text)]
    people = [s for s in dictionary if s.type is EntityType.PERSON]
    hard = dates + trusted + people
    floors = sorted(s.end for s in hard)
    orgs = list(find_orgs(text, floors, lex))
    orgs += find_enumerated_orgs(text, floors, lex)
    # Raw dictionary ends too: 豫西北|地区 must not grow a second, longer 造豫西北地区.
    place_floors = sorted(floors + [s.end for s in raw_dictionary + dictionary + orgs])
    places = list(find_places(text, place_floors, lex))
    persons = list(find_titled(text, lex)) + list(find_by_verb(text, lex))
    names = [s for s in dictionary if s.type is not EntityType.PERSON]
    spans = combine(text, hard, names, orgs + places + persons, tagged, lex)
    sure = {(t.start, t.end) for t in tagged.spans if t.confidence >= SURE}
    by_rule = {(p.start, p.end) for p in persons}
    found = {
        text[s.start : s.end]
        for s in spans
        if s.type is EntityType.PERSON and ((s.start, s.end) in sure or (s.start, s.end) in by_rule)
    }
    return spans, found


def _analyse(
    article: ParsedArticle,
    known: Sequence[Gazetteer],
    lex: Lexicon,
    tagged: Sequence[TaggedText],
) -> _ArticleWork:
    work = _ArticleWork(_texts(article))
    for (_, text), model in zip(work.texts, tagged, strict=True):
        # The rules and word lists read simplified characters; offsets stay the same.
        plain = simplified(text)
        spans, found = _analyse_text(plain, known, lex, model)
        work.plain.append(plain)
        work.spans.append(spans)
        work.found_persons |= found
    return work


def _finish(work: _ArticleWork, found: Gazetteer) -> list[Mention]:
    mentions: list[Mention] = []
    for (paragraph, text), plain, spans in zip(work.texts, work.plain, work.spans, strict=True):
        # A titled span keeps its role when an untitled copy covers the same text.
        spans = sorted(spans + list(found.find(plain)), key=lambda s: s.role == "")
        for span in resolve(spans):
            surface = text[span.start : span.end]
            mentions.append(
                Mention(surface, span.type, paragraph, span.start, span.end, surface, span.role)
            )
    return mentions


def _recognise(
    articles: Sequence[ParsedArticle], known_persons: Iterable[str], lex: Lexicon
) -> list[list[Mention]]:
    bylines = [frozenset(map(_clean_name, a.byline.all_names())) for a in articles]
    archive_names = frozenset(known_persons)
    archive = _archive_gazetteer(archive_names, lex)
    issue_extra = set().union(*bylines) - archive_names if bylines else set()
    works = []
    texts = [_texts(article) for article in articles]
    from reader.entities.tagger import default_tagger  # noqa: PLC0415 - lazy, see above

    # One tagger pass over the whole issue: numpy's per-call cost is paid once.
    tagged = default_tagger().tag_texts([text for group in texts for _, text in group])
    at = 0
    # This issue's new names (those that are no ordinary word), once per issue; then
    # per article its own signers, trusted there even when they are an ordinary word
    # (高亢 signs one article; elsewhere 歌声高亢 is no person).
    issue = _person_gazetteer(_trusted(issue_extra, lex, frozenset()))
    for article, own, group in zip(articles, bylines, texts, strict=True):
        signers = _person_gazetteer(_trusted(own, lex, own))
        known = (archive, issue, signers)
        works.append(_analyse(article, known, lex, tagged[at : at + len(group)]))
        at += len(group)
    found_names = set().union(*(w.found_persons for w in works)) if works else set()
    found = _person_gazetteer(found_names)
    return [_finish(work, found) for work in works]


def recognise_issue(
    issue: ParsedIssue, known_persons: frozenset[str] = frozenset()
) -> list[list[Mention]]:
    """Mentions of every article of ``issue`` (one list per article, in order).

    ``known_persons`` are the archive's byline names so far; this issue's byline names
    and names found by title or verb in any of its articles are persons everywhere in it.
    """
    return _recognise(issue.articles, known_persons, default_lexicon())


def recognise_article(
    article: ParsedArticle, known_persons: frozenset[str] = frozenset()
) -> list[Mention]:
    """Mentions in the title (paragraph −1) and paragraphs, sorted, non-overlapping."""
    return _recognise([article], known_persons, default_lexicon())[0]
