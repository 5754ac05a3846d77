"""Dates and times: ``11月2日``, ``12月23日晚``, ``2025年``, ``2021—2024年度``.

Relative expressions (``今年以来``, ``近日``, ``年末``) are not dates: they name no day
a reader could look up, so they are deliberately not matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.domain import EntityType
from reader.entities.text import Span

_NUM = r"[0-9０-９]"
_CN = "〇零一二三四五六七八九十"
_YEAR = rf"(?:{_NUM}{{4}}|[{_CN}]{{4}})年"
_MONTH = rf"(?:{_NUM}{{1,2}}|[{_CN}]{{1,3}})月"
_DAY = rf"(?:{_NUM}{{1,2}}|[{_CN}]{{1,3}})[日号]"
_PART = "(?:凌晨|清晨|早上|上午|中午|下午|傍晚|晚上|夜间|晚|早)"
_MONTH_PART = "(?:上旬|中旬|下旬|初|底|中)"

# The leading lookahead lets the engine skip non-numeral positions cheaply.
DATE_RE = re.compile(
    f"(?=[0-9０-９{_CN}])(?:"
    + "|".join(
        [
            # 2021—2024年度, 2024-2025年: a range of years
            rf"{_NUM}{{4}}[—–\-~至到]{_NUM}{{4}}年度?",
            # 2025年11月2日上午 / 2025年11月 / 11月2日晚 / 11月底
            rf"(?:{_YEAR})?{_MONTH}(?:{_DAY}{_PART}?|{_MONTH_PART})?",
            rf"{_YEAR}(?:度|第?[一二三四1-4]季度|[上下]半年|底|初|末)?",
        ]
    )
    + ")"
)

# A bare number of months is a duration (3个月), and "1月" inside "11月" is handled by
# the regex being leftmost-longest; reject matches glued to a preceding digit or 第.
_BAD_LEFT = set("0123456789０１２３４５６７８９第个")


def find_dates(text: str) -> Iterator[Span]:
    for match in DATE_RE.finditer(text):
        start, end = match.span()
        if start and text[start - 1] in _BAD_LEFT:
            continue
        if match.group().endswith("月") and text[end : end + 1] in ("份", "度"):
            end += 1  # 11月份 is still the month
        yield Span(start, end, EntityType.DATE)
