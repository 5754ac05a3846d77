"""A kind filter is checked hit by hit when the kind is common and as the set of its
articles when it is rare: both give the same hits, totals and timelines."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.domain import ArticleKind, SearchRequest
from reader.search import engine

QUERIES = ("", "的", "高新区", "会议 -高新区", "本报讯 OR 摄")


def _answers(db: Path) -> list[object]:
    service = open_service(db)
    try:
        found: list[object] = []
        for kind in ArticleKind:
            for query in QUERIES:
                for request in (
                    SearchRequest(query, kind=kind, limit=None),
                    SearchRequest(query, kind=kind, limit=3, offset=1, exact_total=False),
                ):
                    results = service.search(request)
                    found.append((results.total, [hit.article.key for hit in results.hits]))
                found.append(service.timeline(SearchRequest(query, kind=kind), "month"))
        return found
    finally:
        service.close()


def test_both_ways_find_the_same(seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "KIND_PER_HIT_SHARE", 0.0)  # every kind hit by hit
    hit_by_hit = _answers(seeded_db)
    monkeypatch.setattr(engine, "KIND_PER_HIT_SHARE", 2.0)  # every kind as a set
    as_sets = _answers(seeded_db)
    assert hit_by_hit == as_sets
    assert any(total for total, _ in hit_by_hit[::3])  # not all empty


def test_the_way_follows_the_share_of_the_kind(seeded_db: Path) -> None:
    service = open_service(seeded_db)
    try:
        shares = service._store.run(
            lambda c: {kind: engine.kind_share(c, str(kind)) for kind in ArticleKind}
        )
        assert sum(shares.values()) == pytest.approx(1.0)
        common = max(shares, key=shares.__getitem__)
        rare = min(shares, key=shares.__getitem__)
        assert shares[common] >= engine.KIND_PER_HIT_SHARE > shares[rare]
        sql = service._store.run(
            lambda c: {
                kind: engine.embedded_filters(c, SearchRequest("的", kind=kind)).sql
                for kind in (common, rare)
            }
        )
    finally:
        service.close()
    assert "EXISTS" in sql[common] and "EXISTS" not in sql[rare]
