"""Person names found by context: a title before the name, a verb after it.

jieba's part-of-speech tags call ``高新区``, ``养老`` and ``文明`` person names, so no
tagger is used.  A name here is 2-3 characters (3-4 with a compound surname) starting
with a surname from ``resources/entities/surnames.txt``, and its right edge is fixed
by what follows it (``宫卫红主持``: 红 is not a follower, 主持 is).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from reader.domain import EntityType
from reader.entities.lexicon import Lexicon
from reader.entities.text import Span, is_han

# What may follow a name right after a title (管委会主任宫卫红主持…).  Longest first.
FOLLOWERS = tuple(
    sorted(
        """出席 主持 作 以 一行 带领 带队 率队 率 在 对 与 和 及 同 说 表示 指出 强调 要求
        介绍 讲话 致辞 参加 陪同 到 来到 深入 前往 先后 座谈 会见 调研 检查 督导 等 为 的
        同志 也 还 就 向 听取 宣布 主讲 作为 代表 共同 分别 一同 莅临 实地 走访 结合 用
        接见 看望 慰问 担任 出任 讲 被 将 是 亲自 专程 回答 点评 通报 先生 女士 教授 一起
        带头 亲切 热情 认为 称 告诉 希望 提出 详细 认真 逐一 现场 随后 首先 最后 并
        走进 视察 考察 参观 宣讲 发言 部署 作出 主讲 一边 正在 已经 把 给""".split(),
        key=len,
        reverse=True,
    )
)

# A name before one of these is a person even without a title (吕沛说, 严俊对…, 余强一行).
SPEECH_RE = re.compile(
    "说|表示|指出|强调|介绍|认为|坦言|谈到|告诉|一行|带领|带队|率队|主持|出席|先后|"
    "来到|致辞|讲话|对|总书记|同志"
)
# What may stand right before a name found by a verb.
_BEFORE_NAME = set("与和对同向及陪据")


def _is_follower_at(text: str, pos: int) -> bool:
    if pos >= len(text) or not is_han(text[pos]):
        return True
    return text.startswith(FOLLOWERS, pos)


def _surname_length(name: str, lex: Lexicon) -> int:
    if name[:2] in lex.surnames:
        return 2
    return 1 if name[:1] in lex.surnames else 0


def plausible_name(name: str, lex: Lexicon) -> bool:
    """A string that may be a person's name with no other evidence than its shape."""
    if not all(is_han(c) for c in name) or lex.is_stopped(EntityType.PERSON, name):
        return False
    surname = _surname_length(name, lex)
    if not surname or not 1 <= len(name) - surname <= 2:
        return False
    if lex.user_names.get(name) is EntityType.PERSON:
        return True
    # Ordinary words (高亢, 文明, 会议) are not taken as names without a byline.
    return lex.freq(name) < 5 and lex.user_names.get(name) is None


@functools.cache
def _title_re(titles: tuple[str, ...], qualifiers: tuple[str, ...]) -> re.Pattern[str]:
    quals = "|".join(map(re.escape, qualifiers))
    names = "|".join(map(re.escape, titles))
    heads = re.escape("".join(sorted({w[0] for w in qualifiers + titles})))
    return re.compile(f"(?=[{heads}])(?:{quals})?(?:{names})")


def _titled_name_ok(name: str, lex: Lexicon) -> bool:
    if not all(is_han(c) for c in name) or lex.is_stopped(EntityType.PERSON, name):
        return False
    # After a title a name may be a dictionary word (主任高亢), but not a frequent one.
    return lex.freq(name) < _COMMON or lex.user_names.get(name) is EntityType.PERSON


_COMMON = 100


def find_titled(text: str, lex: Lexicon) -> Iterator[Span]:
    """``党工委书记吕沛``, ``总经理余强``: role = the title with its qualifier."""
    for match in _title_re(lex.titles, lex.qualifiers).finditer(text):
        pos = match.end()
        if match.start() and lex.freq(text[match.start() - 1 : match.start() + 1]) >= _COMMON:
            continue  # 全市民生实事: 市民 is no title here, 全市 is the word
        surname = _surname_length(text[pos : pos + 2], lex)
        if not surname:
            continue
        length = _name_length(text, pos, surname, lex)
        if length and _titled_name_ok(text[pos : pos + length], lex):
            yield Span(pos, pos + length, EntityType.PERSON, match.group())


def _name_length(text: str, pos: int, surname: int, lex: Lexicon) -> int:
    """Length of the name at ``pos`` after a title, 0 when its right edge is unclear.

    A known follower decides first (``宫卫红主持``); otherwise the edge is where an
    ordinary word starts (``张建国一边说``: 一边 is a word, 国一 is not).
    """
    for length in (surname + 1, surname + 2):
        if pos + length <= len(text) and _is_follower_at(text, pos + length):
            return length
    short, long = surname + 1, surname + 2
    word_after_short = lex.freq(text[pos + short : pos + short + 2]) >= _COMMON
    word_after_long = lex.freq(text[pos + long : pos + long + 2]) >= _COMMON
    if word_after_long and not word_after_short:
        return long
    if word_after_short and not word_after_long:
        return short
    return 0


def find_by_verb(text: str, lex: Lexicon) -> Iterator[Span]:
    """``吕沛说``, ``严俊对高新区…``, ``对余强一行``: a name between a boundary and a verb."""
    for match in SPEECH_RE.finditer(text):
        verb = match.start()
        for length in (2, 3, 4):
            start = verb - length
            if start < 0:
                break
            before = text[start - 1] if start else ""
            if start and is_han(before) and before not in _BEFORE_NAME:
                continue
            name = text[start:verb]
            if plausible_name(name, lex):
                yield Span(start, verb, EntityType.PERSON)
            break
