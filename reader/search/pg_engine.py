"""Run a :class:`~reader.domain.SearchRequest` on PostgreSQL, with the SQLite engine's
semantics (:mod:`reader.search.engine`): every term an exact substring of the folded
text, of any length from one character; spaces AND, ``OR``, ``"phrases"``,
``-exclusions``; the same filters; headline hits first, then relevance, then newer;
exact totals (or an estimate where the request allows one); snippets and match
spans from the same Python code.

The index is :data:`~reader.store.search_schema.SEARCH_GRAMS` (see
:mod:`reader.search.pg_index`). A term is

* one or two characters: ``grams @> ARRAY[term]`` — exact, answered by the GIN index;
* longer: ``grams @>`` the term's distinct bigrams (the GIN index narrows the
  candidates to the articles holding every bigram) and ``strpos`` of the term in the
  head, byline or body text (exactness: a match never crosses a field or paragraph,
  since the text joins them with the boundary, which no folded term contains).

A page of a query with more than :data:`RANK_ALL` hits is cut
newest first (headline hits first) with ``ORDER BY docid DESC LIMIT``; up to it, every
hit is scored in SQL from its term counts per field as the embedded engine scores in
Python (:mod:`reader.search.ranking`); ``--all`` ranks every hit (the server counts
in SQL, at a cost the embedded engine only pays up to ``RANK_ALL`` hits).

A page request that allows an estimated total (``SearchRequest.exact_total`` False)
first checks the newest :data:`PROBE_ROWS` articles with the text-only condition
(:func:`text_match_sql`). Few hits there: a rare query, the exact path above (its GIN
lists are short). Otherwise rows at the start of the sample's slices
(:mod:`reader.search.totals`) give the estimate, and when it is above ``RANK_ALL``
the page is read by walking the newest articles backwards along the docid index with
the text-only condition (:func:`_walked_page`): headline hits first, then the others,
stopping after one page. A common term's GIN bitmap lists nearly every article (17 ms
for one character in 95% of 100,000 articles) and its rows' gram arrays are
compressed out of line (~45 µs each to check), while its walk finds 20 hits in a few
dozen rows of inline text (~3 µs each). A walk that runs out of rows falls back to the
GIN path; the page is the same either way.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection

from reader.domain import SearchRequest, SearchResults
from reader.search.driver import fetch_rows
from reader.search.filters import build_filters
from reader.search.query import Query, QueryError, Term, parse
from reader.search.ranking import BODY_WEIGHT, BYLINE_WEIGHT, HEAD_WEIGHT, K1, B
from reader.search.totals import SamplePlan, Total, cached_plan
from reader.store.search_schema import SEARCH_GRAMS

_G = SEARCH_GRAMS.c
_TABLE = SEARCH_GRAMS.name
_DOCID = str(_G.docid)
_WEIGHTS = ((_G.head, HEAD_WEIGHT), (_G.byline, BYLINE_WEIGHT), (_G.body, BODY_WEIGHT))
RANK_ALL = 2000
"""Up to this many hits, every hit is ranked (in SQL, from the stored text). The
embedded engine ranks fewer (:data:`reader.search.engine.RANK_ALL`): it reads each
hit's text into Python."""


@dataclass
class _Sql:
    """A boolean SQL expression over the search table, with its bound values."""

    params: dict[str, object] = field(default_factory=dict)

    def bind(self, value: object) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"


def _grams(folded: str) -> list[str]:
    if len(folded) <= 2:
        return [folded]
    return sorted({folded[i : i + 2] for i in range(len(folded) - 1)})


def _term(sql: _Sql, term: Term, head_only: bool = False) -> str:
    folded = term.folded
    grams = _G.head_grams if head_only else _G.grams
    expression = f"{grams} @> CAST({sql.bind(_grams(folded))} AS text[])"
    if len(folded) > 2:
        needle = sql.bind(folded)
        columns = (_G.head,) if head_only else (_G.head, _G.byline, _G.body)
        found = " OR ".join(f"strpos({column}, {needle}) > 0" for column in columns)
        expression += f" AND ({found})"
    return f"({expression})"


def _text_term(sql: _Sql, term: Term, head_only: bool = False) -> str:
    needle = sql.bind(term.folded)
    columns = (_G.head,) if head_only else (_G.head, _G.byline, _G.body)
    return "(" + " OR ".join(f"strpos({column}, {needle}) > 0" for column in columns) + ")"


TermSql = Callable[[_Sql, Term, bool], str]
"""One term as SQL (``_term``: the gram arrays; ``_text_term``: the text alone)."""


def _whole(sql: _Sql, query: Query, term: TermSql) -> str:
    groups = [
        "(" + " OR ".join(term(sql, t, False) for t in group.terms) + ")"
        for group in query.required
    ]
    expression = " AND ".join(groups)
    if query.excluded:
        negative = " OR ".join(term(sql, t, False) for t in query.excluded)
        expression += f" AND NOT ({negative})"
    return expression


def _in_head(sql: _Sql, query: Query, term: TermSql) -> str:
    return "(" + " OR ".join(term(sql, t, True) for t in query.positive_terms()) + ")"


def match_sql(sql: _Sql, query: Query) -> str:
    """The whole query as one boolean expression."""
    return _whole(sql, query, _term)


def head_sql(sql: _Sql, query: Query) -> str:
    """A positive term in the headline fields."""
    return _in_head(sql, query, _term)


def text_match_sql(sql: _Sql, query: Query, head_only: bool = False) -> str:
    """:func:`match_sql` (or with ``head_only`` :func:`head_sql`) over the stored text
    alone (``strpos``; no gram arrays): as exact, and cheap per row (the text is stored
    inline, the arrays are compressed out of line), so it is the condition of a walk
    along the docid index."""
    return _in_head(sql, query, _text_term) if head_only else _whole(sql, query, _text_term)


@contextmanager
def _planner_without(connection: Connection, method: str) -> Iterator[None]:
    """One plan method (``indexscan``, ``bitmapscan``) switched off meanwhile."""
    connection.exec_driver_sql(f"SET LOCAL enable_{method} = off")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"SET LOCAL enable_{method} = on")


def _filters(request: SearchRequest, sql: _Sql) -> str:
    filters = build_filters(request, server=True)
    sql.params.update(filters.params)
    return filters.sql.replace("rowid", _DOCID)


def prefer_indexes(connection: Connection) -> None:
    """Read through the GIN indexes even when a term is in most articles.

    The planner takes a sequential scan for a term in 90% of the rows, and that scan
    unpacks every row's gram array (340 ms at 20,000 articles); the bitmap from the
    GIN index is exact for one- and two-character terms, so a count only visits the
    heap pages (20 ms). For this transaction only.

    With more memory for it (:data:`BITMAP_MEMORY`) a common term's bitmap stays exact
    at 1,000,000 articles: at the default 4 MB it turns lossy, and every row of a lossy
    page is checked again, its gram array unpacked (exact counts of 8–35 s measured at
    1,000,000 articles with the default)."""
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    connection.exec_driver_sql(f"SET LOCAL work_mem = '{BITMAP_MEMORY}'")


BITMAP_MEMORY = "64MB"
"""``work_mem`` of a search's transaction: an exact bitmap of every row of 1,000,000
articles takes about 30 MB."""


def search(connection: Connection, request: SearchRequest) -> SearchResults:
    from reader.search.engine import has_filters

    started = time.perf_counter()
    prefer_indexes(connection)
    if not request.query.strip() and has_filters(request):
        return _filtered(connection, request, started)
    try:
        query = parse(request.query)
    except QueryError as error:
        return SearchResults(request.query, 0, (), _elapsed(started), str(error))
    sql = _Sql()
    filters = _filters(request, sql)
    where = f" FROM {_TABLE} WHERE {match_sql(sql, query)}" + filters
    total = _total(connection, request, query, sql, where, filters)
    if total.value == 0:
        return SearchResults(request.query, 0, (), _elapsed(started))
    limit, offset = request.limit, max(0, request.offset)
    from reader.search.engine import Ranked, _hits

    page: Ranked
    walked = None
    if limit is not None and not total.exact and _worth_walking(connection, total, offset + limit):
        walked = _walked_page(connection, query, sql, filters, offset, limit)
    if walked is not None:
        page = [(docid, None) for docid in walked]
    elif limit is None or total.value <= RANK_ALL:
        page = _rank_all(connection, query, sql, where)
        page = page[offset : None if limit is None else offset + limit]
    elif not total.exact:
        # Too sparse to walk: the hits from the GIN bitmaps, never a walk along the
        # docid index that the planner may take when it thinks the hits denser (one
        # character in 0.25% of 1,000,000 articles: 1.7 s that way, each row's gram
        # array unpacked).
        with _planner_without(connection, "indexscan"):
            docids = _first_page(connection, query, sql, where, filters, total.value, limit, offset)
        page = [(docid, None) for docid in docids]
    else:
        docids = _first_page(connection, query, sql, where, filters, total.value, limit, offset)
        page = [(docid, None) for docid in docids]
    hits = _hits(connection, query, page)
    return SearchResults(
        request.query, total.value, hits, _elapsed(started), total_exact=total.exact
    )


def _count(connection: Connection, sql: _Sql, where: str) -> int:
    return int(fetch_rows(connection, "SELECT count(*)" + where, sql.params)[0][0])


def _total(
    connection: Connection,
    request: SearchRequest,
    query: Query,
    sql: _Sql,
    where: str,
    filters: str,
) -> Total:
    """Exact; or for a page request that allows it, an estimate when the query looks
    common (reader.search.totals; the server samples the rows themselves, since its
    exact count of a common term is a GIN bitmap of every hit: 17 ms for one
    character in 95,000 of 100,000 articles, before the rows are visited)."""
    if not (request.exact_total or request.limit is None):
        estimate = _estimate(connection, query, sql, filters)
        if estimate is not None and estimate > RANK_ALL:
            return Total(estimate, exact=False)
    return Total(_count(connection, sql, where), exact=True)


PROBE_ROWS = 256
"""The newest articles checked first: so few hits among them that the whole archive
would hold at most half of RANK_ALL at that rate, and the query is taken for a rare
one (exact count from the GIN indexes, no sample)."""
SLICE_ROWS = 64
"""Articles checked at the start of each of the sample's slices (totals.make_plan)."""


def _sample_rows(lo: int | None) -> str:
    columns = f"{_DOCID}, {_G.head}, {_G.byline}, {_G.body}"
    if lo is None:
        return f"(SELECT {columns} FROM {_TABLE} ORDER BY {_DOCID} DESC LIMIT {PROBE_ROWS})"
    return (
        f"(SELECT {columns} FROM {_TABLE} WHERE {_DOCID} >= {int(lo)}"
        f" ORDER BY {_DOCID} LIMIT {SLICE_ROWS})"
    )


def sample_plan(connection: Connection) -> SamplePlan:
    return cached_plan(connection, _TABLE, _G.docid.name)


def _estimate(connection: Connection, query: Query, sql: _Sql, filters: str) -> int | None:
    """Hits among sampled rows, scaled to the archive; None when the newest rows hold
    so few hits that the query looks rare (its exact count is cheap)."""
    condition = text_match_sql(sql, query) + filters

    def sample(parts: list[str]) -> tuple[int, int]:
        rows = fetch_rows(
            connection,
            f"SELECT count(*) FILTER (WHERE {condition}), count(*)"
            f" FROM ({' UNION ALL '.join(parts)}) AS {_TABLE}",
            sql.params,
        )
        return int(rows[0][0]), int(rows[0][1])

    probed, _ = sample([_sample_rows(None)])
    plan = sample_plan(connection)
    if probed * plan.articles <= PROBE_ROWS * RANK_ALL // 2:
        return None
    if not plan.slices:
        return None
    hits, seen = sample([_sample_rows(lo) for lo, _ in plan.slices])
    return round(hits * plan.articles / seen) if seen else None


HEAD_WALK_ROWS = 1000
"""Newest articles whose headline fields a page walk checks (~1 µs each)."""
BODY_WALK_ROWS = 8000
"""Newest articles whose whole text a page walk checks (~3 µs each)."""


def _worth_walking(connection: Connection, total: Total, wanted: int) -> bool:
    """Would a walk of :data:`BODY_WALK_ROWS` articles find ``wanted`` hits twice over,
    at the estimated density?"""
    articles = max(1, sample_plan(connection).articles)
    return total.value * BODY_WALK_ROWS >= 2 * wanted * articles


def _walk(
    connection: Connection, sql: _Sql, condition: str, filters: str, wanted: int, rows: int
) -> tuple[list[int], bool]:
    """The newest ``wanted`` hits of ``condition`` among the newest ``rows`` articles
    passing the filters, read backwards along the docid index; and whether that read
    ran out of rows before finding them all (then older hits may exist)."""
    found = fetch_rows(
        connection,
        f"SELECT {_DOCID} FROM (SELECT {_DOCID}, {_G.head}, {_G.byline}, {_G.body}"
        f" FROM {_TABLE} WHERE TRUE{filters} ORDER BY {_DOCID} DESC LIMIT {int(rows)})"
        f" AS {_TABLE} WHERE {condition} LIMIT {int(wanted)}",
        sql.params,
    )
    docids = [row[0] for row in found]
    return docids, len(docids) < wanted


def _walked_page(
    connection: Connection, query: Query, sql: _Sql, filters: str, offset: int, limit: int
) -> list[int] | None:
    """A page of a common query (estimated total) by walking the newest articles:
    headline hits newest first, then the other hits newest first, as
    :func:`_first_page`. None: the walk ran out before the page was decided."""
    from reader.search.query import head_implies_match

    wanted = offset + limit
    head = text_match_sql(sql, query, head_only=True)
    matches = text_match_sql(sql, query)
    head_condition = head if head_implies_match(query) else f"{head} AND {matches}"
    heads, short = _walk(connection, sql, head_condition, filters, wanted, HEAD_WALK_ROWS)
    if short:
        # Headline hits older than the walk: from the headline GIN index.
        older = f" AND {_DOCID} < {int(heads[-1])}" if heads else ""
        if head_implies_match(query):
            head_where = f" FROM {_TABLE} WHERE {head_sql(sql, query)}{filters}{older}"
        else:
            head_where = (
                f" FROM {_TABLE} WHERE {match_sql(sql, query)} AND {head_sql(sql, query)}"
                f"{filters}{older}"
            )
        # Few headline hits (fewer than wanted in the walk): the GIN bitmap, not the
        # docid index the planner may pick for an element common in other columns.
        with _planner_without(connection, "indexscan"):
            heads += _newest(connection, sql, head_where, wanted - len(heads), 0)
    if len(heads) >= wanted:
        return heads[offset:wanted]
    # Fewer headline hits than wanted: these are all of them.
    rest, short = _walk(
        connection, sql, f"{matches} AND NOT {head}", filters, wanted - len(heads), BODY_WALK_ROWS
    )
    if short:
        return None
    return (heads + rest)[offset:wanted]


def count(connection: Connection, request: SearchRequest) -> int:
    """The exact number of articles the search finds (its limit and offset aside)."""
    sql = _Sql()
    where = _request_where(connection, request, sql)
    return 0 if where is None else _count(connection, sql, where)


def _rank_all(connection: Connection, query: Query, sql: _Sql, where: str) -> list:  # type: ignore[type-arg]
    terms = [term.folded for term in query.positive_terms()]
    head = head_sql(sql, query)
    weighted = []
    for term in terms:
        needle, size = sql.bind(term), sql.bind(len(term))
        weighted.append(
            " + ".join(
                f"{weight} * ((char_length({column}) - char_length(replace({column}, {needle},"
                f" ''))) / {size})"
                for column, weight in _WEIGHTS
            )
        )
    length = " + ".join(f"char_length({column})" for column, _ in _WEIGHTS)
    rows = fetch_rows(
        connection,
        f"SELECT {_DOCID}, {head}, {length}, " + ", ".join(weighted) + where,
        sql.params,
    )
    if not rows:
        return []
    average = max(1.0, sum(row[2] for row in rows) / len(rows))
    scored = []
    for row in rows:
        norm = K1 * (1 - B + B * row[2] / average)
        score = sum(float(tf) * (K1 + 1) / (float(tf) + norm) for tf in row[3:])
        scored.append((not row[1], -score, -row[0], row[0], score))
    scored.sort()
    return [(docid, score) for *_, docid, score in scored]


def _newest(connection: Connection, sql: _Sql, where: str, limit: int, offset: int) -> list[int]:
    tail = f" ORDER BY {_DOCID} DESC LIMIT {int(limit)} OFFSET {int(offset)}"
    return [row[0] for row in fetch_rows(connection, f"SELECT {_DOCID}" + where + tail, sql.params)]


def _rows(connection: Connection) -> float:
    """The planner's estimate of the indexed articles (0 before the first ANALYZE)."""
    rows = fetch_rows(
        connection, f"SELECT reltuples FROM pg_class WHERE oid = '{_TABLE}'::regclass", {}
    )
    return max(0.0, float(rows[0][0])) if rows else 0.0


def _newest_in_order(
    connection: Connection, sql: _Sql, where: str, limit: int, offset: int, hits: int
) -> list[int]:
    """The newest hits, read along the docid index when hits are dense.

    With many hits the planner still takes the GIN bitmap, which checks every candidate
    (and sorts them) for one page; reading the docid index backwards with the match as a
    filter stops after about (offset + limit) × articles / hits rows. Taken when that is
    well below the number of hits (the estimate assumes hits spread evenly over time)."""
    articles = _rows(connection)
    dense = articles > 0 and 3 * (offset + limit) * articles < hits * hits
    if not dense:
        return _newest(connection, sql, where, limit, offset)
    with _planner_without(connection, "bitmapscan"):
        return _newest(connection, sql, where, limit, offset)


def _first_page(
    connection: Connection,
    query: Query,
    sql: _Sql,
    where: str,
    filters: str,
    total: int,
    limit: int,
    offset: int,
) -> list[int]:
    from reader.search.query import head_implies_match

    head = head_sql(sql, query)
    # A headline hit of a one-group query is a hit: the headline condition alone (its own
    # GIN index and the short headline text), without re-checking every headline
    # candidate's full gram array and body against the whole query.
    head_where = (
        f" FROM {_TABLE} WHERE {head}{filters}"
        if head_implies_match(query)
        else f"{where} AND {head}"
    )
    page = _newest(connection, sql, head_where, limit, offset)
    if len(page) == limit:
        return page
    if page or offset == 0:
        head_total = offset + len(page)
    else:
        head_total = int(fetch_rows(connection, f"SELECT count(*){head_where}", sql.params)[0][0])
    body_offset = max(0, offset - head_total)
    return page + _newest_in_order(
        connection, sql, f"{where} AND NOT {head}", limit - len(page), body_offset, total
    )


def _filtered(connection: Connection, request: SearchRequest, started: float) -> SearchResults:
    from reader.search.engine import _hits

    sql = _Sql()
    where = f" FROM {_TABLE} WHERE TRUE" + _filters(request, sql)
    total = int(fetch_rows(connection, "SELECT count(*)" + where, sql.params)[0][0])
    if request.limit is not None:
        docids = _newest(connection, sql, where, request.limit, max(0, request.offset))
    else:
        tail = f" ORDER BY {_DOCID} DESC"
        docids = [
            row[0] for row in fetch_rows(connection, f"SELECT {_DOCID}" + where + tail, sql.params)
        ]
    hits = _hits(connection, Query(()), [(docid, 0.0) for docid in docids])
    return SearchResults(request.query, total, hits, _elapsed(started))


def matching_ids(connection: Connection, request: SearchRequest) -> Sequence[int]:
    """The ids of every article the search of ``request`` finds (any order)."""
    sql = _Sql()
    where = _request_where(connection, request, sql)
    if where is None:
        return []
    return [row[0] for row in fetch_rows(connection, f"SELECT {_G.article_id}" + where, sql.params)]


def _request_where(connection: Connection, request: SearchRequest, sql: _Sql) -> str | None:
    """`` FROM … WHERE …`` of every article the search of ``request`` finds; None:
    none (no query and no filters, or a query that cannot be parsed)."""
    from reader.search.engine import has_filters

    prefer_indexes(connection)
    if not request.query.strip():
        if not has_filters(request):
            return None
        condition = "TRUE"
    else:
        try:
            condition = match_sql(sql, parse(request.query))
        except QueryError:
            return None
    return f" FROM {_TABLE} WHERE {condition}" + _filters(request, sql)


def _elapsed(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
