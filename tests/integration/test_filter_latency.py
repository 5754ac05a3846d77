"""benchmarks/filter_latency.py runs on an archive, reads it only, and times every
search it lists with the totals the service gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.domain import ArticleKind, SearchRequest
from tests.benchmark_scripts import benchmark_module


def test_it_times_each_filtered_search(
    seeded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filter_latency = benchmark_module("filter_latency")
    before = seeded_db.read_bytes()
    out_json = tmp_path / "filters.json"
    code = filter_latency.main(["--db", str(seeded_db), "--repeats", "1", "--json", str(out_json)])
    assert code == 0
    assert seeded_db.read_bytes() == before
    figures = json.loads(out_json.read_text("utf-8"))
    names = set(filter_latency.searches(seeded_db))
    assert set(figures) == names and len(names) == 9
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    assert len(rows) == len(names) + 1  # the header and one row per search
    service = open_service(seeded_db)
    try:
        news = service.search(SearchRequest("会议", kind=ArticleKind.NEWS, limit=None)).total
    finally:
        service.close()
    assert figures["会议, news only"]["total"] == news
    assert all(row["median_ms"] >= 0 for row in figures.values())
