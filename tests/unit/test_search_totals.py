"""Estimated totals (reader.search.totals): a page request that allows one counts at
most COUNT_CAP hits and estimates the rest from slices of the archive; the hits
themselves, every full list and ``count`` stay exact. On both backends."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from test_search_support import Doc, indexed_archive

from reader.domain import SearchRequest
from reader.search import engine as engine_module
from reader.search import pg_engine, totals
from reader.search.engine import count, search
from tests.conftest import Backend

ARTICLES = 1200
EVERYWHERE = "报"
"""In every article."""
COMMON = "会议"
"""In about a third of them."""
RARE = "调度"


def _docs() -> list[Doc]:
    rng = random.Random(7)
    docs = []
    for number in range(ARTICLES):
        words = ["报道"]
        if rng.random() < 0.33:
            words.append(COMMON)
        if number % 97 == 0:
            words.append(RARE)
        rng.shuffle(words)
        date = dt.date(1990, 1, 1) + dt.timedelta(days=7 * number)
        title = "本周要闻" if number % 5 == 0 else None
        docs.append(Doc(("".join(words), "其他内容"), title=title, date=date))
    return docs


DOCS = _docs()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, backend: Backend) -> Iterator[Engine]:
    engine = indexed_archive(Path(tmp_path_factory.mktemp("totals")) / "a.sqlite3", DOCS, backend)
    yield engine
    engine.dispose()


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> int:
    """Estimates from 40 hits on (on the server: from an estimated 30), pages cut newest
    first from 30 hits on, as an archive a thousand times larger would be."""
    monkeypatch.setattr(totals, "COUNT_CAP", 40)
    monkeypatch.setattr(engine_module, "RANK_ALL", 30)
    monkeypatch.setattr(pg_engine, "RANK_ALL", 30)
    return 40


def _brute(term: str) -> int:
    return sum(1 for doc in DOCS if any(term in p for p in doc.paragraphs + (doc.title or "",)))


def _page(engine: Engine, query: str, exact: bool, **more: object) -> object:
    with engine.connect() as connection:
        return search(connection, SearchRequest(query, exact_total=exact, **more))  # type: ignore[arg-type]


def test_the_plan_slices_hold_what_they_claim(archive: Engine) -> None:
    with archive.connect() as connection:
        if connection.dialect.name == "postgresql":
            plan = totals.make_plan(connection, "search_grams", "docid")
            table = "search_grams"
        else:
            plan = totals.make_plan(connection, "search_docs", "docid")
            table = "search_docs"
        inside = [
            connection.execute(
                text(f"SELECT count(*) FROM {table} WHERE docid >= :lo AND docid < :hi"),
                {"lo": lo, "hi": hi},
            ).scalar_one()
            for lo, hi in plan.slices
        ]
    assert plan.articles == ARTICLES
    assert len(plan.slices) == totals.SAMPLE_SLICES
    assert all(a[1] <= b[0] for a, b in zip(plan.slices, plan.slices[1:], strict=False))
    assert sum(inside) == plan.sampled
    assert len(plan.first) == len(plan.slices)
    assert all(f[0] == w[0] and f[1] <= w[1] for f, w in zip(plan.first, plan.slices, strict=True))
    length = plan.sampled // len(plan.slices)
    assert plan.first_sampled == len(plan.first) * max(1, length // totals.FIRST_STAGE)
    assert plan.sampled * totals.SAMPLE_FRACTION == pytest.approx(ARTICLES, rel=0.1)


def test_a_term_in_every_article_is_estimated_exactly(archive: Engine, small_cap: int) -> None:
    results = _page(archive, EVERYWHERE, exact=False)
    assert not results.total_exact  # type: ignore[attr-defined]
    assert results.total == ARTICLES  # type: ignore[attr-defined]


def test_a_common_term_gets_an_estimate_and_the_same_page(archive: Engine, small_cap: int) -> None:
    estimated = _page(archive, COMMON, exact=False)
    exact = _page(archive, COMMON, exact=True)
    truth = _brute(COMMON)
    assert exact.total == truth and exact.total_exact  # type: ignore[attr-defined]
    assert not estimated.total_exact  # type: ignore[attr-defined]
    assert estimated.total >= small_cap  # type: ignore[attr-defined]
    assert estimated.total == pytest.approx(truth, rel=0.35)  # type: ignore[attr-defined]
    assert [h.article.id for h in estimated.hits] == [h.article.id for h in exact.hits]  # type: ignore[attr-defined]
    with archive.connect() as connection:
        assert count(connection, SearchRequest(COMMON, exact_total=False)) == truth


def test_filters_scale_with_the_sample(archive: Engine, small_cap: int) -> None:
    """A date filter restricts the sampled hits too: the estimate stays near the
    filtered total, not the whole archive's."""
    half = dict(date_to=dt.date(1990, 1, 1) + dt.timedelta(days=7 * (ARTICLES // 2)))
    estimated = _page(archive, EVERYWHERE, exact=False, **half)
    exact = _page(archive, EVERYWHERE, exact=True, **half)
    assert exact.total == ARTICLES // 2 + 1  # type: ignore[attr-defined]
    assert estimated.total == pytest.approx(exact.total, rel=0.2)  # type: ignore[attr-defined]
    with archive.connect() as connection:
        request = SearchRequest(EVERYWHERE, **half)  # type: ignore[arg-type]
        assert count(connection, request) == exact.total  # type: ignore[attr-defined]


def test_below_the_cap_the_total_is_exact(archive: Engine, small_cap: int) -> None:
    results = _page(archive, RARE, exact=False)
    assert results.total_exact  # type: ignore[attr-defined]
    assert results.total == _brute(RARE)  # type: ignore[attr-defined]


def test_every_hit_list_is_counted_exactly(archive: Engine, small_cap: int) -> None:
    results = _page(archive, COMMON, exact=False, limit=None)
    assert results.total_exact  # type: ignore[attr-defined]
    assert results.total == len(results.hits) == _brute(COMMON)  # type: ignore[attr-defined]


def test_count_of_filters_alone_and_of_nothing(archive: Engine) -> None:
    with archive.connect() as connection:
        request = SearchRequest("", date_to=dt.date(1990, 1, 7))
        assert count(connection, request) == 1
        assert count(connection, SearchRequest("")) == 0
        assert count(connection, SearchRequest('"unclosed')) == count(
            connection, dataclasses.replace(request, query='"unclosed')
        )


def test_estimate_never_goes_below_what_was_counted() -> None:
    plan = totals.SamplePlan(articles=1000, slices=((0, 10), (20, 30)), sampled=20)
    assert totals.estimate(plan, lambda lo, hi: 0, at_least=500) == 500
    assert totals.estimate(plan, lambda lo, hi: 5, at_least=10) == 500
    empty = totals.SamplePlan(articles=0, slices=(), sampled=0)
    assert totals.estimate(empty, lambda lo, hi: 5, at_least=7) == 7


@pytest.mark.parametrize("walk_rows", [3, 100_000])
@pytest.mark.parametrize(
    "query",
    [
        COMMON,
        EVERYWHERE,
        f"{COMMON} {EVERYWHERE}",
        f"{EVERYWHERE} -{COMMON}",
        "本周 OR 会议",
        "本周",
    ],
)
def test_an_estimated_page_is_the_exact_page(
    archive: Engine, small_cap: int, monkeypatch: pytest.MonkeyPatch, query: str, walk_rows: int
) -> None:
    """The server reads such a page by walking the newest articles (headline hits
    first); when a walk runs short it falls back to the indexes: the page is the one
    the exact search gives either way."""
    monkeypatch.setattr(pg_engine, "HEAD_WALK_ROWS", walk_rows)
    monkeypatch.setattr(pg_engine, "BODY_WALK_ROWS", walk_rows)
    walked: list[object] = []
    walk = pg_engine._walked_page
    monkeypatch.setattr(
        pg_engine, "_walked_page", lambda *args: walked.append(walk(*args)) or walked[-1]
    )
    for filters in ({}, {"date_to": dt.date(2000, 1, 1)}):
        for offset in (0, 7, 45):
            more = dict(filters, offset=offset)
            estimated = _page(archive, query, exact=False, **more)
            exact = _page(archive, query, exact=True, **more)
            assert exact.total > 30  # type: ignore[attr-defined]
            assert len(exact.hits) == 20  # type: ignore[attr-defined]
            assert [h.article.id for h in estimated.hits] == [h.article.id for h in exact.hits]  # type: ignore[attr-defined]
    if archive.dialect.name == "postgresql" and walk_rows > ARTICLES:
        assert walked and all(page is not None for page in walked)


def test_the_first_stage_is_enough_for_a_very_common_term() -> None:
    plan = totals.SamplePlan(
        articles=10_000, slices=((0, 100),), sampled=100, first=((0, 10),), first_sampled=10
    )
    counted: list[tuple[int, int]] = []

    def dense(lo: int, hi: int) -> int:
        counted.append((lo, hi))
        return (hi - lo) * 30  # as if every article held 30 hits' worth

    assert totals.estimate(plan, dense, at_least=1) == 300 * 10_000 // 10
    assert counted == [(0, 10)]
    counted.clear()
    assert totals.estimate(plan, lambda lo, hi: counted.append((lo, hi)) or (hi - lo) // 2, 1) == (
        5_000
    )
    assert counted == [(0, 10), (0, 100)]


CHECKED = "会议报道"
"""A long term (checked against the text): every article with 会议 is a candidate,
about half of them hold it."""


def test_a_checked_term_is_estimated_from_its_candidates(
    archive: Engine, small_cap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "CHECKED_CAP", 40)
    truth = _brute(CHECKED)
    assert 60 < truth < _brute(COMMON) * 0.8  # a real share of the candidates fails
    estimated = _page(archive, CHECKED, exact=False)
    exact = _page(archive, CHECKED, exact=True)
    assert exact.total == truth and exact.total_exact  # type: ignore[attr-defined]
    assert not estimated.total_exact  # type: ignore[attr-defined]
    assert estimated.total == pytest.approx(truth, rel=0.4)  # type: ignore[attr-defined]
    assert [h.article.id for h in estimated.hits] == [h.article.id for h in exact.hits]  # type: ignore[attr-defined]


def test_a_checked_term_with_few_candidates_or_no_hits_among_them_is_exact(
    archive: Engine, small_cap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "CHECKED_CAP", 40)
    few = _page(archive, "调度报道", exact=False)  # ~13 candidates: all checked
    assert few.total_exact and few.total == _brute("调度报道")  # type: ignore[attr-defined]
    # Every article holds 报道 and 其他 but never side by side: no hit among the newest
    # candidates of 报道 and 其他, which says nothing of the older ones. The server
    # counts them all; the embedded index takes the candidates of every bigram instead
    # (道其 too: none), so the page is exact at once.
    none = _page(archive, "报道其他", exact=False)
    assert none.total == 0 and not none.hits  # type: ignore[attr-defined]
    assert none.total_exact and none.complete  # type: ignore[attr-defined]
    if archive.dialect.name == "postgresql":
        return
    # Without that, the page checks CHECK_BUDGET more candidates and says when some
    # are left unchecked.
    monkeypatch.setattr(engine_module, "LOOSE_SHARE", 0.0)
    none = _page(archive, "报道其他", exact=False)
    assert none.total == 0 and not none.hits  # type: ignore[attr-defined]
    assert not none.total_exact and not none.complete  # type: ignore[attr-defined]
    monkeypatch.setattr(engine_module, "CHECK_BUDGET", ARTICLES)
    none = _page(archive, "报道其他", exact=False)
    assert none.total_exact and none.complete and none.total == 0  # type: ignore[attr-defined]
    assert _page(archive, "报道其他", exact=True).complete  # type: ignore[attr-defined]


def test_the_plan_marks_bound_the_articles_between_two_docids(archive: Engine) -> None:
    """``articles_within`` never says more articles lie between two docids than do,
    and says at most two marks' steps fewer."""
    with archive.connect() as connection:
        if connection.dialect.name == "postgresql":
            plan, table = totals.make_plan(connection, "search_grams", "docid"), "search_grams"
        else:
            plan, table = totals.make_plan(connection, "search_docs", "docid"), "search_docs"
        docids = [row[0] for row in connection.execute(text(f"SELECT docid FROM {table}"))]
    docids.sort()
    assert [place for place, _ in plan.marks] == sorted({place for place, _ in plan.marks})
    assert all(docids[place] == docid for place, docid in plan.marks)
    step = ARTICLES / totals.QUANTILES
    rng = random.Random(3)
    for _ in range(300):
        lo, hi = sorted(rng.sample(docids, 2))
        truth = sum(1 for docid in docids if lo <= docid <= hi)
        within = plan.articles_within(lo, hi)
        assert truth - 2 * (step + 1) <= within <= truth
        if within:
            assert plan.expected(10, lo, hi) == pytest.approx(10 * ARTICLES / within)
        else:
            assert plan.expected(10, lo, hi) == float("inf")


def test_checked_candidates_are_counted_only_when_they_look_few(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The newest checked candidates' span predicts how many there are: fewer than
    COUNT_CAP are counted (capped, so a wrong guess costs at most the cap), more are
    estimated from the sample."""
    monkeypatch.setattr(totals, "COUNT_CAP", 100)
    marks = tuple((place, 10 * place) for place in range(1000))
    plan = totals.SamplePlan(1000, ((0, 1000),), 100, marks=marks)
    asked: list[object] = []

    def capped(true_total: int):  # type: ignore[no-untyped-def]
        def count(cap: int) -> int:
            asked.append(("count", cap))
            return min(cap, true_total)

        return count

    def sample(lo: int, hi: int) -> int:
        asked.append(("sample", lo, hi))
        return 50

    # 10 candidates over 500 of 1,000 articles: about 20 in all, so counted.
    assert totals.checked_candidates(plan, 10, (0, 5000), capped(23), sample) == 23
    assert asked == [("count", 100)]
    asked.clear()
    # The guess was wrong: the count stops at the cap and the sample decides.
    assert totals.checked_candidates(plan, 10, (0, 5000), capped(10**6), sample) == 500
    assert asked == [("count", 100), ("sample", 0, 1000)]
    asked.clear()
    # 10 candidates among 20 articles: about 500 in all, so not counted.
    assert totals.checked_candidates(plan, 10, (100, 300), capped(23), sample) == 500
    assert asked == [("sample", 0, 1000)]
