"""benchmarks/index_layouts.py runs on an archive and reports every variant."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmark_scripts import benchmark_module


def test_the_layouts_script_measures_every_variant(
    seeded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_layouts = benchmark_module("index_layouts")
    work = tmp_path / "work"
    before = seeded_db.read_bytes()
    code = index_layouts.main(["--db", str(seeded_db), "--work", str(work), "--full-sample", "20"])
    out = capsys.readouterr().out
    assert code == 0
    assert seeded_db.read_bytes() == before  # the archive is only read
    table = [line for line in out.splitlines() if line.startswith("| ") and "MB =" in line]
    assert len(table) == 3  # three docid codings
    assert out.count("× the stored text") == 3
    assert list(work.iterdir()) == []  # scratch tables removed
