"""The total of a search with very many hits: exact when cheap, else an estimate.

An exact total reads every hit: a common term's whole posting list (SQLite) or every
candidate row (PostgreSQL), a cost that grows with the archive while the first page
does not (it is read newest first and stops after one page). So a page request that
allows it (``SearchRequest.exact_total`` False: the window's searches) counts at most
:data:`COUNT_CAP` hits, newest first. Below the cap that count is the exact total.
At the cap the total is estimated from a sample: the hits in :data:`SAMPLE_SLICES`
slices spread evenly over the archive in docid (date) order, which together hold
1/:data:`SAMPLE_FRACTION` of its articles (first only the start of each slice, see
:data:`FIRST_STAGE`), scaled up to the whole archive (and never below the cap, which
is a lower bound). The window shows such a total as an estimate
("约 28 万篇") and asks for the exact one in the background (``ArchiveService.count``).

The slices' bounds are the docid quantiles of the archive, read once per archive
generation (every indexing run changes it) and cached; a stale plan only makes an
estimate less accurate, never a hit missing: the hits themselves are never sampled.

A term checked against the text (longer than two characters) has its candidates
estimated this way too, unless the newest candidates it checked say there are fewer
than :data:`COUNT_CAP` of them (:func:`checked_candidates`): then they are counted,
which costs less than the slices' counts and is exact.
"""

from __future__ import annotations

import bisect
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Connection

from reader.search.driver import fetch_rows

COUNT_CAP = 5000
"""Hits counted exactly before a page request settles for an estimate."""
SAMPLE_SLICES = 8
"""Slices of the archive counted for an estimate."""
SAMPLE_FRACTION = 32
"""The slices hold 1/this of the articles (at 1,000,000 articles: 31,250 in 8
slices; a term in 1% of the articles has ~310 sampled hits, about ±6%)."""
FIRST_STAGE = 8
"""The estimate first counts the first 1/this of each slice (1/256 of the archive);
with :data:`ENOUGH_HITS` there it stops. Counting costs per hit, so a very common
term, which needs the fewest sampled articles, would otherwise cost the most."""
ENOUGH_HITS = 256
"""Sampled hits that make an estimate good to about ±6% (one standard deviation)."""
QUANTILES = 1024
"""Docids kept in the plan at this many evenly spaced places of the archive: how many
articles lie between two docids, to within 1/QUANTILES of the archive."""

CountBetween = Callable[[int, int], int]
"""Hits with ``lo <= docid < hi`` (the search's query and filters applied)."""


def _docid(mark: tuple[int, int]) -> int:
    return mark[1]


@dataclass(frozen=True)
class SamplePlan:
    articles: int
    """Articles in the archive when the plan was made."""
    slices: tuple[tuple[int, int], ...]
    """``[lo, hi)`` docid ranges."""
    sampled: int
    """Articles inside the slices."""
    first: tuple[tuple[int, int], ...] = ()
    """The first stage: the start of each slice."""
    first_sampled: int = 0
    marks: tuple[tuple[int, int], ...] = ()
    """(place in docid order, docid) at :data:`QUANTILES` evenly spaced places."""

    def articles_within(self, lo: int, hi: int) -> int:
        """At least this many articles have ``lo <= docid <= hi`` (the articles between
        the first and the last mark inside the range; 0 when fewer than two are)."""
        first = bisect.bisect_left(self.marks, lo, key=_docid)
        last = bisect.bisect_right(self.marks, hi, key=_docid) - 1
        return self.marks[last][0] - self.marks[first][0] if last > first else 0

    def expected(self, found: int, lo: int, hi: int) -> float:
        """The hits in the whole archive if it held them as densely as ``lo..hi``
        holds ``found`` (infinite when the range is too narrow to tell)."""
        within = self.articles_within(lo, hi)
        return found * self.articles / within if within else math.inf


@dataclass(frozen=True)
class Total:
    value: int
    exact: bool


def make_plan(connection: Connection, table: str, column: str) -> SamplePlan:
    """Pick the slices: :data:`SAMPLE_SLICES` runs of consecutive articles in docid
    order (``column`` of ``table``: one unique docid per article), centred on equal
    shares of the archive, together 1/:data:`SAMPLE_FRACTION` of it."""
    articles = int(fetch_rows(connection, f"SELECT count(*) FROM {table}", {})[0][0])
    length = max(1, round(articles / (SAMPLE_SLICES * SAMPLE_FRACTION)))
    short = max(1, length // FIRST_STAGE)
    starts = sorted(
        {round((k + 0.5) * articles / SAMPLE_SLICES) - length // 2 for k in range(SAMPLE_SLICES)}
    )
    starts = [start for start in starts if 0 <= start and start + length <= articles]
    if not starts:
        return SamplePlan(articles, (), 0)
    step = articles / QUANTILES
    marked = sorted({min(articles - 1, round(k * step)) for k in range(QUANTILES + 1)})
    positions = sorted(
        {p for start in starts for p in (start, start + short, start + length)}.union(marked)
    )
    found = dict(
        fetch_rows(
            connection,
            f"SELECT n, {column} FROM (SELECT {column}, row_number() OVER (ORDER BY {column})"
            f" - 1 AS n FROM {table}) runs WHERE n IN ({', '.join(map(str, positions))})",
            {},
        )
    )
    end = int(fetch_rows(connection, f"SELECT max({column}) FROM {table}", {})[0][0]) + 1

    def bound(position: int) -> int:
        return int(found.get(position, end))

    return SamplePlan(
        articles,
        tuple((bound(start), bound(start + length)) for start in starts),
        length * len(starts),
        tuple((bound(start), bound(start + short)) for start in starts),
        short * len(starts),
        tuple((place, bound(place)) for place in marked),
    )


_derived: dict[tuple[str, str, str], object] = {}
_derived_lock = threading.Lock()
T = TypeVar("T")


def per_generation(connection: Connection, name: str, make: Callable[[], T]) -> T:
    """``make()``, made once per archive (by URL) and generation, then cached: derived
    figures that only change when the archive's articles do."""
    from reader.search.related import generation

    key = (str(connection.engine.url), name, generation(connection))
    with _derived_lock:
        found = _derived.get(key)
    if found is None:
        found = make()
        with _derived_lock:
            if len(_derived) > 32:
                _derived.clear()
            _derived[key] = found
    return found  # type: ignore[return-value]


def cached_plan(connection: Connection, table: str, column: str) -> SamplePlan:
    """The plan of this archive at its current generation (made once, then cached)."""
    return per_generation(connection, table, lambda: make_plan(connection, table, column))


def estimate(plan: SamplePlan, count_between: CountBetween, at_least: int) -> int:
    """The total scaled up from the slices' hits (never below ``at_least``): from the
    first stage when it holds :data:`ENOUGH_HITS`, else from the whole slices."""
    stages = ((plan.first, plan.first_sampled), (plan.slices, plan.sampled))
    for number, (slices, sampled) in enumerate(stages):
        if not slices or not sampled:
            continue
        hits = sum(count_between(lo, hi) for lo, hi in slices)
        if hits >= ENOUGH_HITS or number == len(stages) - 1:
            return max(at_least, round(hits * plan.articles / sampled))
    return at_least


def checked_candidates(
    plan: SamplePlan,
    checked: int,
    span: tuple[int, int],
    capped_count: Callable[[int], int],
    count_between: CountBetween,
) -> int:
    """The candidates of a match checked against the text, of which the newest
    ``checked`` (all candidates, docids ``span``) were read: counted up to
    :data:`COUNT_CAP` when they are about as dense as that suggests fewer; else (or when
    the count reached the cap: its cost is bounded either way) estimated from the plan."""
    if plan.expected(checked, *span) < COUNT_CAP:
        counted = capped_count(COUNT_CAP)
        if counted < COUNT_CAP:
            return counted
    return estimate(plan, count_between, checked)


def page_total(
    capped_count: Callable[[int], int],
    plan: Callable[[], SamplePlan],
    count_between: CountBetween,
) -> Total:
    """Count up to :data:`COUNT_CAP` hits; beyond it, estimate."""
    counted = capped_count(COUNT_CAP)
    if counted < COUNT_CAP:
        return Total(counted, exact=True)
    return Total(estimate(plan(), count_between, COUNT_CAP), exact=False)
