"""Run a :class:`~reader.domain.SearchRequest` against the FTS5 index.

What a query matches: :mod:`reader.search.matching` (FTS5 candidates, checked
against the text in SQL for a term of three or more characters).

Order: up to :data:`RANK_ALL` hits are ranked from their text
(:mod:`reader.search.ranking`: headline hits first, then relevance, then newer).
Ranking costs time per hit, so a longer hit list (a page, or ``--all``) comes in
index order instead: headline hits first newest first, then the other hits newest
first. The FTS rowid is date-ordered, so a page is a streaming ``ORDER BY rowid DESC
LIMIT`` that stops after it. Headline hits are read from the small headline table
(:data:`~reader.store.search_schema.HEAD_TABLE`).

Totals come from ``count(*)``: exactly, unless the request allows an estimate for a
page of a very common query (see :mod:`reader.search.totals`).

A long term's candidates come from every other of its bigrams (fewer lists to read).
A term whose halves are common but seldom adjacent (``会议调度``: 22,914 candidates and
no hit at 100,000 articles) would then have every candidate checked before its first
page (0.3 s at 100,000 articles, seconds at 1,000,000). So whatever checks every
candidate (exact totals, full lists) takes them from every bigram, and so does a
page whose newest candidates were mostly not hits (:data:`LOOSE_SHARE`). If even
those are mostly not hits, the page checks at most :data:`CHECK_BUDGET` more for
the hits after the headline ones: the page found is the start of the exact page
(both are newest first); ``SearchResults.complete`` says whether it may be short,
and the same request with ``exact_total`` gives the whole page.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import Connection

from reader.domain import TITLE_PARAGRAPH, MatchSpan, SearchHit, SearchRequest, SearchResults
from reader.search import docids
from reader.search.driver import fetch_rows
from reader.search.filters import Filters, build_filters
from reader.search.matching import Match, body_only_hits, head_hits, in_head, whole
from reader.search.query import Query, QueryError, head_implies_match, parse
from reader.search.ranking import rank
from reader.search.rows import load_fields, load_summaries
from reader.search.runner import Runner
from reader.search.snippets import snippet_and_matches
from reader.search.totals import (
    SamplePlan,
    Total,
    cached_plan,
    checked_candidates,
    page_total,
    per_generation,
)
from reader.store.search_schema import FTS_TABLE, HEAD_TABLE, MAP_TABLE, SEARCH_DOCS
from reader.store.tables import ARTICLES

RANK_ALL = 100
"""Up to this many hits, every hit is ranked from its text (reading it costs ~40 µs
an article at 100,000 articles: 249 hits took 10 ms); above it, hits come in index
order (see the module docstring)."""


def search(connection: Connection, request: SearchRequest) -> SearchResults:
    if connection.dialect.name == "postgresql":
        from reader.search import pg_engine

        return pg_engine.search(connection, request)
    started = time.perf_counter()
    if not request.query.strip() and has_filters(request):
        return _filtered(connection, request, started)
    try:
        query = parse(request.query)
    except QueryError as error:
        return SearchResults(request.query, 0, (), _elapsed(started), str(error))
    filters = embedded_filters(connection, request)
    runner = Runner(connection, filters)
    if request.exact_total or request.limit is None:
        query = dataclasses.replace(query, every_bigram=True)  # every candidate is checked
    match = whole(query)
    counted = _total(runner, match, request, tighten=not query.every_bigram)
    if counted.loose:
        query = dataclasses.replace(query, every_bigram=True)
        match = whole(query)
        counted = _total(runner, match, request)
    total, known, none_from = counted.total, counted.known, counted.none_from
    if total.value == 0 and total.exact:
        return SearchResults(request.query, 0, (), _elapsed(started))
    limit = request.limit
    offset = max(0, request.offset)
    complete = True
    if total.exact and total.value <= RANK_ALL:
        every = runner.newest(match, -1, 0) if known is None else known
        page = _rank_all(runner, query, every)
        page = page[offset : None if limit is None else offset + limit]
    elif limit is None:
        page = _in_index_order(runner, query)[offset:]
    else:
        budget = CHECK_BUDGET if match.condition and not total.exact and not offset else None
        page, complete = _first_page(runner, query, offset, limit, budget, none_from)
    hits = _hits(connection, query, page)
    if not total.exact and complete and not offset and len(page) < (limit or 0):
        total = Total(len(page), exact=True)  # every candidate was checked: all hits
    value = total.value if total.exact or not hits else max(total.value, offset + len(hits))
    return SearchResults(
        request.query, value, hits, _elapsed(started), total_exact=total.exact, complete=complete
    )


class _Counted(NamedTuple):
    total: Total
    known: list[int] | None = None
    """Every hit, newest first, when counting read them anyway."""
    none_from: int | None = None
    """No candidate with this docid or a larger one is a hit (they were checked)."""
    loose: bool = False
    """Most of the newest candidates were not hits: nothing else was done, the
    candidates of every bigram (``Query.every_bigram``) will be far fewer."""


def _total(runner: Runner, match: Match, request: SearchRequest, tighten: bool = False) -> _Counted:
    """Exact, or for a page request that allows it an estimate (see reader.search.totals);
    with every hit newest first when counting read them anyway, and the docid from which
    up no candidate is a hit when the newest were checked and none was."""
    if request.exact_total or request.limit is None:
        if match.condition:
            # One pass over the candidates finds every hit when there are few of them
            # (then the page needs no second pass); only more than RANK_ALL are counted.
            newest = runner.newest(match, RANK_ALL + 1, 0)
            if len(newest) <= RANK_ALL:
                return _Counted(Total(len(newest), exact=True), newest)
        return _Counted(Total(runner.count(match), exact=True))
    if match.condition:
        return _checked_total(runner, match, tighten)
    return _Counted(_estimated_total(runner, match))


def _estimated_total(runner: Runner, match: Match) -> Total:
    return page_total(
        lambda cap: runner.count_upto(match, cap),
        lambda: sample_plan(runner.connection),
        lambda lo, hi: runner.count_between(match, lo, hi),
    )


CHECK_BUDGET = 200
"""A page request that allows an estimated total checks at most this many candidates
of a long term for the hits after the headline ones (15–35 µs each when the term is
not in them: 7 ms at 1,000,000 articles), besides the newest CHECKED_CAP the total
checked: the page may then be short (``SearchResults.complete`` False)."""

CHECKED_CAP = 100
"""A page's total checks at most this many candidates of a match that needs a check
(5–15 µs each for a long term, its articles' paragraphs read until it is found). 300
made the share of hits a little surer (`大气污染防治攻坚` ~41,095 against ~39,770 for
41,370 at 100,000 articles) and the first page of a long common term 2–4 ms slower."""


LOOSE_SHARE = 0.5
"""Fewer hits than this share of a page's newest checked candidates: their candidates
are taken again from every bigram of the long terms (Query.every_bigram). Measured at
1,000,000 articles: 会议调度 20–23 → 2.7–3.9 ms, while for terms whose candidates are
nearly all hits every bigram costs 1–5 ms more (more lists read)."""


def _checked_total(runner: Runner, match: Match, tighten: bool = False) -> _Counted:
    """The total of a match whose candidates are checked against the text: exact when
    it has at most :data:`CHECKED_CAP` candidates; else the candidates' total (counted
    when they look fewer than ``COUNT_CAP``, else estimated from the sample; no check
    either way: cheap) times the share of hits among the newest CHECKED_CAP of them.
    Checking costs 5–15 µs a candidate, so counting 5,000 hits and sampling 1/256 of a
    1,000,000-article archive would take 50–100 ms."""
    checked, newest, span = runner.checked_newest(match, CHECKED_CAP)
    hits = len(newest)
    if checked < CHECKED_CAP:
        return _Counted(Total(hits, exact=True), newest)
    if tighten and hits < LOOSE_SHARE * checked:
        return _Counted(Total(0, exact=False), loose=True)
    if hits == 0:
        # None of the newest candidates holds the term: the page looks for hits among
        # the next CHECK_BUDGET candidates, and the exact count comes afterwards.
        return _Counted(Total(0, exact=False), none_from=span[0])
    unchecked = Match(match.expression)
    candidates = checked_candidates(
        sample_plan(runner.connection),
        checked,
        span,
        lambda cap: runner.count_upto(unchecked, cap),
        lambda lo, hi: runner.count_between(unchecked, lo, hi),
    )
    return _Counted(Total(max(hits, round(candidates * hits / checked)), exact=False))


def sample_plan(connection: Connection) -> SamplePlan:
    """The archive's sample for estimated totals (made once per archive generation);
    the window makes it in the background when an archive opens or changes, so the
    first common search does not wait for it."""
    if connection.dialect.name == "postgresql":
        from reader.search import pg_engine

        return pg_engine.sample_plan(connection)
    return cached_plan(connection, MAP_TABLE, SEARCH_DOCS.c.docid.name)


def count(connection: Connection, request: SearchRequest) -> int:
    """The exact number of articles the search finds (its limit and offset aside)."""
    if connection.dialect.name == "postgresql":
        from reader.search import pg_engine

        return pg_engine.count(connection, request)
    found = request_where(connection, request)
    if found is None:
        return 0
    where, params = found
    return int(fetch_rows(connection, "SELECT count(*)" + where, params)[0][0])


def request_where(
    connection: Connection, request: SearchRequest
) -> tuple[str, dict[str, object]] | None:
    """`` FROM … WHERE …`` of every article the search of ``request`` finds (``rowid``
    is the docid), with its parameters; None: none (no query and no filters, or a
    query that cannot be parsed)."""
    filters = embedded_filters(connection, request)
    if not request.query.strip():
        if not has_filters(request):
            return None
        return f" FROM {ALL_DOCS} WHERE 1" + filters.on_articles(ALL_DOCS_ARTICLE), dict(
            filters.params
        )
    try:
        match = whole(dataclasses.replace(parse(request.query), every_bigram=True))
    except QueryError:
        return None
    where = f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match" + match.on(FTS_TABLE)
    where += filters.on(FTS_TABLE)
    return where, {"match": match.expression, **match.params, **filters.params}


KIND_PER_HIT_SHARE = 0.25
"""A kind filter is checked hit by hit when at least this share of the articles is of
that kind, else as the set of its articles (docs/search.md, "a broad filter")."""


def embedded_filters(connection: Connection, request: SearchRequest) -> Filters:
    """The request's filters for the embedded index: a common kind checked hit by hit,
    a rare one as a set (the share of each kind is read once per archive generation)."""
    per_hit = request.kind is None or kind_share(connection, str(request.kind)) >= (
        KIND_PER_HIT_SHARE
    )
    return build_filters(request, kind_per_hit=per_hit)


def kind_share(connection: Connection, kind: str) -> float:
    """The share of the archive's articles of ``kind`` (cached per generation)."""

    def shares() -> dict[str, float]:
        rows = fetch_rows(connection, _KIND_COUNTS, ())
        articles = sum(int(count) for _, count in rows) or 1
        return {str(name): int(count) / articles for name, count in rows}

    return per_generation(connection, "kind shares", shares).get(kind, 0.0)


_KIND_COUNTS = f"SELECT {ARTICLES.c.kind}, count(*) FROM {ARTICLES} GROUP BY {ARTICLES.c.kind}"

ALL_DOCS_ALIAS = "all_docs"
ALL_DOCS = (
    f"(SELECT {SEARCH_DOCS.c.docid.name} AS rowid, {SEARCH_DOCS.c.article_id.name}"
    f" FROM {MAP_TABLE}) AS {ALL_DOCS_ALIAS}"
)
ALL_DOCS_ARTICLE = f"{ALL_DOCS_ALIAS}.{SEARCH_DOCS.c.article_id.name}"
"""Every article's docid as ``rowid``: the base of a search by filters alone."""


def has_filters(request: SearchRequest) -> bool:
    """The request restricts the articles by something besides its query."""
    return any(
        value is not None and value != ""
        for value in (
            request.date_from,
            request.date_to,
            request.issue_id,
            request.kind,
            request.person,
            request.entity,
            request.issue_from,
            request.issue_to,
        )
    )


def _filtered(connection: Connection, request: SearchRequest, started: float) -> SearchResults:
    """An empty query with filters: every article passing them, newest first."""
    filters = embedded_filters(connection, request)
    where = f" FROM {ALL_DOCS} WHERE 1" + filters.on_articles(ALL_DOCS_ARTICLE)
    total = int(fetch_rows(connection, "SELECT count(*)" + where, filters.params)[0][0])
    tail = " ORDER BY rowid DESC"
    params = dict(filters.params)
    if request.limit is not None:
        tail += " LIMIT :limit OFFSET :offset"
        params.update(limit=request.limit, offset=max(0, request.offset))
    rows = fetch_rows(connection, "SELECT rowid" + where + tail, params)
    page: Ranked = [(row[0], 0.0) for row in rows]
    hits = _hits(connection, Query(()), page)
    return SearchResults(request.query, total, hits, _elapsed(started))


def _elapsed(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


Ranked = list[tuple[int, float | None]]
"""(docid, score) in result order; a larger score is a better match; None: not ranked
(scored from the page's own matches)."""


def _rank_all(runner: Runner, query: Query, hits: list[int]) -> Ranked:
    """``hits`` (every hit, at most RANK_ALL), ranked from their text."""
    mapped = docids.article_ids(runner.connection, hits)
    fields = load_fields(runner.connection, [a for a in mapped if a is not None])
    found = [
        (docid, fields[article_id])
        for docid, article_id in zip(hits, mapped, strict=True)
        if article_id is not None and article_id in fields
    ]
    return list(rank(found, [term.folded for term in query.positive_terms()]))


def _in_index_order(runner: Runner, query: Query) -> Ranked:
    """Every hit in index order: headline hits newest first, then the others."""
    heads = runner.newest(head_hits(query), -1, 0)
    rest = runner.newest(body_only_hits(query), -1, 0)
    return [(docid, None) for docid in heads + rest]


PROBE = 200
"""Headline candidates checked per round against a query with several terms."""
PROBE_ROUNDS = 5
"""After this many rounds, the query for headline hits (one pass over every hit) is cheaper."""


def _head_page(runner: Runner, query: Query, wanted: int) -> list[int] | None:
    """The newest ``wanted`` headline hits (fewer: all there are); None: undecided.

    Candidates come newest first from the headline table; when the query has more
    than one group (or exclusions), each round of candidates is checked against the
    whole query.
    """
    head = in_head(query)
    if head_implies_match(query):
        return runner.newest(head, wanted, 0, HEAD_TABLE)
    found: list[int] = []
    for round_ in range(PROBE_ROUNDS):
        candidates = runner.newest(head, PROBE, round_ * PROBE, HEAD_TABLE)
        if candidates:
            matching = runner.among(whole(query), candidates)
            found += [docid for docid in candidates if docid in matching]
        if len(found) >= wanted or len(candidates) < PROBE:
            return found[:wanted]
    return None


def _first_page(
    runner: Runner,
    query: Query,
    offset: int,
    limit: int,
    budget: int | None = None,
    none_from: int | None = None,
) -> tuple[Ranked, bool]:
    """One page without ranking every hit: headline hits newest first, then the rest;
    and whether it is complete. With a ``budget`` (page one only) the hits after the
    headline ones come from at most that many of the newest candidates (below
    ``none_from``, when the ones from there up are known to hold none): the page is
    then complete unless it is short and candidates were left unchecked.

    Only the headline hits up to the page's end are read: when fewer come back, that
    is all of them, and the rest of the page comes from the other hits.
    """
    wanted = offset + limit
    heads = _head_page(runner, query, wanted)
    if heads is None:
        heads = runner.newest(head_hits(query), wanted, 0)
    page = heads[offset:]
    complete = True
    if len(page) < limit:
        body_offset = max(0, offset - len(heads))
        body = body_only_hits(query)
        if budget is None:
            page += runner.newest(body, limit - len(page), body_offset)
        else:
            found, complete = runner.newest_within(body, limit - len(page), budget, none_from)
            page += found
    return [(docid, None) for docid in page], complete


def page_score(matches: Sequence[MatchSpan], length: int, terms: int) -> float:
    """A BM25-like score from one article's own matches (used when hits are not
    ranked by FTS5): saturating term frequency, headline matches weighted up,
    normalised by the article's length."""
    k1, b, average = 1.2, 0.75, 600.0
    weighted = sum(3.0 if m.paragraph == TITLE_PARAGRAPH else 1.0 for m in matches)
    norm = k1 * (1 - b + b * length / average)
    return weighted * (k1 + 1) / (weighted + norm) * max(1, terms)


def _hits(connection: Connection, query: Query, page: Ranked) -> tuple[SearchHit, ...]:
    mapped = docids.article_ids(connection, [docid for docid, _ in page])
    article_ids = [article_id for article_id in mapped if article_id is not None]
    summaries = load_summaries(connection, article_ids)
    fields = load_fields(connection, article_ids)
    terms = [term.folded for term in query.positive_terms()]
    hits = []
    for (_, score), article_id in zip(page, mapped, strict=True):
        if article_id is None:
            continue  # removed between the FTS query and now
        summary = summaries.get(article_id)
        article = fields.get(article_id)
        if summary is None or article is None:
            continue  # removed between the FTS query and now
        text_, spans, matches = snippet_and_matches(article, terms)
        if score is None:
            length = sum(map(len, article.paragraphs)) + len(article.title or "")
            score = page_score(matches, length, len(terms))
        hits.append(SearchHit(summary, score, text_, spans, matches))
    return tuple(hits)
