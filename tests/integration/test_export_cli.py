"""``reader export`` over a real seeded_db built from the seeds."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from reader.bootstrap import open_service
from reader.cli import main as cli_main


def test_export_all(qapp, seeded_db: Path, tmp_path: Path, capsys) -> None:  # noqa: ARG001
    out = tmp_path / "all.pdf"
    assert cli_main(["export", "--all", "-o", str(out), "--db", str(seeded_db)]) == 0
    service = open_service(seeded_db)
    count = len(service.all_article_ids())
    service.close()
    assert len(PdfReader(out).outline) == count
    assert "已导出" in capsys.readouterr().out


def test_export_ids_without_toc(qapp, seeded_db: Path, tmp_path: Path) -> None:  # noqa: ARG001
    out = tmp_path / "two.pdf"
    argv = ["export", "--ids", "1,2", "--no-toc", "--page-size", "A5", "-o", str(out)]
    assert cli_main([*argv, "--db", str(seeded_db)]) == 0
    assert len(PdfReader(out).outline) == 2


def test_export_query(qapp, seeded_db: Path, tmp_path: Path) -> None:  # noqa: ARG001
    out = tmp_path / "q.pdf"
    argv = ["export", "--query", "大气污染", "--highlight-entities", "-o", str(out)]
    assert cli_main([*argv, "--db", str(seeded_db)]) == 0
    assert len(PdfReader(out).outline) >= 1


def test_errors_are_one_line_and_exit_2(qapp, seeded_db: Path, capsys) -> None:  # noqa: ARG001
    argv = ["export", "--ids", "1", "-o", "/nonexistent/folder/x.pdf", "--db", str(seeded_db)]
    assert cli_main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("reader: ")
    assert cli_main(["export", "--ids", "x,y", "-o", "a.pdf", "--db", str(seeded_db)]) == 2
    assert cli_main(["export", "--bookmarks", "-o", "b.pdf", "--db", str(seeded_db)]) == 2
