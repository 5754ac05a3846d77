"""The docid of an article in the embedded (FTS5) index: its day and its place in the day.

FTS5 stores each posting as the varint difference to the previous docid, so the docid
decides much of the index's size. A dated article's docid is

    DATED_BASE + (date ordinal << SLOT_BITS | slot)

where ``slot`` is the next free place of that day (0, 1, 2, … in the order articles
are indexed). Walking the index in docid order is still walking the archive by date,
and a date range is still a docid range, but the jump from one day to the next is a
difference of about 4,096 (2 bytes) instead of 2³² (5–6 bytes) with the former
``date << 32 | article id``: the 100,000-article index is 507 → 454 MB (docs/search.md).
An undated article's docid is its article id: below every dated docid, so it comes
last newest first and no date range holds it, as before.

The docid no longer contains the article id, so ``SEARCH_DOCS`` maps both ways (its
docid column is unique, hence indexed): :func:`article_ids` for a page,
:class:`DocidMap` for every hit of a timeline.

The PostgreSQL index keeps ``date << 32 | article id`` (:func:`server_docid`): its GIN
posting lists hold row addresses, not docids, so the coding does not change its size.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from sqlalchemy import Connection

from reader.errors import StoreError
from reader.search.driver import chunks, fetch_rows, marks, on_server
from reader.store.search_schema import SEARCH_DOCS

SLOT_BITS = 12
SLOTS_A_DAY = 1 << SLOT_BITS
"""Articles one date can hold (4,096: a daily of 60 articles a day, 68 times over).
Measured at 100,000 articles: 10 bits make the index 454 MB, 16 bits 471 MB."""
DATED_BASE = 1 << 40
"""The smallest dated docid; undated articles (docid = article id) stay below it."""

SERVER_ID_BITS = 32
SERVER_ID_MASK = (1 << SERVER_ID_BITS) - 1

_MAP = SEARCH_DOCS.name
_ARTICLE, _DOCID = SEARCH_DOCS.c.article_id.name, SEARCH_DOCS.c.docid.name
_TOP_OF_DAY = f"SELECT max({_DOCID}) FROM {_MAP} WHERE {_DOCID} BETWEEN ? AND ?"
_DAY = f"SELECT {_DOCID} FROM {_MAP} WHERE {_DOCID} BETWEEN ? AND ?"


def day_range(date: dt.date) -> tuple[int, int]:
    """The smallest and largest docid an article of ``date`` can have."""
    first = DATED_BASE + (date.toordinal() << SLOT_BITS)
    return first, first + SLOTS_A_DAY - 1


def date_bound(date: dt.date, upper: bool, server: bool = False) -> int:
    """The smallest (or largest, with ``upper``) docid an article of ``date`` can have."""
    if server:
        return server_docid(SERVER_ID_MASK if upper else 0, date)
    return day_range(date)[1 if upper else 0]


def day_of(docid: int) -> int:
    """The date ordinal of an embedded docid (0: undated)."""
    return (docid - DATED_BASE) >> SLOT_BITS if docid >= DATED_BASE else 0


def server_docid(article_id: int, date: dt.date | None) -> int:
    """The docid of an article on PostgreSQL: newer articles have larger docids."""
    ordinal = date.toordinal() if date else 0
    return (ordinal << SERVER_ID_BITS) | article_id


def assign(connection: Connection, articles: Sequence[tuple[int, dt.date | None]]) -> list[int]:
    """Docids for new articles ``(id, date)``, in order: each date's next free slots.

    Slots of removed articles are reused only when a day has no slot left above its
    highest docid. Raises StoreError when a date's 4,096 slots are all taken."""
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for position, (_, date) in enumerate(articles):
        if date is not None:
            by_day[date].append(position)
    docids = [article_id for article_id, _ in articles]
    for date, positions in by_day.items():
        slots = _free_slots(connection, date, len(positions))
        for position, docid in zip(positions, slots, strict=True):
            docids[position] = docid
    return docids


def _free_slots(connection: Connection, date: dt.date, wanted: int) -> list[int]:
    first, last = day_range(date)
    top = fetch_rows(connection, _TOP_OF_DAY, (first, last))[0][0]
    start = first if top is None else int(top) + 1
    if start + wanted - 1 <= last:
        return list(range(start, start + wanted))
    taken = {row[0] for row in fetch_rows(connection, _DAY, (first, last))}
    free = [docid for docid in range(first, last + 1) if docid not in taken][:wanted]
    if len(free) < wanted:
        raise StoreError(
            f"{date.isoformat()} 这一天的文章超过 {SLOTS_A_DAY} 篇，无法索引"
            f" (more than {SLOTS_A_DAY} articles dated {date.isoformat()})"
        )
    return free


def article_ids(connection: Connection, docids: Sequence[int]) -> list[int | None]:
    """The article of each docid (None: removed meanwhile), in order."""
    if on_server(connection):
        return [docid & SERVER_ID_MASK for docid in docids]
    found: dict[int, int] = {}
    for chunk in chunks(list(docids)):
        statement = (
            f"SELECT {_DOCID}, {_ARTICLE} FROM {_MAP} WHERE {_DOCID} IN ({marks(len(chunk))})"
        )
        found.update((row[0], row[1]) for row in fetch_rows(connection, statement, chunk))
    return [found.get(docid) for docid in docids]


class DocidMap:
    """Every docid of the index and its article, sorted by docid: maps many docids at
    once (a timeline's hits) without a join in SQL, which tripled that statement's
    cost (100,000 articles, ``区``: 22 → 107 ms)."""

    def __init__(self, connection: Connection) -> None:
        rows = fetch_rows(
            connection, f"SELECT {_DOCID}, {_ARTICLE} FROM {_MAP} ORDER BY {_DOCID}", ()
        )
        self._docids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        self._articles = np.fromiter((row[1] for row in rows), dtype=np.int64, count=len(rows))

    def article_ids(self, docids: np.ndarray) -> np.ndarray:
        """The articles of ``docids``; docids not in the map (removed since) are left out."""
        if not len(self._docids):
            return np.zeros(0, dtype=np.int64)
        places = np.searchsorted(self._docids, docids)
        places[places >= len(self._docids)] = 0
        known = self._docids[places] == docids
        return self._articles[places[known]]  # type: ignore[no-any-return]
