"""Run a :class:`~reader.domain.SearchRequest` against the FTS5 index.

Order: articles with a query term in the headline fields (title, kicker, subtitle)
first, then by BM25, then newer first (larger docid), which also breaks ties.

Exact totals always come from ``count(*)``. Ranking every hit costs time that grows
with the hit count, so when a query has more than :data:`RANK_ALL` hits and the
caller wants one page, the page is cut in index order instead: headline hits first
newest first, then the other hits newest first — the FTS rowid is date-ordered, so this is a
streaming ``ORDER BY rowid DESC LIMIT`` that stops after one page.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from sqlalchemy import Connection, text

from reader.domain import TITLE_PARAGRAPH, MatchSpan, SearchHit, SearchRequest, SearchResults
from reader.search.filters import Filters, build_filters
from reader.search.fts import FTS_TABLE, ID_MASK
from reader.search.query import Query, QueryError, body_only_match, head_match, parse, to_fts5
from reader.search.rows import load_fields, load_summaries
from reader.search.snippets import match_spans, snippet

RANK_ALL = 2000
"""Up to this many hits, every hit is BM25-ranked; above it, see the module docstring."""
WEIGHTS = "10.0, 4.0, 1.0"  # bm25 column weights: head, byline, body


def search(connection: Connection, request: SearchRequest) -> SearchResults:
    started = time.perf_counter()
    try:
        query = parse(request.query)
    except QueryError as error:
        return SearchResults(request.query, 0, (), _elapsed(started), str(error))
    filters = build_filters(request)
    runner = _Runner(connection, filters)
    match = to_fts5(query)
    total = runner.count(match)
    if total == 0:
        return SearchResults(request.query, 0, (), _elapsed(started))
    limit = request.limit
    offset = max(0, request.offset)
    if limit is None or total <= RANK_ALL:
        page = _rank_all(runner, query, match)
        page = page[offset : None if limit is None else offset + limit]
    else:
        page = _first_page(runner, query, offset, limit)
    hits = _hits(connection, query, page)
    return SearchResults(request.query, total, hits, _elapsed(started))


def _elapsed(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


class _Runner:
    """FTS statements with the request's filters applied."""

    def __init__(self, connection: Connection, filters: Filters) -> None:
        self.connection = connection
        self.filters = filters

    def _run(self, select: str, match: str, tail: str = "", **params: object) -> list[tuple]:  # type: ignore[type-arg]
        sql = f"SELECT {select} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"
        sql += self.filters.sql + tail
        values = {"match": match, **self.filters.params, **params}
        return [tuple(row) for row in self.connection.execute(text(sql), values)]

    def count(self, match: str) -> int:
        return int(self._run("count(*)", match)[0][0])

    def scored(self, match: str) -> list[tuple[int, float]]:
        return [
            (row[0], row[1]) for row in self._run(f"rowid, bm25({FTS_TABLE}, {WEIGHTS})", match)
        ]

    def newest(self, match: str, limit: int, offset: int) -> list[int]:
        rows = self._run(
            "rowid",
            match,
            " ORDER BY rowid DESC LIMIT :limit OFFSET :offset",
            limit=limit,
            offset=offset,
        )
        return [row[0] for row in rows]

    def rowids(self, match: str) -> set[int]:
        return {row[0] for row in self._run("rowid", match)}


Ranked = list[tuple[int, float | None]]
"""(docid, score) in result order; a larger score is a better BM25 match; None: not
ranked by FTS5 (scored from the page's own matches)."""


def _sort(scored: list[tuple[int, float]], head: set[int]) -> Ranked:
    ordered = sorted(scored, key=lambda item: (item[0] not in head, item[1], -item[0]))
    return [(docid, -bm25) for docid, bm25 in ordered]


def _rank_all(runner: _Runner, query: Query, match: str) -> Ranked:
    return _sort(runner.scored(match), runner.rowids(head_match(query)))


def _first_page(runner: _Runner, query: Query, offset: int, limit: int) -> Ranked:
    """One page without ranking every hit: headline hits newest first, then the rest.

    Page one needs no second count: when fewer than ``limit`` headline hits come
    back, that is all of them.
    """
    head = head_match(query)
    page = runner.newest(head, limit, offset) if offset == 0 else []
    if offset == 0 and len(page) == limit:
        return [(docid, None) for docid in page]
    head_total = len(page) if offset == 0 else runner.count(head)
    if offset and offset < head_total:
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
    article_ids: Sequence[int] = [docid & ID_MASK for docid, _ in page]
    summaries = load_summaries(connection, article_ids)
    fields = load_fields(connection, article_ids)
    terms = [term.folded for term in query.positive_terms()]
    hits = []
    for (_, score), article_id in zip(page, article_ids, strict=True):
        summary = summaries.get(article_id)
        article = fields.get(article_id)
        if summary is None or article is None:
            continue  # removed between the FTS query and now
        text_, spans = snippet(article, terms)
        matches = match_spans(article, terms)
        if score is None:
            length = sum(map(len, article.paragraphs)) + len(article.title or "")
            score = page_score(matches, length, len(terms))
        hits.append(SearchHit(summary, score, text_, spans, matches))
    return tuple(hits)
