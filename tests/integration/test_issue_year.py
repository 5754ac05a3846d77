"""A year-less issue's year comes from that file alone and, once stored, is kept."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.ingest import parse_issue
from reader.paths import BUNDLED_SEEDS_DIR

YEAR_LESS = [
    path
    for path in sorted(BUNDLED_SEEDS_DIR.glob("*.txt"))
    if parse_issue(path.read_text(encoding="utf-8"), path.name).year is None
]


def _stamp(path: Path, day: dt.date) -> None:
    moment = dt.datetime(day.year, day.month, day.day, 12).timestamp()
    os.utime(path, (moment, moment))


def _issue_dates(db: Path) -> dict[str, dt.date | None]:
    service = open_service(db)
    try:
        return {issue.source_name: issue.date for issue in service.issues()}
    finally:
        service.close()


def _index(db: Path, *paths: Path) -> None:
    service = open_service(db)
    try:
        list(service.index_paths(list(paths)))
    finally:
        service.close()


def _other_year_issue(folder: Path, year: int) -> Path:
    """An issue that states its year, to sit beside the year-less one."""
    path = folder / f"other-{year}.txt"
    path.write_text(
        f"全区召开工作会议\n\n本报讯（记者王明）3月2日，{year}年全区工作会议召开。\n",
        encoding="utf-8",
    )
    return path


def test_the_seeds_include_year_less_issues() -> None:
    assert YEAR_LESS


@pytest.mark.parametrize("company", [(), (2030,), (1999, 2030)])
def test_other_files_never_change_a_year_less_issue_s_year(
    tmp_path: Path, company: tuple[int, ...]
) -> None:
    folder = tmp_path / "issues"
    folder.mkdir()
    seed = folder / YEAR_LESS[0].name
    shutil.copy(YEAR_LESS[0], seed)
    _stamp(seed, dt.date(2026, 1, 15))
    others = [_other_year_issue(folder, year) for year in company]
    alone = _issue_dates(_index_into(tmp_path / "alone.sqlite3", seed))[seed.name]
    together = _issue_dates(_index_into(tmp_path / "together.sqlite3", folder))[seed.name]
    assert alone is not None and alone == together
    assert alone.year == 2025  # the latest year that does not put it after its file
    for path, year in zip(others, company, strict=True):
        assert _issue_dates(tmp_path / "together.sqlite3")[path.name].year == year  # type: ignore[union-attr]


def _index_into(db: Path, path: Path) -> Path:
    _index(db, path)
    return db


def test_a_year_in_the_file_or_folder_name_decides(tmp_path: Path) -> None:
    text = YEAR_LESS[0].read_text(encoding="utf-8")
    named = tmp_path / "高新区头条 2019-11-30.txt"
    named.write_text(text, encoding="utf-8")
    (tmp_path / "2018").mkdir()
    foldered = tmp_path / "2018" / "issue.txt"
    foldered.write_text(text.replace("。", "！", 1), encoding="utf-8")
    dates = _issue_dates(_index_into(tmp_path / "a.sqlite3", tmp_path))
    assert dates[named.name].year == 2019  # type: ignore[union-attr]
    assert dates[foldered.name].year == 2018  # type: ignore[union-attr]


def test_a_stored_year_is_kept_until_the_file_names_another(tmp_path: Path) -> None:
    folder = tmp_path / "issues"
    folder.mkdir()
    path = folder / "issue.txt"
    shutil.copy(YEAR_LESS[0], path)
    _stamp(path, dt.date(2026, 1, 15))
    db = tmp_path / "a.sqlite3"
    _index(db, folder)
    [first] = _issue_dates(db).values()
    assert first is not None and first.year == 2025

    # Edited in place, later: the file's time says 2031, the stored year stays.
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("。", "！", 1), encoding="utf-8")
    _stamp(path, dt.date(2031, 6, 1))
    _index(db, folder)
    assert list(_issue_dates(db).values()) == [first]

    # Renamed and copied anew (a new file time): the text is known, the year stays.
    moved = folder / "renamed.txt"
    moved.write_bytes(path.read_bytes())
    path.unlink()
    _stamp(moved, dt.date(2031, 6, 2))
    _index(db, folder)
    assert _issue_dates(db) == {"renamed.txt": first}

    # The file itself now names its year: that wins.
    moved.write_text(f"{first.month}月{first.day}日 2023年第40期\n" + text, encoding="utf-8")
    _index(db, folder)
    [named] = _issue_dates(db).values()
    assert named is not None and named.year == 2023
