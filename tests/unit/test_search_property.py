"""No false negatives: the engine agrees with a brute-force scan of the same text."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from test_search_support import Doc, add_issue, make_engine

from reader.domain import SearchRequest
from reader.paths import BUNDLED_SEEDS_DIR
from reader.search.engine import search
from reader.search.normalize import fold
from tests.conftest import Backend

EXTRAS = [
    "GDP增长6.5%，ＧＤＰ总量（亿元）",
    "Hello World, hello 世界!",
    "全角（括号）与半角(括号)、“引号”",
    "２０２４年３月，2024年3月",
    "高新区 召开　会议\t调度",
]


def _corpus() -> list[tuple[str, list[Doc]]]:
    rng = random.Random(5)
    lines = []
    for path in sorted(BUNDLED_SEEDS_DIR.glob("*.txt")):
        lines += [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    issues = []
    for number in range(12):
        docs = []
        for _ in range(6):
            body = [rng.choice(lines)[: rng.randint(5, 120)] for _ in range(rng.randint(1, 4))]
            if rng.random() < 0.4:
                body.append(rng.choice(EXTRAS))
            docs.append(
                Doc(
                    tuple(body),
                    title=rng.choice(lines)[:30] if rng.random() < 0.8 else None,
                    kicker=rng.choice(EXTRAS) if rng.random() < 0.15 else None,
                    subtitle=rng.choice(lines)[:15] if rng.random() < 0.15 else None,
                    bylines=(("reporter", rng.choice(["付凯明", "赵根志", "马雅宁", "高 亢"])),),
                    date=dt.date(2000 + number, 1 + number % 12, 1 + number),
                )
            )
        issues.append((f"issue{number}", docs))
    return issues


CORPUS = _corpus()
DOCS: list[Doc] = [doc for _, docs in CORPUS for doc in docs]


def _fields(doc: Doc) -> list[str]:
    heads = [f for f in (doc.title, doc.kicker, doc.subtitle) if f]
    return heads + [name for _, name in doc.bylines] + list(doc.paragraphs)


def _occurs(term: str, doc: Doc) -> bool:
    needle = fold(term)
    return any(needle in fold(field) for field in _fields(doc))


@pytest.fixture(scope="module")
def archive(
    tmp_path_factory: pytest.TempPathFactory, backend: Backend
) -> Iterator[tuple[Engine, list[int]]]:
    engine = make_engine(Path(tmp_path_factory.mktemp("prop")) / "a.sqlite3", backend)
    ids: list[int] = []
    for name, docs in CORPUS:
        ids += add_issue(engine, name, docs[0].date, docs)
    yield engine, ids
    engine.dispose()


def _found(engine: Engine, query: str) -> set[int]:
    with engine.connect() as connection:
        results = search(connection, SearchRequest(query, limit=None))
    assert results.error == ""
    assert results.total == len(results.hits)
    return {hit.article.id for hit in results.hits}


@st.composite
def substrings(draw: st.DrawFn) -> str:
    doc = draw(st.sampled_from(DOCS))
    field = draw(st.sampled_from(_fields(doc)))
    length = draw(st.integers(1, 8))
    start = draw(st.integers(0, max(0, len(field) - 1)))
    return field[start : start + length]


def _quote(term: str) -> str:
    return '"' + term + '"'


def _usable(term: str) -> bool:
    return bool(term.strip()) and '"' not in term and "＂" not in term


SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(term=substrings())
def test_single_substring_matches_brute_force(archive: tuple[Engine, list[int]], term: str) -> None:
    engine, ids = archive
    if not _usable(term):
        return
    expected = {i for i, doc in zip(ids, DOCS, strict=True) if _occurs(term, doc)}
    assert expected, term
    assert _found(engine, _quote(term)) == expected


@SETTINGS
@given(a=substrings(), b=substrings(), op=st.sampled_from(["AND", "OR", "NOT"]))
def test_operators_match_brute_force(
    archive: tuple[Engine, list[int]], a: str, b: str, op: str
) -> None:
    engine, ids = archive
    if not (_usable(a) and _usable(b)):
        return
    pairs = list(zip(ids, DOCS, strict=True))
    if op == "AND":
        query = f"{_quote(a)} {_quote(b)}"
        expected = {i for i, d in pairs if _occurs(a, d) and _occurs(b, d)}
    elif op == "OR":
        query = f"{_quote(a)} OR {_quote(b)}"
        expected = {i for i, d in pairs if _occurs(a, d) or _occurs(b, d)}
    else:
        query = f"{_quote(a)} -{_quote(b)}"
        expected = {i for i, d in pairs if _occurs(a, d) and not _occurs(b, d)}
    assert _found(engine, query) == expected


@SETTINGS
@given(term=substrings())
def test_width_and_case_variants_find_the_same(
    archive: tuple[Engine, list[int]], term: str
) -> None:
    engine, _ = archive
    if not _usable(term):
        return
    swapped = "".join(_swap_width(c) for c in term).swapcase()
    if not _usable(swapped):
        return
    assert _found(engine, _quote(swapped)) == _found(engine, _quote(term))


def _swap_width(char: str) -> str:
    code = ord(char)
    if 0x21 <= code <= 0x7E:
        return chr(code + 0xFEE0)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    return char
