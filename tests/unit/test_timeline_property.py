"""The timeline's counts equal the search's hits per period of the issue date, and a
brute-force scan of the same text (issue 15)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from test_search_support import Doc, add_issue, make_engine

from reader.domain import SearchRequest
from reader.paths import BUNDLED_SEEDS_DIR
from reader.search.engine import search
from reader.search.normalize import fold
from reader.search.timeline import PeriodIndex, matching_ids, period_of
from tests.conftest import Backend

ISSUE_DATES: list[dt.date | None] = [
    dt.date(2019, 12, 30),
    dt.date(2020, 1, 3),
    dt.date(2020, 1, 28),
    dt.date(2020, 3, 2),  # no issue in February: not a period
    dt.date(2020, 3, 31),
    dt.date(2021, 7, 1),
    None,  # an undated issue: in no bucket
    dt.date(2021, 11, 30),
]


def _corpus() -> list[tuple[str, dt.date | None, list[Doc]]]:
    rng = random.Random(15)
    lines = []
    for path in sorted(BUNDLED_SEEDS_DIR.glob("*.txt")):
        lines += [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    issues = []
    for number, day in enumerate(ISSUE_DATES):
        docs = []
        for _ in range(rng.randint(3, 8)):
            # Some articles carry a date of their own (another month, or none): the
            # timeline buckets by the issue's date all the same.
            own = day
            if day is not None and rng.random() < 0.3:
                own = day + dt.timedelta(days=rng.choice([-40, -3, 5, 70]))
            elif day is None and rng.random() < 0.5:
                own = dt.date(2020, 1, 15)
            docs.append(
                Doc(
                    tuple(
                        rng.choice(lines)[: rng.randint(5, 90)] for _ in range(rng.randint(1, 3))
                    ),
                    title=rng.choice(lines)[:25] if rng.random() < 0.8 else None,
                    bylines=(("reporter", rng.choice(["付凯明", "赵根志", "马雅宁"])),),
                    date=own,
                    kind=rng.choice(["news", "news", "photo"]),
                )
            )
        issues.append((f"issue{number}", day, docs))
    return issues


CORPUS = _corpus()
DOCS = [(day, doc) for _, day, docs in CORPUS for doc in docs]


def _occurs(term: str, doc: Doc) -> bool:
    fields = [f for f in (doc.title, doc.kicker, doc.subtitle) if f]
    fields += [name for _, name in doc.bylines] + list(doc.paragraphs)
    return any(fold(term) in fold(field) for field in fields)


@pytest.fixture(scope="module")
def archive(
    tmp_path_factory: pytest.TempPathFactory, backend: Backend
) -> Iterator[tuple[Engine, list[int]]]:
    engine = make_engine(Path(tmp_path_factory.mktemp("timeline")) / "a.sqlite3", backend)
    ids: list[int] = []
    for name, day, docs in CORPUS:
        ids += add_issue(engine, name, day, docs)
    yield engine, ids
    engine.dispose()


def _timeline(engine: Engine, request: SearchRequest, by: str) -> dict[str, tuple[int, int]]:
    with engine.connect() as connection:
        index = PeriodIndex(connection)
        found = matching_ids(connection, request)
    timeline = index.timeline(request.query, by, found, request.date_from, request.date_to)
    periods = [bucket.period for bucket in timeline.buckets]
    assert periods == sorted(periods)
    return {b.period: (b.articles, b.total) for b in timeline.buckets}


def _search_counts(engine: Engine, request: SearchRequest, by: str) -> Counter[str]:
    with engine.connect() as connection:
        results = search(connection, request)
    return Counter(
        period_of(hit.article.issue_date, by) for hit in results.hits if hit.article.issue_date
    )


@st.composite
def substrings(draw: st.DrawFn) -> str:
    _, doc = draw(st.sampled_from(DOCS))
    fields = [f for f in (doc.title, *doc.paragraphs) if f]
    field = draw(st.sampled_from(fields))
    start = draw(st.integers(0, max(0, len(field) - 1)))
    return field[start : start + draw(st.integers(1, 6))]


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(
    a=substrings(),
    b=substrings(),
    op=st.sampled_from(["", "AND", "OR", "NOT"]),
    by=st.sampled_from(["month", "year"]),
    kind=st.sampled_from([None, "photo"]),
    since=st.sampled_from([None, dt.date(2020, 2, 1)]),
)
def test_timeline_counts_equal_search_and_brute_force(
    archive: tuple[Engine, list[int]],
    a: str,
    b: str,
    op: str,
    by: str,
    kind: str | None,
    since: dt.date | None,
) -> None:
    engine, ids = archive
    if not a.strip() or not b.strip() or '"' in a + b or "＂" in a + b:
        return
    query = {
        "": f'"{a}"',
        "AND": f'"{a}" "{b}"',
        "OR": f'"{a}" OR "{b}"',
        "NOT": f'"{a}" -"{b}"',
    }[op]
    from reader.domain import ArticleKind

    request = SearchRequest(
        query, kind=ArticleKind(kind) if kind else None, limit=5, issue_from=since
    )
    timeline = _timeline(engine, request, by)

    def hit(day: dt.date | None, doc: Doc) -> bool:
        if kind and doc.kind != kind:
            return False
        if since and (day is None or day < since):
            return False
        if op == "":
            return _occurs(a, doc)
        if op == "AND":
            return _occurs(a, doc) and _occurs(b, doc)
        if op == "OR":
            return _occurs(a, doc) or _occurs(b, doc)
        return _occurs(a, doc) and not _occurs(b, doc)

    brute = Counter(period_of(day, by) for day, doc in DOCS if day and hit(day, doc))
    totals = Counter(period_of(day, by) for day, _ in DOCS if day)
    assert {p: n for p, (n, _) in timeline.items() if n} == dict(brute)
    assert {p: t for p, (_, t) in timeline.items()} == dict(totals)
    searched = _search_counts(
        engine, SearchRequest(query, kind=request.kind, limit=None, issue_from=since), by
    )
    assert {p: n for p, (n, _) in timeline.items() if n} == dict(searched)


def test_every_period_with_issues_is_listed_and_nothing_else(
    archive: tuple[Engine, list[int]],
) -> None:
    engine, _ = archive
    timeline = _timeline(engine, SearchRequest("龘龖"), "month")
    assert list(timeline) == ["2019-12", "2020-01", "2020-03", "2021-07", "2021-11"]
    assert all(articles == 0 for articles, _ in timeline.values())
    assert list(_timeline(engine, SearchRequest("龘"), "year")) == ["2019", "2020", "2021"]


def test_date_range_limits_the_periods_and_counts_like_the_search(
    archive: tuple[Engine, list[int]],
) -> None:
    engine, _ = archive
    request = SearchRequest("，", date_from=dt.date(2020, 1, 1), date_to=dt.date(2020, 3, 15))
    timeline = _timeline(engine, request, "month")
    assert {"2020-01", "2020-03"} <= set(timeline)
    assert "2021-07" not in timeline
    searched = _search_counts(
        engine,
        SearchRequest(request.query, request.date_from, request.date_to, limit=None),
        "month",
    )
    assert {p: n for p, (n, _) in timeline.items() if n} == dict(searched)


def test_filters_without_a_query_count_like_the_search(archive: tuple[Engine, list[int]]) -> None:
    engine, _ = archive
    request = SearchRequest("", person="付凯明", limit=None)
    timeline = _timeline(engine, request, "month")
    searched = _search_counts(engine, request, "month")
    assert sum(searched.values()) > 0
    assert {p: n for p, (n, _) in timeline.items() if n} == dict(searched)
    brute = Counter(
        period_of(day, "month")
        for day, doc in DOCS
        if day and ("reporter", "付凯明") in doc.bylines
    )
    assert dict(searched) == dict(brute)
    from reader.domain import ArticleKind

    since = dt.date(2020, 2, 1)
    photos = SearchRequest("", kind=ArticleKind.PHOTO, issue_from=since, limit=None)
    searched = _search_counts(engine, photos, "month")
    brute = Counter(
        period_of(day, "month") for day, doc in DOCS if day and day >= since and doc.kind == "photo"
    )
    assert sum(brute.values()) > 0 and dict(searched) == dict(brute)
    timeline = _timeline(engine, photos, "month")
    assert {p: n for p, (n, _) in timeline.items() if n} == dict(brute)
    with engine.connect() as connection:
        assert len(matching_ids(connection, SearchRequest(""))) == 0
        assert isinstance(matching_ids(connection, SearchRequest('"')), np.ndarray)
