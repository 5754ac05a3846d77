"""The latency benchmark's drive, at small scale: every action finishes with the
archive guarded (no call on the UI thread) and no stall anywhere near a freeze.

The figures at 20,000 and 100,000 articles come from ``benchmarks/ui_latency.py``
(README); this test keeps the same drive working and catches work on the UI thread
that grows with the archive (a stall of a second or more on a thousand articles).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmark_scripts import benchmark_module

ui_latency = benchmark_module("ui_latency")

# Far above the benchmark's 100 ms limit: a shared CI machine stalls now and then, and
# what this guards against is a freeze, not a figure.
FREEZE_MS = 1_000.0


@pytest.fixture(scope="module")
def thousand_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ui_latency.build_archive(1_000, tmp_path_factory.mktemp("ui-latency"), reuse=False)


def test_every_action_finishes_without_freezing_the_window(
    qapp, thousand_articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_GUARD_UI_THREAD", "1")
    results = ui_latency.run_window(thousand_articles)
    assert set(results) == {
        "open the Entities tab",
        "click an entity",
        "filter the entity list",
        "type a search",
        "open a hit",
        "bookmark the article",
        "switch to the next article",
        "expand a year",
        "show the source lines",
    }
    for name, (stall, total) in results.items():
        assert 0 < total and stall < FREEZE_MS, (name, stall)
