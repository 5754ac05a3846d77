"""Dates in article text: ``11月2日``, ``12月23日晚``, and the issue's explicit year."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

_DATE = re.compile(r"(?<!\d)(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
DATE_LEAD = re.compile(
    r"^(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日[^，,。；\s]{0,4}[，,\s]"
)
"""A caption's opening ``11月7日，`` / ``12月23日晚，`` / ``11月22日上午，``."""

_YEAR = re.compile(r"(?<!\d)(?P<y>\d{4})年")
_RANGE_MARKS = "—–-－~～至到"
_SENTENCE_END = re.compile(r"[。！？!?]")
_MIN_YEAR, _MAX_YEAR = 1950, 2199


def make_date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def first_date(text: str, year: int | None) -> dt.date | None:
    """The first ``M月D日`` in the first sentence (a dateline's date sits there).

    Dates later in a story are usually deadlines or background, not the news date, and
    a story that opens with ``今年以来`` or ``连日来`` has no date at all.
    """
    end = _SENTENCE_END.search(text)
    match = _DATE.search(text[: end.start() if end else len(text)])
    if match is None:
        return None
    return make_date(_year(match, year), int(match["m"]), int(match["d"]))


def lead_date(text: str, year: int | None) -> dt.date | None:
    """The date a caption opens with, if any."""
    match = DATE_LEAD.match(text)
    if match is None:
        return None
    return make_date(_year(match, year), int(match["m"]), int(match["d"]))


def has_date_lead(text: str) -> bool:
    return DATE_LEAD.match(text) is not None


def explicit_year(text: str) -> int | None:
    """The year the issue itself names as current (``2025年…``), or None.

    A year that is one end of a range (``2021—2024年度``, ``2021年至今``, ``到2027年``)
    says nothing about when the issue appeared and is ignored, except after ``截至``
    ("as of"), which does name the present. Among the rest the most frequent wins, a
    full date (``2025年11月``) counting double; ties go to the latest year.
    """
    weights: Counter[int] = Counter()
    for match in _YEAR.finditer(text):
        year = int(match["y"])
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            continue
        before = text[: match.start()].rstrip()
        if before and before[-1] in _RANGE_MARKS and not before.endswith("截至"):
            continue
        after = text[match.end() :]
        if after.startswith("度"):
            after = after[1:]
        after = after.lstrip()
        if after and after[0] in _RANGE_MARKS:
            continue
        weights[year] += 2 if re.match(r"\d{1,2}月", after) else 1
    if not weights:
        return None
    return max(weights, key=lambda y: (weights[y], y))


def _year(match: re.Match[str], year: int | None) -> int | None:
    return int(match["y"]) if match["y"] else year


_NAME_DATE = re.compile(r"(?<![0-9])(?P<y>\d{4})(?P<m>[01]\d)(?P<d>[0-3]\d)(?![0-9])")
_NAME_YEAR = re.compile(
    r"(?<![0-9A-Za-z第])(?P<y>\d{4})(?![0-9A-Za-z期号版页])"
    r"|(?<![0-9])(?P<y2>\d{4})(?=年|[-_.]\d{1,2}(?![0-9]))"
)


def year_in_name(name: str) -> int | None:
    """The year a file or folder name states: ``2025-11-07.txt``, ``20251107.txt``,
    ``高新区头条2025年第45期.txt``, a folder ``2025``. Digits inside a hash or a word
    (``a2019b``) and issue numbers (``第2025期``) are not a year."""
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    for match in _NAME_DATE.finditer(stem):
        year = int(match["y"])
        if _MIN_YEAR <= year <= _MAX_YEAR and make_date(year, int(match["m"]), int(match["d"])):
            return year
    for match in _NAME_YEAR.finditer(stem):
        year = int(match["y"] or match["y2"])
        if _MIN_YEAR <= year <= _MAX_YEAR:
            return year
    return None


def latest_year_not_after(month_days: list[tuple[int, int]], limit: dt.date) -> int:
    """The year that puts every ``(month, day)`` on or before ``limit``: an issue is
    not written after its file was (a file's time is the only clue left)."""
    if not month_days:
        return limit.year
    latest = max(month_days)
    return limit.year if latest <= (limit.month, limit.day) else limit.year - 1
