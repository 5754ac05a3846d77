"""Exporting a query can put its timeline on the title page (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from reader.cli import main


def test_a_query_export_draws_its_timeline_on_the_title_page(
    seeded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain, charted = tmp_path / "plain.pdf", tmp_path / "charted.pdf"
    base = ["export", "--query", "高新区", "--db", str(seeded_db)]
    assert main([*base, "-o", str(plain)]) == 0
    assert main([*base, "--timeline", "month", "-o", str(charted)]) == 0
    title = PdfReader(charted).pages[0].extract_text()
    assert "“高新区”每月命中篇数" in title
    assert "2025" in title  # the period labels under the bars
    assert "每月命中篇数" not in PdfReader(plain).pages[0].extract_text()
    # The chart is drawn: the title page holds more content than without it.
    plain_page = PdfReader(plain).pages[0].get_contents().get_data()  # type: ignore[union-attr]
    chart_page = PdfReader(charted).pages[0].get_contents().get_data()  # type: ignore[union-attr]
    assert len(chart_page) > len(plain_page) + 200


def test_a_timeline_needs_a_query(
    seeded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    code = main(["export", "--all", "--timeline", "year", "-o", str(out), "--db", str(seeded_db)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--timeline" in err and not out.exists()
