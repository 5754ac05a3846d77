"""The service remembers exact totals per archive generation: a search that was
counted once shows its exact total at once, until the archive changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.domain import SearchRequest
from reader.search import totals
from reader.store import writer

QUERY = "的"


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(totals, "COUNT_CAP", 3)


def _page(service: object, **filters: object) -> object:
    request = SearchRequest(QUERY, exact_total=False, **filters)  # type: ignore[arg-type]
    return service.search(request)  # type: ignore[attr-defined]


@pytest.mark.parametrize("signatures", ["stored", "disabled"])
def test_a_counted_search_is_exact_until_the_archive_changes(
    seeded_db: Path,
    pinned_seeds: Path,
    tmp_path: Path,
    small_cap: None,
    monkeypatch: pytest.MonkeyPatch,
    signatures: str,
) -> None:
    if signatures == "disabled":  # the benchmarks' mode: the generation still moves
        monkeypatch.setenv(writer.BENCH_NO_SIGNATURES, "1")
    service = open_service(seeded_db)
    try:
        first = _page(service)
        assert not first.total_exact  # type: ignore[attr-defined]
        exact = service.count(SearchRequest(QUERY, offset=20, limit=5))  # the page aside
        again = _page(service)
        assert again.total_exact and again.total == exact  # type: ignore[attr-defined]
        assert [h.article.id for h in again.hits] == [h.article.id for h in first.hits]  # type: ignore[attr-defined]
        other = _page(service, kind="news")  # another request: not counted yet
        assert not other.total_exact  # type: ignore[attr-defined]

        extra = tmp_path / "more"
        extra.mkdir()
        source = sorted(pinned_seeds.glob("*.txt"))[0]
        shutil.copy(source, extra / "copy.txt")
        (extra / "copy.txt").write_text(source.read_text("utf-8") + "\n的的的。\n", "utf-8")
        for _event in service.index_paths([extra]):
            pass
        changed = _page(service)
        assert not changed.total_exact  # type: ignore[attr-defined]
        assert service.count(SearchRequest(QUERY)) > exact
    finally:
        service.close()


@pytest.mark.parametrize("signatures", ["stored", "disabled"])
def test_storing_an_issue_moves_the_generation(
    tmp_path: Path, pinned_seeds: Path, monkeypatch: pytest.MonkeyPatch, signatures: str
) -> None:
    """Remembered counts, timelines and related articles are keyed by it."""
    from reader.search.related import generation
    from reader.store.indexer import Candidate, prepare_file
    from reader.store.repository import Store

    if signatures == "disabled":
        monkeypatch.setenv(writer.BENCH_NO_SIGNATURES, "1")
    store = Store(tmp_path / "a.sqlite3")
    try:
        source = sorted(pinned_seeds.glob("*.txt"))[0]
        candidate = Candidate(source, source.stat().st_size, source.stat().st_mtime, "x")
        prepared = prepare_file(candidate, None, None, frozenset())  # type: ignore[arg-type]
        assert prepared.issue is not None
        before = store.run(generation)
        writer.store_issue(store, prepared)
        assert store.run(generation) != before
    finally:
        store.close()
