"""Large-result pages (more than RANK_ALL hits): headline hits first, newest first,
then the other hits newest first, for every kind of query and page, including the
probing of headline candidates for queries with several terms."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from test_search_support import Doc, add_issue, delete_issue, make_engine

from reader.domain import SearchRequest
from reader.search import engine as engine_module
from reader.search import pg_engine
from reader.search.engine import search
from tests.conftest import Backend

WORDS = ["会议", "调度", "高新区", "召开", "大气", "防治", "部署", "街道", "，", "。"]


def _docs() -> list[tuple[int, Doc]]:
    rng = random.Random(11)
    docs = []
    for number in range(60):
        date = dt.date(2000 + number % 7, 1 + number % 12, 1 + number % 27)
        body = tuple("".join(rng.choices(WORDS, k=rng.randint(2, 8))) for _ in range(2))
        title = "".join(rng.choices(WORDS, k=2)) if rng.random() < 0.6 else None
        docs.append((number, Doc(body, title=title, date=date if number % 9 else None)))
    return docs


DOCS = _docs()


@pytest.fixture(scope="module")
def archive(
    tmp_path_factory: pytest.TempPathFactory, backend: Backend
) -> Iterator[tuple[Engine, dict[int, Doc]]]:
    engine = make_engine(Path(tmp_path_factory.mktemp("paging")) / "a.sqlite3", backend)
    by_id: dict[int, Doc] = {}
    for number, doc in DOCS:
        (article_id,) = add_issue(engine, f"i{number}", dt.date(2000, 1, 1), [doc])
        by_id[article_id] = doc
    yield engine, by_id
    engine.dispose()


def _has(doc: Doc, term: str, head_only: bool = False) -> bool:
    fields = [f for f in (doc.title, doc.kicker, doc.subtitle) if f]
    if not head_only:
        fields += list(doc.paragraphs)
    return any(term in field for field in fields)


def _expected(by_id: dict[int, Doc], groups: list[list[str]], excluded: list[str]) -> list[int]:
    def matches(doc: Doc) -> bool:
        return all(any(_has(doc, t) for t in group) for group in groups) and not any(
            _has(doc, t) for t in excluded
        )

    def newest(article_id: int) -> tuple[int, int]:
        date = by_id[article_id].date or dt.date(2000, 1, 1)  # undated: the issue's date
        return (date.toordinal(), article_id)

    hits = [i for i, doc in by_id.items() if matches(doc)]
    positive = [t for group in groups for t in group]
    head = [i for i in hits if any(_has(by_id[i], t, head_only=True) for t in positive)]
    rest = [i for i in hits if i not in head]
    return sorted(head, key=newest, reverse=True) + sorted(rest, key=newest, reverse=True)


QUERIES = [
    ("会议", [["会议"]], []),
    ("，", [["，"]], []),
    ("会议 OR 调度", [["会议", "调度"]], []),
    ("会议 调度", [["会议"], ["调度"]], []),
    ("高新区 -防治", [["高新区"]], ["防治"]),
    ("。 大气 OR 街道", [["。"], ["大气", "街道"]], []),
]


@pytest.mark.parametrize(("query", "groups", "excluded"), QUERIES)
@pytest.mark.parametrize("probe", [(200, 5), (1, 1), (2, 3)])
@pytest.mark.parametrize("dense", [False, True])
def test_pages_follow_headline_then_newest_order(
    archive: tuple[Engine, dict[int, Doc]],
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    groups: list[list[str]],
    excluded: list[str],
    probe: tuple[int, int],
    dense: bool,
) -> None:
    engine, by_id = archive
    expected = _expected(by_id, groups, excluded)
    assert expected, query
    monkeypatch.setattr(engine_module, "RANK_ALL", 0)
    monkeypatch.setattr(pg_engine, "RANK_ALL", 0)
    # dense: the server reads pages along the docid index (its hits look dense when the
    # table seems to hold one article); otherwise through the GIN bitmap
    monkeypatch.setattr(pg_engine, "_rows", lambda connection: 1.0 if dense else 0.0)
    monkeypatch.setattr(engine_module, "PROBE", probe[0])
    monkeypatch.setattr(engine_module, "PROBE_ROUNDS", probe[1])
    got: list[int] = []
    with engine.connect() as connection:
        for offset in range(0, len(expected) + 5, 4):
            results = search(connection, SearchRequest(query, limit=4, offset=offset))
            assert results.error == ""
            assert results.total == len(expected)
            got += [hit.article.id for hit in results.hits]
    assert got == expected


def test_headline_table_follows_adds_and_removals(tmp_path: Path, backend: Backend) -> None:
    if backend.name != "sqlite":
        pytest.skip("FTS5's headline table: SQLite only (the server's is a column)")
    engine = make_engine(tmp_path / "h.sqlite3", backend)
    try:
        add_issue(engine, "a", dt.date(2001, 1, 1), [Doc(("正文。",), title="调度会召开")])
        add_issue(engine, "b", dt.date(2002, 1, 1), [Doc(("调度正文。",), title=None)])
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT count(*) FROM search_head WHERE search_head MATCH :m"),
                {"m": '"调度"'},
            ).scalar()
        assert rows == 1  # only the article with a headline has a headline row
        delete_issue(engine, "a")
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO search_head(search_head) VALUES ('integrity-check')")
            )
            for term in ('"调度"', '"召"', '"会召" AND "召开"'):
                count = connection.execute(
                    text("SELECT count(*) FROM search_head WHERE search_head MATCH :m"),
                    {"m": term},
                ).scalar()
                assert count == 0, term
        with engine.connect() as connection:
            results = search(connection, SearchRequest("调度"))
        assert results.total == 1 and results.hits[0].article.display_title != "调度会召开"
    finally:
        engine.dispose()


CHECKED = ["高新区 -防治", "会议调度", "调度高新区", "大气防治 OR 召开会议", "高新区 会议"]
"""Queries with a term of three or more characters: their candidates are checked."""


@pytest.mark.parametrize("query", CHECKED)
@pytest.mark.parametrize("budget", [1, 3, 10, 10_000])
@pytest.mark.parametrize("loose_share", [0.0, 0.5, 1.01])
def test_an_estimated_first_page_is_the_start_of_the_exact_one(
    archive: tuple[Engine, dict[int, Doc]],
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    budget: int,
    loose_share: float,
) -> None:
    """A page request that allows an estimate checks at most CHECK_BUDGET candidates
    for the hits after the headline ones: its page is the exact page, or its start
    marked incomplete; a short complete page holds every hit. The same with the
    candidates of every other bigram, of every bigram, or either by the share of hits
    among the newest (LOOSE_SHARE 0, above 1, or as shipped)."""
    monkeypatch.setattr(engine_module, "LOOSE_SHARE", loose_share)
    engine, by_id = archive
    groups, excluded = _groups(query)
    expected = _expected(by_id, groups, excluded)
    monkeypatch.setattr(engine_module, "RANK_ALL", 0)
    monkeypatch.setattr(pg_engine, "RANK_ALL", 0)
    monkeypatch.setattr(engine_module, "CHECK_BUDGET", budget)
    monkeypatch.setattr(engine_module, "CHECKED_CAP", 2)
    with engine.connect() as connection:
        page = search(connection, SearchRequest(query, limit=4, exact_total=False))
        exact = search(connection, SearchRequest(query, limit=4))
    got = [hit.article.id for hit in page.hits]
    assert [hit.article.id for hit in exact.hits] == expected[:4]
    assert exact.complete and exact.total == len(expected)
    assert got == expected[: len(got)]
    if page.complete:
        assert got == expected[:4]
    if page.total_exact:
        assert page.total == len(expected)
    assert page.total >= len(got)


def _groups(query: str) -> tuple[list[list[str]], list[str]]:
    groups, excluded = [], []
    for part in query.split():
        if part.startswith("-"):
            excluded.append(part[1:])
        elif part == "OR":
            continue
        else:
            groups.append([part])
    if " OR " in query:
        groups = [[t for group in groups for t in group]]
    return groups, excluded


def test_a_small_budget_leaves_a_page_short(
    archive: tuple[Engine, dict[int, Doc]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The budget is real: one candidate checked cannot fill a page whose hits are not
    all in headlines (SQLite; the server walks its own way)."""
    engine, by_id = archive
    if engine.dialect.name != "sqlite":
        pytest.skip("the check budget is the embedded index's")
    monkeypatch.setattr(engine_module, "RANK_ALL", 0)
    monkeypatch.setattr(engine_module, "CHECK_BUDGET", 1)
    monkeypatch.setattr(engine_module, "CHECKED_CAP", 2)
    short = []
    with engine.connect() as connection:
        for query in CHECKED:
            page = search(connection, SearchRequest(query, limit=4, exact_total=False))
            if not page.complete:
                short.append(query)
                assert len(page.hits) < 4
    assert short


def test_the_headline_condition_is_listed_once_per_statement(
    archive: tuple[Engine, dict[int, Doc]],
) -> None:
    """Headline hits and the others are told apart by one list of the headline table's
    candidates per statement. Correlated (a MATCH per candidate), it cost ~0.6 ms a
    candidate: page two of a common two-term query took 12 s at 100,000 articles."""
    engine, _ = archive
    if engine.dialect.name != "sqlite":
        pytest.skip("FTS5's headline table: SQLite only")
    from reader.search.matching import body_only_hits, head_hits
    from reader.search.query import parse

    with engine.connect() as connection:
        for build in (head_hits, body_only_hits):
            match = build(parse("高新区 会议"))
            sql = (
                "EXPLAIN QUERY PLAN SELECT rowid FROM search_fts WHERE search_fts MATCH :match"
                + match.on("search_fts")
            )
            plan = _plan(connection, sql, {"match": match.expression, **match.params})
            heads = [line for line in plan if "search_head" in line]
            assert heads and all("=" not in line.split("INDEX")[-1] for line in heads), plan
            assert any("LIST SUBQUERY" in line for line in plan), plan
            assert not any("CORRELATED" in line and "search_head" in line for line in plan)
            main = [line for line in plan if "SCAN search_fts" in line]
            assert main and "=" not in main[0].split("INDEX")[-1], plan


def _plan(connection: object, sql: str, params: dict[str, object]) -> list[str]:
    from reader.search.driver import fetch_rows

    return [str(row[3]) for row in fetch_rows(connection, sql, params)]  # type: ignore[arg-type]
