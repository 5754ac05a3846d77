"""Organisations and places found from their suffix, extended leftwards to the full name.

``焦作亿腾科技有限公司`` is found at ``有限公司`` and grown to the left until a boundary:
punctuation, the end of another entity, or a boundary word (``走进``, ``与``, ``在`` …
from ``resources/entities/boundaries.txt``).  A place keeps only its own name
(``文苑街道南李万村`` is two places) because administrative units nest; an organisation
keeps its place prefix (``高新区教体中心``) because that prefix is part of its name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from reader.domain import EntityType
from reader.entities.lexicon import Lexicon
from reader.entities.text import Span, is_han

# Longest first.  A negative lookahead rejects a suffix that is really the start of a
# longer ordinary word (部门, 局面, 市场, 区域, 中心城区).
ORG_SUFFIX_RE = re.compile(
    "|".join(
        [
            "股份有限公司",
            "有限责任公司",
            "有限公司",
            "集团(?![化军])",
            "公司(?!法)",
            "研究院",
            "研究所",
            "设计院",
            "科学院",
            "卫生院",
            "检察院",
            "法院",
            "医院",
            "学院",
            "大学(?!生)",
            "中学(?!生)",
            "小学(?!生)",
            "幼儿园",
            "总工会",
            "工会(?!主席)",
            "委员会",
            "联合会",
            "协会",
            "学会",
            "商会",
            "基金会",
            "合作社",
            "银行(?![卡业])",
            "中心(?![城区])",
            "大队",
            "支队",
            "中队",
            "派出所",
            "办公室",
            "办事处",
            "督导组",
            "工作组",
            "巡察组",
            "检查组",
            "调研组",
            "领导小组",
            "联络办",
            "产业园(?!区)",
            "政府",
            "局(?![面势长部限])",
            "部(?![门分署位件队长落属])",
            "厅(?![堂长])",
            "委(?![员托屈婉])",
            "办(?![理法事好公学成的实])",
        ]
    )
)

PLACE_SUFFIX_RE = re.compile(
    "|".join(
        [
            "街道(?![办])",
            "社区(?![养服治居])",
            "自治区",
            "自治州",
            "自治县",
            "大街",
            "大道",
            "路(?![线径上边口面费况途人程子数过旁灯标基网段])",
            "街(?![道头区坊巷市景])",
            "巷(?![战道])",
            "小区",
            "地区",
            "省(?![级内外份委政长会])",
            "市(?![场民级内外委政区长值面容直属貌辖县])",
            "县(?![级城委政长域内外])",
            "区(?![域级内外委政长直间别分划块位])",
            "镇(?![级委政长干静定压守住内外])",
            "乡(?![镇村级亲土愁贤])",
            "村(?![民庄落级委干支两组情规内外])",
            "河(?![长道段南北堤流])",
        ]
    )
)


def suffix_length(name: str, entity_type: EntityType) -> int:
    """Length of the unit or organisation suffix ``name`` ends with (0: none, or a person)."""
    pattern = {EntityType.ORGANIZATION: ORG_SUFFIX_RE, EntityType.PLACE: PLACE_SUFFIX_RE}.get(
        entity_type
    )
    if pattern is None:
        return 0
    for length in range(min(6, len(name) - 1), 0, -1):
        if pattern.fullmatch(name, len(name) - length):
            return length
    return 0


STREET_UNITS = frozenset({"路", "街", "巷"})
_COUNTS = frozenset("一二两三四五六七八九十几数0123456789０１２３４５６７８９")
_MULTI_CHAR_PLACE_MAX = 4  # 碧桂园小区, 豫西北地区
_SINGLE_CHAR_PLACE_MAX = 3  # 南李万村
_ORG_MAX = 20
_COMMON = 100  # jieba frequency above which a word is "ordinary vocabulary"
# 干部包村 (干部 ~20,000) is no village; 五里源乡 (五里 536) is a place.
_COMMON_PREFIX = 1000


def floor_before(floors: list[int], position: int) -> int:
    """The largest of the sorted ``floors`` that is ≤ ``position`` (0 if none)."""
    index = bisect_right(floors, position)
    return floors[index - 1] if index else 0


def left_edge(text: str, end: int, floor: int, limit: int, lex: Lexicon) -> int:
    """Smallest index ≥ ``floor`` such that ``text[index:end]`` is one unbroken name part."""
    i = end
    while i > floor and end - i < limit:
        char = text[i - 1]
        if not is_han(char):
            break
        if i - 2 >= floor and text[i - 2 : i] in lex.boundaries:
            break
        # 和文苑 stops at 和, but 和平社区 / 自然资源局 keep their first character.
        if char in lex.boundaries and not (i < end and lex.freq(text[i - 1 : i + 1]) >= 500):
            break
        i -= 1
    return i


def find_orgs(text: str, floors: list[int], lex: Lexicon) -> Iterator[Span]:
    """Organisations, left to right; ``floors`` are ends of spans already taken."""
    previous_end = 0
    spans: list[tuple[int, int]] = []
    for match in ORG_SUFFIX_RE.finditer(text):
        s, e = match.span()
        if spans and spans[-1][1] == s:  # 集团+有限公司, 委+办公室: one name
            spans[-1] = (spans[-1][0], e)
            previous_end = e
            continue
        floor = max(previous_end, floor_before(floors, s))
        start = left_edge(text, s, floor, _ORG_MAX, lex)
        if start == s or e - start < 3:
            continue  # 该公司, 市委: no name of its own
        spans.append((start, e))
        previous_end = e
    for start, end in spans:
        name = text[start:end]
        if not (
            lex.is_stopped(EntityType.ORGANIZATION, name)
            or lex.has_stopped_tail(EntityType.ORGANIZATION, name)
        ):
            yield Span(start, end, EntityType.ORGANIZATION)


def _splits_word(text: str, cut: int, floor: int, lex: Lexicon) -> bool:
    return cut > floor and lex.freq(text[cut - 1 : cut + 1]) >= _COMMON


def _place_name_ok(text: str, cut: int, s: int, start: int, lex: Lexicon, unit: str) -> bool:
    name = text[cut:s]
    if _splits_word(text, cut, start, lex):
        return False  # 走|进文苑: the name would start inside a word
    if len(name) == 3 and lex.freq(name[:2]) >= _COMMON_PREFIX:
        return False  # 干部包村: 干部 is a word, not the start of a village name
    if len(unit) > 1 or unit in STREET_UNITS:
        # 社区, 街道 and streets are often named with ordinary words (丰收社区, 中原社区,
        # 文化路); generic uses (城市社区) are listed as place tails in the stop list.
        return True
    # 城市社区, 球类运动区: an ordinary word right before a one-character unit is no
    # place name.  Rare words pass (焦作 82, 文苑 71, 金沙 83); famous common-word names
    # such as 解放区 belong in the user dictionary.
    tail = name[-2:]
    return lex.freq(tail) < 300 or lex.user_names.get(tail) is EntityType.PLACE


def find_places(text: str, floors: list[int], lex: Lexicon) -> Iterator[Span]:
    """Places named by a unit suffix (省 市 区 县 镇 村 街道 社区 …)."""
    previous_end = 0
    for match in PLACE_SUFFIX_RE.finditer(text):
        s, e = match.span()
        suffix = match.group()
        # 乡村, 城市, 新区: a one-character unit glued into an ordinary word; 三市, 两县:
        # a count of units, not a name.
        if (
            len(suffix) == 1
            and s
            and (lex.freq(text[s - 1 : e]) >= _COMMON or text[s - 1] in _COUNTS)
        ):
            continue
        floor = max(previous_end, floor_before(floors, s))
        limit = _SINGLE_CHAR_PLACE_MAX if len(suffix) == 1 else _MULTI_CHAR_PLACE_MAX
        start = left_edge(text, s, floor, limit, lex)
        for cut in range(start, s - 1):  # longest name first, at least 2 characters
            if not _place_name_ok(text, cut, s, start, lex, suffix):
                continue
            name = text[cut:e]
            if not (
                lex.is_stopped(EntityType.PLACE, name)
                or lex.has_stopped_tail(EntityType.PLACE, name)
            ):
                yield Span(cut, e, EntityType.PLACE)
                previous_end = e
            break


def find_enumerated_orgs(text: str, floors: list[int], lex: Lexicon) -> Iterator[Span]:
    """Short company names listed before 等企业: ``卓立膜材料、鑫汇兴包装、特光照明等企业``."""
    for tail in _ENUMERATION_TAIL_RE.finditer(text):  # a literal: cheap to search for
        window_start = max(0, tail.start() - 80)
        listing = _ENUMERATION_RE.search(text, window_start, tail.start())
        if listing is None:
            continue
        items = listing.group().split("、")
        cursor = listing.start()
        for index, item in enumerate(items):
            start, end = cursor, cursor + len(item)
            cursor = end + 1
            if index == 0:
                floor = max(start, floor_before(floors, end))
                start = left_edge(text, end, floor, 8, lex)
            if end - start >= 2:
                yield Span(start, end, EntityType.ORGANIZATION)


_ENUMERATION_TAIL_RE = re.compile("等(?:[0-9]+家)?(?:企业|公司)")
_ENUMERATION_RE = re.compile(r"[\u4e00-\u9fff]{2,12}(?:、[\u4e00-\u9fff]{2,8})+$")
