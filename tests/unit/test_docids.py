"""Day-coded docids: each date's articles take its next slots, in date order; an undated
article's docid is its id; a full day reuses free slots, then refuses clearly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, text

from reader.errors import StoreError
from reader.search import docids
from reader.search.docids import DATED_BASE, SLOTS_A_DAY, DocidMap, assign, date_bound, day_of
from reader.store.search_schema import create_statements
from reader.store.session import create_sqlite_engine


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[Connection]:
    engine = create_sqlite_engine(tmp_path / "docids.sqlite3")
    with engine.begin() as connection:
        for statement in create_statements():
            connection.execute(text(statement))
        yield connection
    engine.dispose()


def _store(connection: Connection, pairs: list[tuple[int, int]]) -> None:
    connection.execute(
        text("INSERT INTO search_docs(article_id, docid) VALUES (:a, :d)"),
        [{"a": article_id, "d": docid} for article_id, docid in pairs],
    )


def _assign_and_store(
    connection: Connection, articles: list[tuple[int, dt.date | None]]
) -> list[int]:
    found = assign(connection, articles)
    _store(
        connection,
        [(article_id, docid) for (article_id, _), docid in zip(articles, found, strict=True)],
    )
    return found


DAY = dt.date(2025, 11, 2)


def test_a_day_takes_its_slots_in_order_and_continues_after_the_last(
    connection: Connection,
) -> None:
    first = _assign_and_store(connection, [(10, DAY), (11, DAY), (12, None), (13, DAY)])
    lo = date_bound(DAY, upper=False)
    assert first == [lo, lo + 1, 12, lo + 2]
    later = _assign_and_store(connection, [(20, DAY), (21, DAY + dt.timedelta(days=1))])
    assert later == [lo + 3, date_bound(DAY + dt.timedelta(days=1), upper=False)]
    # The next day starts 4,096 docids on: a 2-byte varint difference, not 2**32.
    assert later[1] - lo == SLOTS_A_DAY < 2**14


def test_a_full_day_reuses_free_slots_then_refuses(connection: Connection) -> None:
    lo, hi = date_bound(DAY, upper=False), date_bound(DAY, upper=True)
    assert hi - lo + 1 == SLOTS_A_DAY
    _store(connection, [(n, lo + n) for n in range(SLOTS_A_DAY) if n not in (5, 9)])
    assert _assign_and_store(connection, [(9001, DAY), (9002, DAY)]) == [lo + 5, lo + 9]
    with pytest.raises(StoreError, match="4096"):
        assign(connection, [(9003, DAY)])
    assert assign(connection, [(9004, DAY - dt.timedelta(days=1))]) == [lo - SLOTS_A_DAY]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
        min_size=1,
        max_size=40,
    )
)
def test_docids_follow_dates_and_stay_inside_their_day(dates: list[dt.date | None]) -> None:
    engine = create_sqlite_engine(Path(":memory:"))
    with engine.begin() as connection:
        for statement in create_statements():
            connection.execute(text(statement))
        articles = [(number + 1, date) for number, date in enumerate(dates)]
        found = _assign_and_store(connection, articles)
    engine.dispose()
    assert len(set(found)) == len(found)
    for (article_id, date), docid in zip(articles, found, strict=True):
        if date is None:
            assert docid == article_id < DATED_BASE and day_of(docid) == 0
        else:
            assert date_bound(date, upper=False) <= docid <= date_bound(date, upper=True)
            assert day_of(docid) == date.toordinal()
    # Docid order is date order (undated first, i.e. last newest first), then indexing order.
    by_docid = sorted(range(len(found)), key=found.__getitem__)
    by_date = sorted(
        range(len(found)), key=lambda i: (dates[i] is not None, dates[i] or dt.date.min, i)
    )
    assert by_docid == by_date


def test_the_map_gives_each_docid_its_article_and_drops_unknown_ones(
    connection: Connection,
) -> None:
    pairs = list(
        zip(
            [10, 11, 12],
            _assign_and_store(connection, [(10, DAY), (11, None), (12, DAY)]),
            strict=True,
        )
    )
    mapping = DocidMap(connection)
    asked = np.array([pairs[2][1], 999_999, pairs[0][1], pairs[1][1]], dtype=np.int64)
    assert mapping.article_ids(asked).tolist() == [12, 10, 11]
    assert docids.article_ids(connection, [pairs[1][1], 424242, pairs[0][1]]) == [11, None, 10]
