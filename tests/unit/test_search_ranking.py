"""Ranking from the hits' own text (issue 17: the index keeps no term counts).

Up to RANK_ALL hits are ranked: headline hits first, then by the term's weighted,
saturated count normalised by length, then newer first. Both backends rank alike.
Longer hit lists, ``--all`` too, come in index order: headline hits newest first, then
the others newest first.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from sqlalchemy import Engine
from test_search_support import Doc, indexed_archive

from reader.domain import SearchRequest
from reader.search import engine as engine_module
from reader.search.engine import search

FILLER = "其他内容，"
DAY = dt.date(2001, 1, 1)


def _ids(engine: Engine, query: str, limit: int | None = None) -> list[int]:
    with engine.connect() as connection:
        results = search(connection, SearchRequest(query, limit=limit))
    assert results.error == ""
    return [hit.article.id for hit in results.hits]


def _titles(engine: Engine, query: str) -> list[str | None]:
    with engine.connect() as connection:
        results = search(connection, SearchRequest(query, limit=None))
    return [hit.article.display_title for hit in results.hits]


def _orders(tmp_path: Path, backend: object, docs: list[Doc], *queries: str) -> list[list]:  # type: ignore[type-arg]
    """The titles of every hit of each query, in result order, on an archive of ``docs``."""
    engine = indexed_archive(tmp_path / "r.sqlite3", docs, backend)
    try:
        return [_titles(engine, query) for query in queries]
    finally:
        engine.dispose()


def _dated(days: int) -> dt.date:
    return DAY + dt.timedelta(days=days)


def test_more_occurrences_rank_higher_and_headlines_first(tmp_path: Path, backend: object) -> None:
    docs = [
        Doc((FILLER * 5 + "调度会",), title="一次", date=_dated(3)),
        Doc((FILLER * 5 + "调度会，调度会，调度会",), title="三次", date=DAY),
        Doc((FILLER * 5 + "调度会，调度会",), title="两次", date=_dated(1)),
        Doc((FILLER * 5,), title="调度会在标题", date=DAY),
    ]
    expected = ["调度会在标题", "三次", "两次", "一次"]
    assert _orders(tmp_path, backend, docs, "调度会", "调度") == [expected, expected]


def test_a_short_article_outranks_a_long_one_with_the_same_count(
    tmp_path: Path, backend: object
) -> None:
    docs = [
        Doc((FILLER * 80 + "调度会",), title="长", date=_dated(5)),
        Doc((FILLER * 2 + "调度会",), title="短", date=DAY),
    ]
    assert _orders(tmp_path, backend, docs, "调度会") == [["短", "长"]]


def test_a_byline_counts_more_than_a_paragraph(tmp_path: Path, backend: object) -> None:
    docs = [
        Doc((FILLER * 5 + "马雅宁",), title="正文", date=_dated(5)),
        Doc((FILLER * 5,), title="署名", date=DAY, bylines=(("photographer", "马雅宁"),)),
    ]
    assert _orders(tmp_path, backend, docs, "马雅宁") == [["署名", "正文"]]


def test_terms_that_fold_are_counted_in_the_folded_text(tmp_path: Path, backend: object) -> None:
    docs = [
        Doc((FILLER * 5 + "GDP增长",), title="一次", date=_dated(5)),
        Doc((FILLER * 5 + "ＧＤＰ增长，gdp增长，Gdp增长",), title="三次", date=DAY),
    ]
    assert _orders(tmp_path, backend, docs, "gdp增长", "ＧＤＰ") == [["三次", "一次"]] * 2


def test_equal_scores_come_newer_first_and_a_page_is_the_ranked_list_cut(
    tmp_path: Path, backend: object
) -> None:
    rng = random.Random(5)
    docs = [
        Doc(
            (FILLER * rng.randint(1, 9) + "，".join(["调度"] * rng.randint(1, 3)),),
            title=f"第{number}篇",
            date=DAY + dt.timedelta(days=number % 40),
        )
        for number in range(90)
    ]
    engine = indexed_archive(tmp_path / "r.sqlite3", docs, backend)
    try:
        ranked = _ids(engine, "调度")
        assert len(ranked) == 90
        for offset in (0, 10, 80):
            with engine.connect() as connection:
                page = search(connection, SearchRequest("调度", limit=10, offset=offset))
            assert [hit.article.id for hit in page.hits] == ranked[offset : offset + 10]
            scores = [hit.score for hit in page.hits]
            assert scores == sorted(scores, reverse=True)
    finally:
        engine.dispose()


def test_above_rank_all_every_list_comes_in_index_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = [
        Doc(
            (FILLER + "调度" * (1 + number % 3),),
            title="调度标题" if number % 4 == 0 else f"第{number}篇",
            date=DAY + dt.timedelta(days=number),
        )
        for number in range(40)
    ]
    engine = indexed_archive(tmp_path / "o.sqlite3", docs)
    try:
        ranked = _ids(engine, "调度")
        monkeypatch.setattr(engine_module, "RANK_ALL", 10)
        ordered = _ids(engine, "调度")
        assert sorted(ordered) == sorted(ranked)
        with engine.connect() as connection:
            results = search(connection, SearchRequest("调度", limit=None))
        heads = [hit.article.id for hit in results.hits if hit.article.display_title == "调度标题"]
        assert ordered[: len(heads)] == heads == sorted(heads, reverse=True)
        rest = ordered[len(heads) :]
        assert rest == sorted(rest, reverse=True)
        assert ordered[:10] == _ids(engine, "调度", limit=10)
    finally:
        engine.dispose()
