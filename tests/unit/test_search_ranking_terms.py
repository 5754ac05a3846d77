"""Ranking leaves out the phrases that cannot change a score (issue 17).

FTS5's ``bm25()`` counts every article of each phrase for its IDF before it scores a
single hit; a term in most articles has an IDF clamped to ~0 and an excluded term is
in no hit, so ranking without them must give the same order as ranking with them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from test_search_support import Doc, indexed_archive

from reader.domain import SearchRequest
from reader.search import engine as engine_module
from reader.search import totals
from reader.search.engine import search
from reader.search.filters import Filters
from reader.search.query import fts5_string, parse

ARTICLES = 400
EVERYWHERE = "报道"
"""In every article: its IDF is clamped, it cannot rank."""
THIRD = "会议"
"""In about a third: it ranks."""
RARE = "调度"
"""In one article in seven, once to three times, sometimes in the headline."""


def _docs() -> list[Doc]:
    rng = random.Random(17)
    docs = []
    for number in range(ARTICLES):
        words = [EVERYWHERE] * rng.randint(1, 3) + ["其他内容"] * rng.randint(1, 30)
        if rng.random() < 0.33:
            words += [THIRD] * rng.randint(1, 3)
        if number % 7 == 0:
            words += [RARE] * rng.randint(1, 3)
        rng.shuffle(words)
        title = f"{RARE}工作" if number % 21 == 0 else None
        date = dt.date(1995, 1, 1) + dt.timedelta(days=number)
        docs.append(Doc(("，".join(words),), title=title, date=date))
    return docs


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = indexed_archive(Path(tmp_path_factory.mktemp("ranking")) / "a.sqlite3", _docs())
    yield engine
    engine.dispose()


def _ranked(engine: Engine, query: str) -> list[tuple[int, float]]:
    with engine.connect() as connection:
        results = search(connection, SearchRequest(query, limit=None))
    return [(hit.article.id, hit.score) for hit in results.hits]


def _ranking(engine: Engine, query: str) -> str | None:
    with engine.connect() as connection:
        runner = engine_module._Runner(connection, Filters())
        return engine_module._ranking_for(runner, parse(query)).expression


@pytest.fixture(params=["exact", "estimated"])
def cap(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Term counts read exactly, or (a cap of 40) estimated from the sample."""
    if request.param == "estimated":
        monkeypatch.setattr(totals, "COUNT_CAP", 40)
        monkeypatch.setattr(engine_module, "COUNT_CAP", 40)
    return str(request.param)


@pytest.mark.parametrize(
    "query",
    [
        f"{RARE} {EVERYWHERE}",
        f"{EVERYWHERE} {RARE}",
        f"{RARE} -{THIRD}",
        f"{RARE} {EVERYWHERE} -{THIRD}",
        f"{RARE} {THIRD} {EVERYWHERE}",
    ],
)
def test_leaving_out_unrankable_terms_keeps_the_order(
    archive: Engine, monkeypatch: pytest.MonkeyPatch, cap: str, query: str
) -> None:
    fast = _ranked(archive, query)
    monkeypatch.setattr(
        engine_module, "_ranking_for", lambda runner, query: engine_module._Ranking(None)
    )
    reference = _ranked(archive, query)
    assert len(fast) > 5
    # The same scores in the same order; articles may swap only within a tie (the
    # reference breaks ties by the clamped term's 1e-6 weight, this by date).
    assert [score for _, score in fast] == pytest.approx([s for _, s in reference], abs=1e-4)
    assert _ties(fast) == _ties(reference)


def _ties(ranked: list[tuple[int, float]]) -> list[frozenset[int]]:
    groups: list[tuple[float, set[int]]] = []
    for article, score in ranked:
        if groups and abs(groups[-1][0] - score) < 1e-4:
            groups[-1][1].add(article)
        else:
            groups.append((score, {article}))
    return [frozenset(articles) for _, articles in groups]


def test_which_terms_rank(archive: Engine, cap: str) -> None:
    rare, third = (
        fts5_string(parse(RARE).required[0].terms[0]),
        fts5_string(parse(THIRD).required[0].terms[0]),
    )
    assert _ranking(archive, RARE) is None  # one term: its own IDF pass is its hits
    assert _ranking(archive, f"{RARE} {THIRD}") is None  # both rank
    assert _ranking(archive, f"{RARE} {EVERYWHERE}") == rare
    assert _ranking(archive, f"{RARE} -{THIRD}") == rare
    assert _ranking(archive, f"{RARE} {THIRD} {EVERYWHERE}") == f"{rare} OR {third}"
    assert _ranking(archive, f"{EVERYWHERE} 其他") == ""


def test_hits_of_terms_that_all_fail_to_rank_come_newest_first(archive: Engine) -> None:
    ranked = _ranked(archive, f"{EVERYWHERE} 其他")
    assert len(ranked) == ARTICLES
    assert all(score == 0.0 for _, score in ranked)
    articles = [article for article, _ in ranked]  # no headline holds either term
    assert articles == sorted(articles, reverse=True)


def test_a_page_that_ranking_would_make_slow_is_cut_newest_first(
    archive: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filter leaves few hits of a common term: bm25 would still read every article
    of the term, so past RANK_READ_LIMIT of them the page comes in index order
    (headline hits first, then newest first), as for more than RANK_ALL hits."""
    monkeypatch.setattr(engine_module, "RANK_READ_LIMIT", 50)  # THIRD is in ~130
    window = {"date_from": dt.date(1995, 2, 1), "date_to": dt.date(1995, 6, 30)}
    with archive.connect() as connection:
        every = search(connection, SearchRequest(THIRD, limit=None, **window))  # type: ignore[arg-type]
        page = search(connection, SearchRequest(THIRD, limit=10, **window))  # type: ignore[arg-type]
        runner = engine_module._Runner(
            connection,
            engine_module.build_filters(
                SearchRequest(THIRD, **window)  # type: ignore[arg-type]
            ),
        )
        assert not engine_module._ranking_for(runner, parse(THIRD)).affordable
    assert page.total == every.total > 10
    found = [hit.article.id for hit in page.hits]
    assert set(found) <= {hit.article.id for hit in every.hits}
    assert found == sorted(found, reverse=True)  # no headline holds THIRD: newest first
    monkeypatch.setattr(engine_module, "RANK_READ_LIMIT", 10**9)
    with archive.connect() as connection:
        ranked = search(connection, SearchRequest(THIRD, limit=10, **window))  # type: ignore[arg-type]
    assert [hit.article.id for hit in ranked.hits] == [hit.article.id for hit in every.hits][:10]
