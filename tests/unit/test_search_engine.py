"""Search engine behaviour: ranking, filters, operators, snippets, paging, errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from test_search_support import Doc, add_issue, delete_issue, make_engine

from reader.domain import (
    TITLE_PARAGRAPH,
    ArticleKind,
    MatchSpan,
    SearchHit,
    SearchRequest,
    SearchResults,
)
from reader.search import engine as engine_module
from reader.search import fts, pg_engine
from reader.search.engine import search
from tests.conftest import Backend

D = dt.date


@pytest.fixture()
def db(tmp_path: Path, backend: Backend) -> Iterator[Engine]:
    engine = make_engine(tmp_path / "a.sqlite3", backend)
    add_issue(
        engine,
        "old",
        D(2001, 5, 1),
        [
            Doc(
                ("高新区召开调度会，部署大气污染防治。",),
                title="调度会召开",
                bylines=(("reporter", "付凯明"),),
                date=D(2001, 5, 1),
                entities=(("宫卫红", "官卫红"),),
            ),
            Doc(
                ("河南省“新时代宣讲师”走进文苑街道。",),
                title="宣讲走进街道",
                bylines=(("reporter", "赵根志"),),
                date=D(2001, 5, 1),
            ),
        ],
    )
    add_issue(
        engine,
        "new",
        D(2020, 3, 2),
        [
            Doc(
                ("芦苇荡迎来观赏季。",),
                title=None,
                kind="photo",
                bylines=(("photographer", "马雅宁"),),
                date=D(2020, 3, 2),
            ),
            Doc(
                ("会议强调调度工作，调度要及时。GDP增长。",),
                title="大气污染防治",
                kicker="高新区",
                bylines=(("reporter", "付凯明"),),
                date=D(2020, 3, 2),
                entities=(("官卫红", "官卫红"),),
            ),
            Doc(
                ("民生为大。",),
                title="为幸福生活“加码”",
                kind="commentary",
                bylines=(("author", "高 亢"),),
                date=None,
            ),
        ],
    )
    yield engine
    engine.dispose()


def run(engine: Engine, query: str, **filters: object) -> SearchResults:
    with engine.connect() as connection:
        return search(connection, SearchRequest(query, **filters))  # type: ignore[arg-type]


def titles(results: SearchResults) -> list[str]:
    return [hit.article.display_title for hit in results.hits]


def test_title_hits_rank_above_body_hits_then_newer_first(db: Engine) -> None:
    results = run(db, "调度")
    assert results.total == 2
    assert titles(results) == ["调度会召开", "大气污染防治"]
    results = run(db, "大气")
    assert titles(results) == ["大气污染防治", "调度会召开"]


def test_single_character_and_punctuation_and_width(db: Engine) -> None:
    assert run(db, "苇").total == 1
    assert run(db, "“加码”").total == 1
    assert run(db, "ｇｄｐ").total == 1
    assert run(db, "Gdp").total == 1
    assert run(db, "，部署").total == 1
    assert run(db, ",部署").total == 1  # half-width comma matches the full-width one


def test_matches_cover_every_field(db: Engine) -> None:
    hit = run(db, "高新区").hits[0]
    assert hit.article.display_title == "大气污染防治"
    assert MatchSpan("kicker", TITLE_PARAGRAPH, 0, 3) in hit.matches
    hit = run(db, "付凯明 调度").hits[1]
    assert MatchSpan("byline", 0, 0, 3) in hit.matches
    assert MatchSpan("paragraph", 0, 4, 6) in hit.matches
    assert MatchSpan("paragraph", 0, 9, 11) in hit.matches


def test_snippet_marks_the_match_and_spans_point_at_it(db: Engine) -> None:
    hit = run(db, "观赏").hits[0]
    assert hit.snippet == "芦苇荡迎来【观赏】季。"
    plain = hit.snippet.replace("【", "").replace("】", "")
    assert [plain[a:b] for a, b in hit.snippet_spans] == ["观赏"]
    assert hit.article.untitled
    assert hit.article.kind is ArticleKind.PHOTO
    assert hit.article.issue_date == D(2020, 3, 2)
    assert hit.article.source_name == "new"


def test_long_paragraph_snippet_is_cut_around_the_match(tmp_path: Path, backend: Backend) -> None:
    engine = make_engine(tmp_path / "b.sqlite3", backend)
    add_issue(engine, "x", D(2010, 1, 1), [Doc(("甲" * 100 + "目标" + "乙" * 100,))])
    hit = run(engine, "目标").hits[0]
    assert hit.snippet == "…" + "甲" * 40 + "【目标】" + "乙" * 40 + "…"
    assert hit.snippet_spans == ((41, 43),)
    engine.dispose()


def test_operators(db: Engine) -> None:
    assert run(db, "高新区 调度").total == 2
    assert run(db, "高新区 -芦苇").total == 2
    assert run(db, "高新区 -调度").total == 0
    assert run(db, "芦苇 OR 民生").total == 2
    assert run(db, "会 OR 苇 大气").total == 2
    assert run(db, '"调度 会"').total == 0
    assert run(db, "or").total == 0


def test_phrase_keeps_its_space_and_never_crosses_fields(tmp_path: Path, backend: Backend) -> None:
    engine = make_engine(tmp_path / "c.sqlite3", backend)
    add_issue(
        engine,
        "x",
        D(2010, 1, 1),
        [
            Doc(("作 要求", "作"), title="标题"),
            Doc(("作，要求",), title="作"),
            Doc(("作", "要求"), title="另"),
        ],
    )
    assert run(engine, '"作 要"').total == 1
    assert run(engine, "作要").total == 0
    assert run(engine, "题作").total == 0  # title and body are separate fields
    engine.dispose()


def test_filters(db: Engine) -> None:
    assert run(db, "。", date_from=D(2010, 1, 1)).total == 3  # undated article: issue date
    assert run(db, "。", date_to=D(2010, 1, 1)).total == 2
    assert run(db, "。", date_from=D(2001, 5, 1), date_to=D(2001, 5, 1)).total == 2
    assert run(db, "。", kind=ArticleKind.COMMENTARY).total == 1
    assert run(db, "。", person="付凯明").total == 2
    assert run(db, "。", person="无名").total == 0
    assert run(db, "。", entity="官卫红").total == 2  # canonical covers the alias 宫卫红
    assert run(db, "。", entity="宫卫红").total == 2  # an alias finds its group too
    with db.connect() as connection:
        issue = connection.execute(text("SELECT id FROM issues WHERE source_name='old'")).scalar()
    assert run(db, "。", issue_id=issue).total == 2


def test_undated_articles_sort_last_and_dates_fall_back_to_the_issue_date(db: Engine) -> None:
    add_issue(db, "undated", None, [Doc(("同文。",), title="无日期")])
    add_issue(db, "a", D(1999, 1, 1), [Doc(("同文。",), title="旧")])
    add_issue(db, "b", D(2024, 1, 1), [Doc(("同文。",), title="新")])
    assert titles(run(db, "同文")) == ["新", "旧", "无日期"]  # equal scores: newer first
    assert "无日期" not in titles(run(db, "。", date_from=D(1900, 1, 1), limit=None))


def test_paging_and_all(db: Engine) -> None:
    full = titles(run(db, "。", limit=None))
    assert len(full) == 5
    assert (
        titles(run(db, "。", limit=2))
        + titles(run(db, "。", limit=2, offset=2))
        + titles(run(db, "。", limit=2, offset=4))
        == full
    )


def test_large_result_mode_keeps_headline_hits_first_then_newest(
    db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    ranked = run(db, "会 OR 。", limit=None)
    monkeypatch.setattr(engine_module, "RANK_ALL", 1)
    monkeypatch.setattr(pg_engine, "RANK_ALL", 1)
    paged: list[SearchHit] = []
    for offset in (0, 2, 4):
        results = run(db, "会 OR 。", limit=2, offset=offset)
        assert results.total == ranked.total == 5
        paged += results.hits
    assert sorted(h.article.id for h in paged) == sorted(h.article.id for h in ranked.hits)
    assert paged[0].article.display_title == "调度会召开"  # the only headline hit
    rest = [(h.article.date or h.article.issue_date, h.article.id) for h in paged[1:]]
    assert rest == sorted(rest, reverse=True)
    assert all(hit.score > 0 for hit in paged)


@pytest.mark.parametrize(
    "query", ["", "   ", '"未完', '""', "OR 会", "会 OR", "会 OR OR 议", "-会", "会 OR -议"]
)
def test_bad_queries_give_a_message_not_an_exception(db: Engine, query: str) -> None:
    results = run(db, query)
    assert results.error.startswith("查询有误")
    assert results.total == 0


def test_hostile_text_is_only_data(db: Engine) -> None:
    for query in ["'; DROP TABLE articles; --", "NEAR(a b)", "head:会", "*", "^会", "a:b"]:
        assert run(db, query).error == ""
    assert run(db, "调度").total == 2


def test_removed_articles_disappear_and_the_index_stays_consistent(db: Engine) -> None:
    delete_issue(db, "old")
    assert run(db, "调度").total == 1
    assert run(db, "宣讲").total == 0
    with db.begin() as connection:
        if db.dialect.name == "sqlite":
            connection.execute(
                text("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
            )
            assert connection.execute(text("SELECT count(*) FROM search_docs")).scalar() == 3
        assert fts.problems(connection) == []
    add_issue(db, "old", D(2001, 5, 1), [Doc(("调度会",), title="重来")])
    assert sorted(titles(run(db, "调度"))) == sorted(["大气污染防治", "重来"])


@pytest.mark.parametrize(
    ("term", "expression"),
    [
        ("区", '"区"'),
        ("高新", '"高新"'),
        ("高新区", '("高新" AND "新区")'),
        ("大气污染", '("大气" AND "污染")'),
        ("大气污染防治", '("大气" AND "污染" AND "防治")'),
        ("大气污染防治攻", '("大气" AND "污染" AND "防治" AND "治攻")'),
        ("哈哈哈哈", '"哈哈"'),
        ('a"b', '("a""" AND """b")'),
    ],
)
def test_term_expression_reads_non_overlapping_bigrams_and_the_last(
    term: str, expression: str
) -> None:
    from reader.search.fts import term_expression

    assert term_expression(term) == expression


@pytest.mark.parametrize(
    ("term", "expression"),
    [
        ("高新", '"高新"'),
        ("高新区", '("高新" AND "新区")'),
        ("会议调度", '("会议" AND "议调" AND "调度")'),
        ("哈哈哈哈", '"哈哈"'),
    ],
)
def test_every_bigram_of_a_term_when_asked(term: str, expression: str) -> None:
    from reader.search.fts import term_expression

    assert term_expression(term, every=True) == expression


def test_terms_match_at_even_and_odd_offsets_in_every_field(
    tmp_path: Path, backend: Backend
) -> None:
    """A term is found whichever offset it starts at, in a headline, a byline or a
    paragraph after another one (the candidates' bigrams and the check agree)."""
    engine = make_engine(tmp_path / "p.sqlite3", backend)
    try:
        texts = ["大气污染防治", "甲大气污染防治", "甲乙大气污染防治", "甲乙丙大气污染防治"]
        docs = [Doc(("开头段落。", body), title=None) for body in texts]
        docs += [Doc(("正文。",), title=head) for head in texts]
        docs += [Doc(("正文。",), title=None, bylines=(("reporter", "甲乙大气污染防治"),))]
        add_issue(engine, "parity", D(2010, 1, 1), docs)
        with engine.connect() as connection:
            for length in range(1, 7):
                for start in range(0, 7 - length):
                    term = "大气污染防治"[start : start + length]
                    total = search(connection, SearchRequest(term, limit=None)).total
                    assert total == len(docs), term
            assert search(connection, SearchRequest("乙大气污染防治丙")).total == 0
    finally:
        engine.dispose()


def test_a_byte_match_that_straddles_characters_is_not_a_hit(
    tmp_path: Path, backend: Backend
) -> None:
    """UTF-16BE ``一愀戀`` is 4E00 6100 6200; ``乎abc`` is 4E4E 0061 0062 0063, which
    holds those bytes at an odd offset: a check of the stored bytes (measured: not
    faster on the hits a page reads) would have to check such a match again on the
    characters. Each article holds the term's bigrams elsewhere: a candidate."""
    engine = make_engine(tmp_path / "s.sqlite3", backend)
    try:
        straddling = ("乎abc", "一愀，愀戀")
        docs = [
            Doc(straddling, title="跨字"),
            Doc(("乎abc一愀戀",), title="先跨后真"),
            Doc(straddling, title=None, kicker="乎abc", subtitle="一愀 愀戀"),
            Doc(("一愀，愀戀",), title="署名", bylines=(("reporter", "乎abc"),)),
        ]
        assert "一愀戀".encode("utf-16-be") in "乎abc".encode("utf-16-be")
        add_issue(engine, "bytes", D(2020, 1, 1), docs)
        for limit in (None, 20):
            assert titles(run(engine, "一愀戀", limit=limit)) == ["先跨后真"]
            assert titles(run(engine, "一愀戀 -乎abc一", limit=limit)) == []
    finally:
        engine.dispose()
