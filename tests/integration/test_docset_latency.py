"""benchmarks/docset_latency.py runs on an archive: its checked candidates give the
same pages both ways and the same exact totals as today's engine (it asserts both)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmark_scripts import benchmark_module


def test_checked_candidates_match_todays_engine_on_the_seeds(
    seeded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docset_latency = benchmark_module("docset_latency")
    queries = benchmark_module("search_bench").QUERIES
    before = seeded_db.read_bytes()
    code = docset_latency.main(
        ["--db", str(seeded_db), "--work", str(tmp_path / "work"), "--repeats", "1"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert seeded_db.read_bytes() == before  # the archive is only read
    rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == len(queries) + 1  # the header and one row per query


def test_a_long_term_is_checked_and_a_short_one_is_not() -> None:
    from reader.search.query import parse

    docset_latency = benchmark_module("docset_latency")

    assert not docset_latency.needs_check(parse("高新 区"))
    assert docset_latency.needs_check(parse("高新区"))
    assert docset_latency.needs_check(parse("会议 -高新区"))
    assert docset_latency.candidates_expression(parse("高新区")) == '(("新区" AND "高新"))'
    expression = docset_latency.candidates_expression(parse("会议 -区"))
    assert expression == '("会议") NOT ("区")'
    condition, params = docset_latency.sql_check(parse("高新区 OR ab -会议"))
    assert params == ["高新区", "ab", "会议"] and "fold(" in condition  # a, b are fold targets
