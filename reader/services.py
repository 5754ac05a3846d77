"""The API the CLI, the GUI and the exporter call. Widgets never see SQL.

Every method opens its own short unit of work, so one service object may be used
from the UI thread and from worker threads alike; all results are frozen
dataclasses from :mod:`reader.domain`.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.domain import (
    Article,
    ArticleLocation,
    ArticleSummary,
    Bookmark,
    Cooccurrence,
    EntitySummary,
    EntityType,
    HealthReport,
    IndexEvent,
    IssueSummary,
    PeriodSummary,
    RelatedArticle,
    SearchRequest,
    SearchResults,
    SourceExcerpt,
    Timeline,
)
from reader.progress import CancelToken, Progress
from reader.store.repository import Store

if TYPE_CHECKING:
    from reader.search.entity_index import EntityIndex
    from reader.search.related import BandIndex
    from reader.search.timeline import PeriodIndex

WRITE_LOCK_WAIT_SECONDS = 120.0
"""How long indexing waits for another process that holds the write lock."""

ARCHIVE_BUSY_WAITING = "档案正忙，等待另一个进程写完… (archive busy: waiting for another process)"


def archive_still_busy(seconds: float) -> str:
    return (
        f"档案仍被另一个进程占用，已等待 {seconds:.0f} 秒，放弃"
        f" (archive still busy after {seconds:.0f} s: try again later)"
    )


COUNTS_REMEMBERED = 256
"""Exact search totals kept per service (a few dozen bytes each)."""


def _counting_key(request: SearchRequest) -> SearchRequest:
    """What decides a search's total: the request without its page."""
    return dataclasses.replace(request, limit=None, offset=0, exact_total=True)


class ArchiveService:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._derived_lock = threading.Lock()
        self._periods: tuple[str, PeriodIndex] | None = None
        self._bands: BandIndex | None = None
        self._entities: tuple[str, EntityIndex] | None = None
        self._counted: OrderedDict[tuple[str, SearchRequest], int] = OrderedDict()

    # -- housekeeping -------------------------------------------------------------------
    @property
    def database_path(self) -> Path:
        return self._store.path

    def close(self) -> None:
        self._store.close()

    def is_empty(self) -> bool:
        """True when no article has been indexed yet (first start)."""
        return self._store.article_count() == 0

    # -- indexing -----------------------------------------------------------------------
    def index_paths(
        self, paths: Sequence[Path], cancel: CancelToken | None = None
    ) -> Iterator[IndexEvent]:
        """Index files and folders; yields one event per file and a final ``done`` event.

        A folder that was indexed before has its vanished files' articles removed.
        Cancelling stops between files; every finished file stays committed.
        """
        from reader.store.indexer import index_paths

        return index_paths(self._store, list(paths), cancel)

    # -- browsing -----------------------------------------------------------------------
    def years(self) -> list[PeriodSummary]:
        """Years with issues, oldest first; issues without a date come last as year None."""
        return self._store.years()

    def months(self, year: int | None) -> list[PeriodSummary]:
        return self._store.months(year)

    def issues_in_month(self, year: int | None, month: int | None) -> list[IssueSummary]:
        return self._store.issues_in_month(year, month)

    def issues(self) -> list[IssueSummary]:
        """Every issue in date order (undated last)."""
        return self._store.issues()

    def article_location(self, article_id: int) -> ArticleLocation | None:
        """Where the article sits in the issue tree (year, month, issue), or None."""
        return self._store.article_location(article_id)

    def article_ids_in_period(self, year: int | None, month: int | None = None) -> list[int]:
        """Every article of a year or a month of the tree (``year`` None: undated)."""
        return self._store.article_ids_in_period(year, month)

    def articles_in_issue(self, issue_id: int) -> list[ArticleSummary]:
        """The issue's articles in reading order."""
        return self._store.articles_in_issue(issue_id)

    def article(self, article_id: int) -> Article | None:
        return self._store.article(article_id)

    def article_by_key(self, key: str) -> Article | None:
        return self._store.article_by_key(key)

    def articles(self, article_ids: Sequence[int]) -> list[Article]:
        """Full articles for ``article_ids`` in the given order; unknown ids are left out."""
        return self._store.articles(article_ids)

    def all_article_ids(self) -> list[int]:
        """Every article id in archive order (issue date, then reading order)."""
        return self._store.all_article_ids()

    def source_excerpt(self, article_id: int) -> SourceExcerpt | None:
        """The article's lines as they stand in the source file, with line numbers."""
        return self._store.source_excerpt(article_id)

    def skipped_sources(self) -> list[tuple[str, str]]:
        """(file name, reason) of every file that could not be indexed."""
        return self._store.skipped_sources()

    def byline_names(self) -> list[str]:
        """Every name credited in a byline (any of ``BYLINE_ROLES``), once each, sorted."""
        return self._store.byline_names()

    # -- search -------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResults:
        """A page (or every hit); a total the page could only estimate is exact when
        the same search was counted before in this state of the archive."""
        from reader.search.engine import search

        results = self._store.run(lambda connection: search(connection, request))
        if results.total_exact or results.error:
            return results
        counted = self._counted_before(self._archive_generation(), request)
        if counted is None:
            return results
        return dataclasses.replace(results, total=counted, total_exact=True)

    def count(self, request: SearchRequest) -> int:
        """The exact number of articles the search finds: what a page whose total was
        estimated (``SearchResults.total_exact`` False) asks for afterwards. Counts
        are remembered per archive generation (any indexing run, removal or regrouping
        changes it), so asking again, or searching again, costs nothing."""
        from reader.search.engine import count

        version = self._archive_generation()  # before counting: a change then misses
        counted = self._counted_before(version, request)
        if counted is None:
            counted = self._store.run(lambda connection: count(connection, request))
            with self._derived_lock:
                self._counted[(version, _counting_key(request))] = counted
                while len(self._counted) > COUNTS_REMEMBERED:
                    self._counted.popitem(last=False)
        return counted

    def _counted_before(self, version: str, request: SearchRequest) -> int | None:
        with self._derived_lock:
            return self._counted.get((version, _counting_key(request)))

    # -- entities -----------------------------------------------------------------------
    def entities(
        self, entity_type: EntityType | None = None, contains: str = "", limit: int | None = None
    ) -> list[EntitySummary]:
        """Canonical entities with aliases and counts, most-mentioned first."""
        return self._store.entities(entity_type, contains, limit)

    def articles_with_entity(
        self, canonical: str, entity_type: EntityType | None = None
    ) -> list[ArticleSummary]:
        """Every article naming the entity under its canonical name or any alias."""
        return self._store.articles_with_entity(canonical, entity_type)

    # -- exploring: timelines, co-occurrence, related articles ---------------------------
    def timeline(self, request: SearchRequest, by: str = "month") -> Timeline:
        """Hits of the search per month (``2025-11``) or year (``2025``) of the issue
        date. ``articles`` of a period is exactly the number of articles the same
        search (query and filters; not its limit or offset) finds whose issue date is
        in it, ``total`` every article of the period. Every period with an issue from
        the first to the last dated issue (of the request's date range when it has
        one) is listed, oldest first, zeros included. A query the search cannot parse
        finds nothing; an empty query with filters finds every article passing them,
        as the search does."""
        from reader.search.timeline import check_period, matching_ids

        check_period(by)
        periods = self._period_index()
        ids = self._store.run(lambda connection: matching_ids(connection, request, periods.docids))
        return periods.timeline(request.query, by, ids, request.date_from, request.date_to)

    def entity_timeline(
        self, canonical: str, entity_type: EntityType | None = None, by: str = "month"
    ) -> Timeline:
        """Articles naming the entity (any spelling, as :meth:`articles_with_entity`
        counts them) per period of the issue date; ``query`` is the name given. A
        spelling that is not a canonical name stands for its entity."""
        from reader.search.timeline import check_period

        check_period(by)
        periods = self._period_index()
        name = self._store.resolve_entity(canonical, entity_type)
        ids = self._entity_index().article_ids(name, entity_type)
        return periods.timeline(canonical, by, ids)

    def cooccurring(
        self, canonical: str, entity_type: EntityType | None = None, limit: int = 20
    ) -> list[Cooccurrence]:
        """The persons, places and organisations named in the most articles together
        with the entity (occurrences as :meth:`articles_with_entity` counts them; never
        the entity itself under any spelling), with the number of shared articles,
        best first, ties by name."""
        name = self._store.resolve_entity(canonical, entity_type)
        return self._entity_index().cooccurring(name, entity_type, limit)

    def prepare_exploring(self) -> None:
        """Build the in-memory indexes behind timelines, co-occurrence and related
        articles now (the window does this in a worker once the archive is open or has
        changed), so that the first click does not wait for them; and the sample behind
        the estimated totals of very common searches."""
        from reader.search.engine import sample_plan

        self._store.run(sample_plan)
        self._period_index()
        self._entity_index()
        self._band_index()

    def related(self, article_id: int, limit: int = 10) -> list[RelatedArticle]:
        """The articles most similar to this one (MinHash over character shingles of
        the text and the headline, candidates from LSH bands; docs/search.md), best
        first, never the article itself; ``near_duplicate`` marks text reuse."""
        from reader.search.related import related

        index = self._band_index()
        return self._store.run(lambda connection: related(connection, index, article_id, limit))

    def _archive_generation(self) -> str:
        """Changes whenever articles or entity names change, in any process (bookmarks
        do not change it: the derived indexes below survive a bookmark)."""
        from reader.search.related import generation

        return self._store.run(generation)

    def _period_index(self) -> PeriodIndex:
        from reader.search.timeline import PeriodIndex

        version = self._archive_generation()
        with self._derived_lock:
            if self._periods is not None and self._periods[0] == version:
                return self._periods[1]
        built = self._store.run(PeriodIndex)
        with self._derived_lock:
            self._periods = (version, built)
        return built

    def _entity_index(self) -> EntityIndex:
        from reader.search.entity_index import EntityIndex

        version = self._archive_generation()
        with self._derived_lock:
            if self._entities is not None and self._entities[0] == version:
                return self._entities[1]
        built = EntityIndex(self._store.entity_occurrences())
        with self._derived_lock:
            self._entities = (version, built)
        return built

    def _band_index(self) -> BandIndex:
        from reader.search.related import BandIndex, generation

        current = self._store.run(generation)
        with self._derived_lock:
            if self._bands is not None and self._bands.generation == current:
                return self._bands
        built = self._store.run(BandIndex)
        with self._derived_lock:
            self._bands = built
        return built

    # -- health -------------------------------------------------------------------------
    def wait_until_writable(
        self, limit: float, on_wait: Callable[[], None], cancel: CancelToken | None = None
    ) -> bool:
        """Wait until no other process writes to the archive (False: gave up or
        cancelled). ``on_wait`` is called once, when waiting starts."""
        return self._store.wait_until_writable(limit, on_wait, cancel)

    def health(self) -> HealthReport:
        """Damage to the database file and problems of the search index, one line each."""
        return self._store.health()

    def search_index_looks_damaged(self) -> bool:
        """A cheap look (cost independent of the archive's size): can the search index
        be opened, and does it hold as many articles as the store?"""
        return self._store.search_index_looks_damaged()

    def repair(self, progress: Progress | None = None) -> None:
        """Rebuild what is derived from the stored text (search index, entity index,
        orphan rows); bookmarks and notes are never touched."""
        self._store.repair(progress)

    def rebuild_search_index(self, progress: Progress | None = None) -> None:
        self._store.rebuild_search_index(progress)

    def compact(self) -> tuple[int, int]:
        """Rewrite the archive file without its free pages; its size in bytes before
        and after (see :meth:`reader.store.repository.Store.compact`)."""
        return self._store.compact()

    # -- bookmarks ----------------------------------------------------------------------
    def bookmarks(self, order: str = "added") -> list[Bookmark]:
        """``order`` is ``added`` (newest first) or ``issue`` (issue date, newest first)."""
        return self._store.bookmarks(order)

    def is_bookmarked(self, key: str) -> bool:
        return self._store.is_bookmarked(key)

    def toggle_bookmark(self, key: str) -> bool:
        """Add or remove the bookmark for the article with ``key``; returns the new state."""
        return self._store.toggle_bookmark(key)

    def add_bookmark(self, key: str) -> bool:
        """Bookmark the article with ``key``; False when it already was."""
        return self._store.add_bookmark(key)

    def set_bookmark_note(self, key: str, note: str) -> None:
        self._store.set_bookmark_note(key, note)

    def remove_bookmark(self, key: str) -> bool:
        """Remove the bookmark with ``key``; False when there was none."""
        return self._store.remove_bookmark(key)
