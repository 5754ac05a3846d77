"""Hits of a search per month or year of the issue (publication) date.

The matching articles come from the same FTS5 expression and filters as the search
(:func:`reader.search.engine.search`), in one statement that returns their docids as
one string of fixed-width decimal numbers (``group_concat``): SQLite neither sorts nor
groups, and the docids are parsed, mapped to article ids (:class:`~reader.search.docids.DocidMap`)
and bucketed with numpy through a cached map article id → period of its issue's date
(:class:`PeriodIndex`). Grouping in SQL (``GROUP BY``
on the rowid's date part) cost 2–7× the walk of the posting lists for common terms
(the sorter), and a join to the issues table more; see docs/search.md, "Exploring".

The map, the periods that have issues and the articles per period are derived from
the store and only change when its articles do: the service keeps one
:class:`PeriodIndex` and builds it again when the archive's generation (bumped by every
write of articles or entity names, in any process) moved.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection

from reader.domain import TIMELINE_PERIODS, SearchRequest, Timeline, TimelineBucket
from reader.search.docids import DocidMap
from reader.search.driver import fetch_rows, on_server
from reader.search.engine import request_where
from reader.store.tables import ARTICLES, ISSUES

_WIDTH = 14
_OFFSET = 10**13
"""Every docid (< 2**44 < 9 * 10**13) plus this has exactly 14 decimal digits."""
_DOCIDS = f"group_concat(rowid + {_OFFSET}, '')"
_A, _I = ARTICLES.c, ISSUES.c
_ARTICLE_DATES = (
    f"SELECT {_A.id}, {_I.date} FROM {ARTICLES} JOIN {ISSUES} ON {_I.id} = {_A.issue_id}"
)
_POWERS = (10 ** np.arange(_WIDTH - 1, -1, -1)).astype(np.int64)


def period_of(date: dt.date, by: str) -> str:
    return f"{date.year:04d}-{date.month:02d}" if by == "month" else f"{date.year:04d}"


@dataclass(frozen=True)
class _Periods:
    names: tuple[str, ...]
    """Every period with a dated issue, oldest first."""
    of_article: np.ndarray
    """Article id → index into ``names``; ``len(names)``: no such article or undated."""
    totals: np.ndarray
    """Articles per period (index as ``names``)."""
    all: frozenset[str]


class PeriodIndex:
    """Article id → period of its issue's date, the periods that have issues and
    their article counts; built once per state of the archive."""

    def __init__(self, connection: Connection) -> None:
        self.docids = None if on_server(connection) else DocidMap(connection)
        """The embedded index's docid → article id map, of the same state."""
        rows = fetch_rows(connection, _ARTICLE_DATES, ())
        dates = {_as_date(value) for _, value in rows}
        dates.discard(None)
        self.issue_dates: tuple[dt.date, ...] = tuple(sorted(d for d in dates if d))
        ids = np.array([row[0] for row in rows], dtype=np.int64)
        size = int(ids.max()) + 1 if len(ids) else 1
        self._by: dict[str, _Periods] = {}
        article_dates = [_as_date(value) for _, value in rows]
        for by in TIMELINE_PERIODS:
            names = tuple(sorted({period_of(d, by) for d in self.issue_dates}))
            position = {name: number for number, name in enumerate(names)}
            undated = len(names)
            per = np.array(
                [position[period_of(d, by)] if d else undated for d in article_dates],
                dtype=np.int32,
            )
            of_article = np.full(size, undated, dtype=np.int32)
            if len(ids):
                of_article[ids] = per
            totals = np.bincount(per, minlength=undated + 1)[:undated]
            self._by[by] = _Periods(names, of_article, totals, frozenset(names))

    def counts(self, article_ids: np.ndarray, by: str) -> np.ndarray:
        """Articles per period (indexed as :meth:`names`) among ``article_ids``."""
        periods = self._by[by]
        undated = len(periods.names)
        ids = article_ids[(article_ids >= 0) & (article_ids < len(periods.of_article))]
        return np.bincount(periods.of_article[ids], minlength=undated + 1)[:undated]

    def timeline(
        self,
        query: str,
        by: str,
        article_ids: np.ndarray,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> Timeline:
        """The timeline of the articles ``article_ids``: the periods with an issue in
        [date_from, date_to] (every dated issue when not given), and any other period
        one of the articles falls in."""
        periods = self._by[by]
        counts = self.counts(article_ids, by)
        if date_from is None and date_to is None:
            shown: set[str] | frozenset[str] = periods.all
        else:
            lo = 0 if date_from is None else bisect.bisect_left(self.issue_dates, date_from)
            hi = len(self.issue_dates)
            if date_to is not None:
                hi = bisect.bisect_right(self.issue_dates, date_to)
            shown = {period_of(d, by) for d in self.issue_dates[lo:hi]}
        buckets = tuple(
            TimelineBucket(name, int(count), int(total))
            for name, count, total in zip(periods.names, counts, periods.totals, strict=True)
            if name in shown or count
        )
        return Timeline(query, by, buckets)


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        return dt.date.fromisoformat(value[:10])
    return None


def check_period(by: str) -> None:
    if by not in TIMELINE_PERIODS:
        raise ValueError(f"by must be one of {', '.join(TIMELINE_PERIODS)}, not {by!r}")


def matching_ids(
    connection: Connection, request: SearchRequest, docids: DocidMap | None = None
) -> np.ndarray:
    """The ids of every article the search of ``request`` finds (any order; the
    request's limit and offset are ignored). A query the search cannot parse finds
    nothing; an empty query with filters finds every article passing them. ``docids``:
    the archive's docid map, when the caller keeps one (made here otherwise)."""
    if connection.dialect.name == "postgresql":
        from reader.search.pg_engine import matching_ids as server_ids

        return ids_array(server_ids(connection, request))
    found = request_where(connection, request)
    if found is None:
        return np.zeros(0, dtype=np.int64)
    where, params = found
    hits = _parse_numbers(fetch_rows(connection, f"SELECT {_DOCIDS}" + where, params)[0][0])
    return (docids or DocidMap(connection)).article_ids(hits)


def _parse_numbers(text: str | None) -> np.ndarray:
    if not text:
        return np.zeros(0, dtype=np.int64)
    digits = np.frombuffer(text.encode("ascii"), dtype=np.uint8).reshape(-1, _WIDTH)
    return (digits.astype(np.int64) - 48) @ _POWERS - _OFFSET  # type: ignore[no-any-return]


def ids_array(article_ids: Sequence[int]) -> np.ndarray:
    return np.fromiter(article_ids, dtype=np.int64, count=len(article_ids))
