"""Run a :class:`~reader.domain.SearchRequest` against the FTS5 index.

Order: articles with a query term in the headline fields (title, kicker, subtitle)
first, then by BM25, then newer first (larger docid), which also breaks ties.

Totals come from ``count(*)``: exactly, unless the request allows an estimate for a
page of a very common query (see :mod:`reader.search.totals`).

Ranking every hit costs time that grows with the hit count, so when a query has
more than :data:`RANK_ALL` hits and the caller wants one page, the page is cut in
index order instead: headline hits first newest first, then the other hits newest
first. The FTS rowid is date-ordered, so this is a streaming ``ORDER BY rowid DESC
LIMIT`` that stops after one page. Headline hits are read from the small headline
table (:data:`~reader.store.search_schema.HEAD_TABLE`): a column filter on the main
table would read every hit's position lists when few headlines match.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from reader.domain import TITLE_PARAGRAPH, MatchSpan, SearchHit, SearchRequest, SearchResults
from reader.search import docids
from reader.search.driver import fetch_rows
from reader.search.filters import Filters, build_filters
from reader.search.query import (
    Query,
    QueryError,
    Term,
    body_only_match,
    fts5_string,
    head_implies_match,
    head_match,
    head_terms,
    parse,
    to_fts5,
)
from reader.search.rows import load_fields, load_summaries
from reader.search.snippets import snippet_and_matches
from reader.search.totals import (
    COUNT_CAP,
    SamplePlan,
    Total,
    cached_plan,
    estimate,
    page_total,
    per_generation,
)
from reader.store.search_schema import FTS_TABLE, HEAD_TABLE, MAP_TABLE, SEARCH_DOCS
from reader.store.tables import ARTICLES

RANK_ALL = 2000
"""Up to this many hits, every hit is BM25-ranked; above it, see the module docstring."""
WEIGHTS = "10.0, 10.0, 4.0, 4.0, 1.0, 1.0"  # bm25 weights: head, byline, body (even, odd)


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
    runner = _Runner(connection, filters)
    match = to_fts5(query)
    total = _total(runner, match, request)
    if total.value == 0:
        return SearchResults(request.query, 0, (), _elapsed(started))
    limit = request.limit
    offset = max(0, request.offset)
    ranking = _ranking_for(runner, query) if limit is None or total.value <= RANK_ALL else None
    if ranking is not None and (limit is None or ranking.affordable):
        page = _rank_all(runner, query, match, ranking)
        page = page[offset : None if limit is None else offset + limit]
    else:
        assert limit is not None  # every hit list is ranked
        page = _first_page(runner, query, offset, limit)
    hits = _hits(connection, query, page)
    return SearchResults(
        request.query, total.value, hits, _elapsed(started), total_exact=total.exact
    )


def _total(runner: _Runner, match: str, request: SearchRequest) -> Total:
    """Exact, or for a page request that allows it an estimate (see reader.search.totals)."""
    if request.exact_total or request.limit is None:
        return Total(runner.count(match), exact=True)
    return page_total(
        lambda cap: runner.count_upto(match, cap),
        lambda: sample_plan(runner.connection),
        lambda lo, hi: runner.count_between(match, lo, hi),
    )


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
        match = to_fts5(parse(request.query))
    except QueryError:
        return None
    where = f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match" + filters.on(FTS_TABLE)
    return where, {"match": match, **filters.params}


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


class _Runner:
    """FTS statements with the request's filters applied."""

    def __init__(self, connection: Connection, filters: Filters) -> None:
        self.connection = connection
        self.filters = filters

    def _run(
        self, select: str, match: str, tail: str = "", table: str = FTS_TABLE, **params: object
    ) -> list[tuple]:  # type: ignore[type-arg]
        sql = f"SELECT {select} FROM {table} WHERE {table} MATCH :match"
        sql += self.filters.on(table) + tail
        values = {"match": match, **self.filters.params, **params}
        return fetch_rows(self.connection, sql, values)

    def count(self, match: str) -> int:
        return int(self._run("count(*)", match)[0][0])

    def count_upto(self, match: str, cap: int) -> int:
        """The hits, counted newest first up to ``cap`` (a streaming read that stops)."""
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"
        sql += self.filters.on(FTS_TABLE) + " ORDER BY rowid DESC LIMIT :cap"
        values = {"match": match, **self.filters.params, "cap": cap}
        return int(fetch_rows(self.connection, f"SELECT count(*) FROM ({sql})", values)[0][0])

    def count_between(self, match: str, lo: int, hi: int) -> int:
        """The hits with ``lo <= docid < hi`` (FTS5 seeks to the range)."""
        tail = " AND rowid >= :slice_lo AND rowid < :slice_hi"
        return int(self._run("count(*)", match, tail, slice_lo=lo, slice_hi=hi)[0][0])

    def scored(
        self, match: str, lo: int = -(1 << 63), hi: int = (1 << 63) - 1
    ) -> list[tuple[int, float]]:
        """BM25 of every hit of ``match`` with ``lo <= docid <= hi``."""
        select = f"rowid, bm25({FTS_TABLE}, {WEIGHTS})"
        tail = " AND rowid >= :rank_lo AND rowid <= :rank_hi"
        return [(row[0], row[1]) for row in self._run(select, match, tail, rank_lo=lo, rank_hi=hi)]

    def newest(self, match: str, limit: int, offset: int, table: str = FTS_TABLE) -> list[int]:
        rows = self._run(
            "rowid",
            match,
            " ORDER BY rowid DESC LIMIT :limit OFFSET :offset",
            table,
            limit=limit,
            offset=offset,
        )
        return [row[0] for row in rows]

    def head_rowids(self, terms: str, among: Sequence[int] = ()) -> set[int]:
        """Articles (passing the filters) with one of ``terms`` in a headline field;
        only those ``among`` the given docids (one index probe each) when given."""
        tail = ""
        if among:
            tail = " AND rowid IN (" + ",".join(str(int(docid)) for docid in among) + ")"
        return {row[0] for row in self._run("rowid", terms, tail, HEAD_TABLE)}

    def head_count(self, terms: str) -> int:
        return int(self._run("count(*)", terms, table=HEAD_TABLE)[0][0])

    def among(self, match: str, docids: list[int]) -> set[int]:
        """Which of ``docids`` match: one streaming read of the rowid range they span."""
        rows = self._run(
            "rowid", match, " AND rowid >= :lo AND rowid <= :hi", lo=min(docids), hi=max(docids)
        )
        return set(docids).intersection(row[0] for row in rows)


Ranked = list[tuple[int, float | None]]
"""(docid, score) in result order; a larger score is a better BM25 match; None: not
ranked by FTS5 (scored from the page's own matches)."""


def _sort(scored: list[tuple[int, float]], head: set[int]) -> Ranked:
    ordered = sorted(scored, key=lambda item: (item[0] not in head, item[1], -item[0]))
    return [(docid, -bm25) for docid, bm25 in ordered]


def _rank_all(runner: _Runner, query: Query, match: str, ranking: _Ranking) -> Ranked:
    if ranking.expression is None:
        scored = runner.scored(match)
    else:
        hits = runner.newest(match, -1, 0)
        expression = ranking.expression
        scores = (
            dict(runner.scored(expression, min(hits), max(hits))) if expression and hits else {}
        )
        scored = [(docid, scores.get(docid, 0.0)) for docid in hits]
    docids = [docid for docid, _ in scored]
    if not docids:
        return []
    if len(docids) <= PROBE:
        head = runner.head_rowids(head_terms(query), docids)
    else:
        head = runner.head_rowids(head_terms(query))
    return _sort(scored, head)


HALF_COMMON = 0.6
"""A term estimated in more than this share of the articles is left out of ranking."""
RANK_READ_LIMIT = 100_000
"""``bm25()`` reads every article of each ranked term (about 30 ns each); past this
many in all, a page is cut in index order instead, as for more than RANK_ALL hits."""


@dataclass(frozen=True)
class _Ranking:
    expression: str | None
    """The terms worth FTS5's ``bm25()``; None: the query's own expression; "": none
    (every hit scores 0)."""
    affordable: bool = True
    """False: ranking would read more than :data:`RANK_READ_LIMIT` articles."""


def _ranking_for(runner: _Runner, query: Query) -> _Ranking:
    """How to rank at most RANK_ALL hits.

    ``bm25()`` first counts every article holding each phrase of the expression, for
    its IDF, at a cost that grows with the phrase's articles, not the query's hits:
    ``鞠翀翃 会议`` (26 hits) spent 20 of its 22 ms counting the 680,000 articles with
    会议 at 1,000,000 articles, and ``会议`` within one month (1,559 hits) 64 ms. Two
    kinds of phrase add nothing to a hit's score and are left out: an excluded term
    (no hit holds it) and a term in more than half the articles (FTS5 clamps an IDF
    ``log((N - n + 0.5) / (n + 0.5))`` ≤ 0 to 1e-6). The others are ranked when
    together they are in at most :data:`RANK_READ_LIMIT` articles.
    """
    terms = query.positive_terms()
    if len(terms) == 1 and not query.excluded and not runner.filters.sql:
        return _Ranking(None)  # its articles are its hits: at most RANK_ALL
    plan = sample_plan(runner.connection)
    sizes = {term: _articles_with(runner.connection, term, plan) for term in terms}
    kept = [term for term in terms if sizes[term] <= HALF_COMMON * plan.articles]
    affordable = sum(sizes[term] for term in kept) <= RANK_READ_LIMIT
    if len(kept) == len(terms) and not query.excluded:
        return _Ranking(None, affordable)
    return _Ranking(" OR ".join(fts5_string(term) for term in kept), affordable)


def _articles_with(connection: Connection, term: Term, plan: SamplePlan) -> int:
    """In how many of the archive's articles ``term`` is: exactly up to COUNT_CAP,
    else the sample's estimate. No filters apply: the IDF is the whole index's."""
    whole = _Runner(connection, Filters())
    match = fts5_string(term)
    counted = whole.count_upto(match, COUNT_CAP)
    if counted < COUNT_CAP:
        return counted
    return estimate(plan, lambda lo, hi: whole.count_between(match, lo, hi), counted)


PROBE = 200
"""Headline candidates checked per round against a query with several terms."""
PROBE_ROUNDS = 5
"""After this many rounds, the column-filter query (one scan of every hit) is cheaper."""


def _head_page(runner: _Runner, query: Query, wanted: int) -> list[int] | None:
    """The newest ``wanted`` headline hits (fewer: all there are); None: undecided.

    Candidates come newest first from the headline table; when the query has more
    than one group (or exclusions), each round of candidates is checked against the
    whole query.
    """
    terms = head_terms(query)
    if head_implies_match(query):
        return runner.newest(terms, wanted, 0, HEAD_TABLE)
    found: list[int] = []
    for round_ in range(PROBE_ROUNDS):
        candidates = runner.newest(terms, PROBE, round_ * PROBE, HEAD_TABLE)
        if candidates:
            matching = runner.among(to_fts5(query), candidates)
            found += [docid for docid in candidates if docid in matching]
        if len(found) >= wanted or len(candidates) < PROBE:
            return found[:wanted]
    return None


def _first_page(runner: _Runner, query: Query, offset: int, limit: int) -> Ranked:
    """One page without ranking every hit: headline hits newest first, then the rest.

    Page one needs no second count: when fewer than ``limit`` headline hits come
    back, that is all of them.
    """
    head = head_match(query)
    page: list[int] = []
    if offset == 0:
        first = _head_page(runner, query, limit)
        page = runner.newest(head, limit, 0) if first is None else first
        if len(page) == limit:
            return [(docid, None) for docid in page]
    if offset == 0:
        head_total = len(page)
    elif head_implies_match(query):
        head_total = runner.head_count(head_terms(query))
    else:
        head_total = runner.count(head)
    if offset and offset < head_total:
        if head_implies_match(query):
            page = runner.newest(head_terms(query), limit, offset, HEAD_TABLE)
        else:
            page = runner.newest(head, limit, offset)
    if len(page) < limit:
        body_offset = max(0, offset - head_total)
        page += runner.newest(body_only_match(query), limit - len(page), body_offset)
    return [(docid, None) for docid in page]


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
