"""The query language, parsed into a small AST (matched by :mod:`reader.search.matching`).

Grammar (Google-like; ``OR`` binds tighter than the implicit AND)::

    query   := item (space item)*
    item    := '-' atom | atom ('OR' atom)*
    atom    := '"' characters '"' | word

* ``高新区 会议``        both terms must occur (anywhere in the article);
* ``"高新区 召开"``      a phrase: the space is part of the text to find;
* ``-调度``             articles containing 调度 are left out;
* ``会议 OR 座谈``       either term (``OR`` in capitals; ``or`` is an ordinary word).

Every term matches as a substring after :func:`~reader.search.normalize.fold`.
User text reaches SQL only as bound parameters: an FTS5 expression whose strings are
quoted (:func:`reader.search.fts.term_expression`) and the terms themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.search.normalize import fold

QUOTES = '"＂'
SPACES = " \t\r\n\u3000"
MAX_TERMS = 32
MAX_TERM_LENGTH = 200


class QueryError(ValueError):
    """A query that cannot be understood; the message is shown to the user as is."""


@dataclass(frozen=True)
class Term:
    text: str
    """As typed (without quotes)."""

    @property
    def folded(self) -> str:
        return fold(self.text)


@dataclass(frozen=True)
class AnyOf:
    """At least one of ``terms`` must occur (a single term is an AnyOf of one)."""

    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Query:
    required: tuple[AnyOf, ...]
    excluded: tuple[Term, ...] = ()
    every_bigram: bool = False
    """Take a long term's candidates from every one of its bigrams, not every other one:
    more lists to read, far fewer false candidates when its halves are common apart
    (:func:`reader.search.fts.term_grams`). For whatever checks every candidate (exact
    totals, timelines, full lists), and for a page whose newest candidates were mostly
    not hits."""

    def positive_terms(self) -> tuple[Term, ...]:
        seen: dict[str, Term] = {}
        for group in self.required:
            for term in group.terms:
                seen.setdefault(term.folded, term)
        return tuple(seen.values())


@dataclass(frozen=True)
class _Token:
    text: str
    quoted: bool
    negated: bool


def _error(chinese: str, english: str) -> QueryError:
    return QueryError(f"查询有误：{chinese} ({english})")


def _lex(raw: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(raw)
    while i < n:
        if raw[i] in SPACES:
            i += 1
            continue
        negated = False
        if raw[i] == "-" and i + 1 < n and raw[i + 1] not in SPACES:
            negated = True
            i += 1
        if raw[i] in QUOTES:
            end = next((j for j in range(i + 1, n) if raw[j] in QUOTES), -1)
            if end < 0:
                raise _error("引号没有配对", "unterminated quote")
            phrase = raw[i + 1 : end]
            if not phrase:
                raise _error("引号里没有内容", "empty phrase")
            tokens.append(_Token(phrase, True, negated))
            i = end + 1
            continue
        start = i
        while i < n and raw[i] not in SPACES:
            i += 1
        tokens.append(_Token(raw[start:i], False, negated))
    return tokens


def parse(raw: str) -> Query:
    """Parse ``raw`` or raise :class:`QueryError` with a message for the user."""
    tokens = _lex(raw)
    if not tokens:
        raise _error("请输入要查找的文字", "empty query")
    required: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    for position, token in enumerate(tokens):
        if token.text == "OR" and not token.quoted and not token.negated:
            if pending_or or not required or position == len(tokens) - 1:
                raise _error("OR 的两边都要有词", "OR needs a term on each side")
            if tokens[position - 1].negated or tokens[position + 1].negated:
                raise _error("OR 不能连接排除词", "OR cannot join an excluded -term")
            pending_or = True
            continue
        if len(token.text) > MAX_TERM_LENGTH:
            raise _error(f"词太长（最多 {MAX_TERM_LENGTH} 字）", "term too long")
        term = Term(token.text)
        if token.negated:
            excluded.append(term)
        elif pending_or:
            required[-1].append(term)
        else:
            required.append([term])
        pending_or = False
    if not required:
        raise _error("只有排除词，请至少给出一个要查找的词", "only excluded terms")
    if sum(len(group) for group in required) + len(excluded) > MAX_TERMS:
        raise _error(f"词太多（最多 {MAX_TERMS} 个）", "too many terms")
    return Query(tuple(AnyOf(tuple(group)) for group in required), tuple(excluded))


def head_implies_match(query: Query) -> bool:
    """One group of terms, nothing excluded: an article with a positive term in its
    headline matches the whole query."""
    return len(query.required) == 1 and not query.excluded
