"""What a query matches in the embedded index: FTS5 finds candidates, SQL checks them.

The index has document-level postings (:mod:`reader.search.fts`): a term of one or two
characters is one exact token, a longer one only a set of candidates (every article
holding its bigrams). A :class:`Match` is the FTS5 expression of the candidates and,
when some term is longer, a condition that checks each candidate against the stored
text with ``instr()`` (one field at a time, so no match spans two fields or
paragraphs). The text is searched as stored unless another character folds onto one
of the term's (:func:`~reader.search.normalize.folds_onto`); then through
:data:`FOLD_FUNCTION`, which the store registers on every SQLite connection.

Nearly every candidate of a real term is a hit (docs/search.md: 94,328 of 94,328 for
高新区, 41,370 of 41,371 for 大气污染防治攻坚), so a page newest first checks about
as many articles as it shows, at about 4 µs each.

Conditions name the table the hits come from as :data:`HIT` (``<hit>.rowid`` is the
docid); :meth:`Match.on` puts the table's name in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.search.fts import is_exact, term_expression
from reader.search.normalize import FOLD_FUNCTION, folds_onto
from reader.search.query import Query, Term
from reader.store.search_schema import HEAD_TABLE, SEARCH_DOCS
from reader.store.tables import ARTICLES, BYLINES, PARAGRAPHS

HIT = "<hit>"
"""Stands for the table (or alias) whose ``rowid`` a condition refers to."""

_A, _B, _P, _D = ARTICLES.c, BYLINES.c, PARAGRAPHS.c, SEARCH_DOCS.c


@dataclass(frozen=True)
class Match:
    """The hits of a query (or part of it) in one FTS5 table."""

    expression: str
    """The FTS5 expression of the candidates (bound as ``:match``)."""
    condition: str = ""
    """`` AND …`` checks of the candidates against the text ("": none needed)."""
    params: dict[str, object] = field(default_factory=dict)
    """The condition's bound values."""

    def on(self, table: str) -> str:
        """:attr:`condition` for hits from ``table`` (an FTS table, or an alias)."""
        return self.condition.replace(HIT, table)


class _Values:
    """Bound values with names unique to one builder (``prefix`` + a number)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.params: dict[str, object] = {}

    def bind(self, value: object) -> str:
        name = f"{self.prefix}{len(self.params)}"
        self.params[name] = value
        return f":{name}"


def _found(values: _Values, term: Term, head_only: bool) -> str:
    """SQL: ``term`` occurs in one of the hit's fields (only its headline fields)."""
    folded = term.folded
    needle = values.bind(folded)

    def has(column: str) -> str:
        text = f"{FOLD_FUNCTION}({column})" if folds_onto(folded) else column
        return f"instr({text}, {needle})"

    heads = " OR ".join(has(str(column)) for column in (_A.title, _A.kicker, _A.subtitle))
    if head_only:
        return (
            f"EXISTS (SELECT 1 FROM {SEARCH_DOCS} JOIN {ARTICLES} ON {_A.id} = {_D.article_id}"
            f" WHERE {_D.docid} = {HIT}.rowid AND ({heads}))"
        )
    return (
        f"EXISTS (SELECT 1 FROM {SEARCH_DOCS} WHERE {_D.docid} = {HIT}.rowid AND ("
        f"EXISTS (SELECT 1 FROM {PARAGRAPHS} WHERE {_P.article_id} = {_D.article_id}"
        f" AND {has(str(_P.text))})"
        f" OR EXISTS (SELECT 1 FROM {ARTICLES} WHERE {_A.id} = {_D.article_id} AND ({heads}))"
        f" OR EXISTS (SELECT 1 FROM {BYLINES} WHERE {_B.article_id} = {_D.article_id}"
        f" AND {has(str(_B.name))})))"
    )


def _candidates(terms: Iterable[Term], every: bool) -> str:
    expressions = [term_expression(term.folded, every) for term in terms]
    return expressions[0] if len(expressions) == 1 else "(" + " OR ".join(expressions) + ")"


def _exact(terms: Iterable[Term]) -> bool:
    return all(is_exact(term.folded) for term in terms)


def whole(query: Query, prefix: str = "t") -> Match:
    """The articles matching the whole query."""
    values = _Values(prefix)
    checks = []
    for group in query.required:
        if not _exact(group.terms):
            # The candidates of any term of the group; a hit holds one of them exactly.
            checks.append("(" + " OR ".join(_found(values, t, False) for t in group.terms) + ")")
    expression = " AND ".join(
        _candidates(group.terms, query.every_bigram) for group in query.required
    )
    short = [term for term in query.excluded if is_exact(term.folded)]
    if short:
        expression = f"({expression}) NOT {_candidates(short, False)}"
    for term in query.excluded:
        if not is_exact(term.folded):
            checks.append(f"NOT {_found(values, term, False)}")
    return Match(expression, "".join(f" AND {check}" for check in checks), values.params)


def in_head(query: Query, prefix: str = "h") -> Match:
    """The articles with a positive term of the query in their headline fields (in the
    headline table)."""
    terms = query.positive_terms()
    values = _Values(prefix)
    condition = ""
    if not _exact(terms):
        condition = " AND (" + " OR ".join(_found(values, t, True) for t in terms) + ")"
    return Match(_candidates(terms, query.every_bigram), condition, values.params)


def _with_head(query: Query, present: bool) -> Match:
    match, head = whole(query), in_head(query)
    # An uncorrelated IN: SQLite lists the headline candidates once per statement. The
    # correlated form (MATCH and rowid = the hit's) ran the MATCH again for every
    # candidate, ~0.6 ms each: page two of 高新区 会议 took 12 s at 100,000 articles.
    found = (
        f"+{HIT}.rowid IN (SELECT rowid FROM {HEAD_TABLE} WHERE {HEAD_TABLE} MATCH :head_match)"
        f"{head.condition}"
    )
    condition = f" AND ({found})" if present else f" AND NOT ({found})"
    params = {**match.params, **head.params, "head_match": head.expression}
    return Match(match.expression, match.condition + condition, params)


def head_hits(query: Query) -> Match:
    """The articles matching the query with a positive term in the headline fields."""
    return _with_head(query, present=True)


def body_only_hits(query: Query) -> Match:
    """The articles matching the query with no positive term in the headline fields."""
    return _with_head(query, present=False)
