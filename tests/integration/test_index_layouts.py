"""benchmarks/index_layouts.py runs on an archive and reports every variant."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_layouts_script_measures_every_variant(
    seeded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import index_layouts
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
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
