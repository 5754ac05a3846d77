"""Schema v10: the embedded index numbers its docids by day and place in the day; a v9
archive (``date << 32 | article id``) is renumbered on opening, with the same results."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.domain import ArticleKind, SearchRequest
from reader.search import fts
from reader.search.docids import DATED_BASE, day_of, server_docid
from reader.store.migrations import SCHEMA_VERSION
from tests.conftest import index_folder

QUERIES = ("高新区", "的", "本报讯", "会议", "马雅宁", "党工委 -会议", "OR")


def _requests() -> list[SearchRequest]:
    day = dt.date(2019, 11, 1)
    requests = [SearchRequest(query, limit=None) for query in QUERIES]
    requests += [
        SearchRequest("高新区", date_from=day, limit=None),
        SearchRequest("高新区", date_to=day, limit=None),
        SearchRequest("的", date_from=day, date_to=day + dt.timedelta(days=40), limit=None),
        SearchRequest("", date_from=day, limit=None),
        SearchRequest("的", kind=ArticleKind.NEWS, limit=None),
        SearchRequest("", person="马雅宁", limit=None),
        SearchRequest("的", issue_from=day, limit=None),
        SearchRequest("的", limit=7, offset=3),
        SearchRequest("高新区", limit=5, exact_total=False),
    ]
    return requests


def _answers(db: Path) -> list[object]:
    service = open_service(db)
    try:
        answers: list[object] = []
        for request in _requests():
            found = service.search(request)
            answers.append((found.total, [(hit.article.key, hit.score) for hit in found.hits]))
            answers.append(service.timeline(request, "month"))
        return answers
    finally:
        service.close()


def _docids(db: Path) -> list[tuple[int, str | None]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT d.docid, coalesce(a.date, i.date) FROM search_docs d"
            " JOIN articles a ON a.id = d.article_id JOIN issues i ON i.id = a.issue_id"
            " ORDER BY d.docid"
        ).fetchall()


def test_each_day_is_numbered_from_its_first_slot(seeded_db: Path) -> None:
    rows = _docids(seeded_db)
    assert rows
    per_day: dict[int, list[int]] = defaultdict(list)
    for docid, date in rows:
        assert date is not None  # every seed article is dated
        ordinal = dt.date.fromisoformat(date[:10]).toordinal()
        assert docid >= DATED_BASE and day_of(docid) == ordinal
        per_day[ordinal].append(docid)
    for docids in per_day.values():
        first = DATED_BASE + (day_of(docids[0]) << 12)
        assert docids == list(range(first, first + len(docids)))  # dense from slot 0


def test_a_v9_archive_is_renumbered_with_the_same_results(
    tmp_path: Path, pinned_seeds: Path, seeded_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "v9.sqlite3"
    with monkeypatch.context() as patch:  # index as v9 did: date << 32 | article id
        patch.setattr(fts, "assign", lambda _c, articles: [server_docid(a, d) for a, d in articles])
        index_folder(old, pinned_seeds)
    with sqlite3.connect(old) as connection:
        connection.execute("UPDATE meta SET value = '9' WHERE key = 'schema_version'")
    former = _docids(old)
    assert all(docid >> 32 == dt.date.fromisoformat(d[:10]).toordinal() for docid, d in former)

    answers = _answers(old)  # opening it upgrades it

    assert _docids(old) == _docids(seeded_db)
    assert answers == _answers(seeded_db)
    with sqlite3.connect(old) as connection:
        version = connection.execute("SELECT value FROM meta WHERE key='schema_version'")
        assert version.fetchone() == (str(SCHEMA_VERSION),)
        # The rebuild's freed pages went back to the file system (a file made by v9).
        assert connection.execute("PRAGMA freelist_count").fetchone() == (0,)
