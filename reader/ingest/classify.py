"""What each source line is: headline, dateline, caption, credit, boilerplate…

Classification runs in two steps. :func:`line_kind` looks at one line alone;
:func:`classify` then revises kinds that depend on the neighbours (the paper's name in
the footer, photo captions, headline-looking pieces of a paragraph cut by a column
break).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence

from reader.ingest.blocks import SourceLine
from reader.ingest.bylines import author_names, credit_names, split_dateline
from reader.ingest.dates import has_date_lead


class LineKind(enum.Enum):
    JUNK = "junk"
    """No letter or digit at all (rules, stray punctuation): kept as unplaced text."""
    BOILERPLATE = "boilerplate"
    DATELINE = "dateline"
    AUTHOR = "author"
    CREDIT = "credit"
    HEADLINE = "headline"
    CAPTION = "caption"
    PARAGRAPH = "paragraph"


HEADLINE_MAX = 48
"""Longest plain line taken for a headline; Markdown headings may be longer."""
MARKDOWN_HEADLINE_MAX = 80
_SENTENCE_PUNCTUATION = frozenset("，。；！？,;!?")
_FINAL = frozenset("。！？…!?")
_CLOSERS = "”’」』）)》〉】]\"'"
_TRAILING_GROUP = re.compile(r"[（(][^（()）]*[）)]$")
_NO_START = frozenset("，。、；：！？,.;:!?）)】」』”’》〉%％")
"""Marks that close or continue a sentence: a line opening with one is the rest of a
sentence cut by a column break, never a headline (Chinese typesetting does not even
begin a printed line with them)."""
_RUNNING_MARKS = _NO_START | frozenset("“‘（(《〈【「『—…·+＋-=～~/／×_{}^")
"""Punctuation found inside running text: a line of nothing else, after unfinished
text, is a piece of that text."""

_BOILERPLATE = re.compile(
    r"扫一扫|关注我们|微信公众号|微信公众账号|微信号：|扫码关注|长按识别|长按二维码|识别二维码"
    r"|点击上方|欢迎关注|欢迎投稿|投稿邮箱|责任编辑|本期编辑"
)
_BOILERPLATE_MAX = 24
_PAPER_NAME = re.compile(
    r"^[\u4e00-\u9fffA-Za-z0-9·]{2,10}(?:头条|日报|晚报|早报|时报|周报|商报|快报)$"
)
_PAPER_NAME_LOOSE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·]{2,10}(?:报|新闻|周刊|融媒)$")


def is_finished(text: str) -> bool:
    """Does the text end a sentence (``。！？…``, maybe followed by closing quotes)?

    A trailing parenthetical such as ``（完）`` or ``（记者 张三）`` after a full stop
    does not make the paragraph unfinished. Anything else (``，``, ``、``, ``：``, or a
    character in mid-word) means the text runs on, typically across a column break.
    """
    stripped = text.rstrip()
    for _ in range(2):
        group = _TRAILING_GROUP.search(stripped)
        if group is None or group.start() == 0:
            break
        stripped = stripped[: group.start()].rstrip()
    stripped = stripped.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _FINAL


def is_headline_like(text: str, *, heading: bool = False) -> bool:
    """A short line with no sentence punctuation inside or at the end.

    ``：``, quotes, ``·``, brackets and spaces are fine (``高新区：守护蓝天净土 共创绿色家园``);
    a line ending in ``：`` introduces what follows and is not a headline.
    """
    limit = MARKDOWN_HEADLINE_MAX if heading else HEADLINE_MAX
    if not 2 <= len(text) <= limit:
        return False
    if any(ch in _SENTENCE_PUNCTUATION for ch in text) or text.endswith(("：", ":", "…", "、")):
        return False
    if text[0] in _NO_START:
        return False
    if has_date_lead(text):
        return False
    return any(ch.isalpha() for ch in text)


def is_boilerplate(text: str) -> bool:
    """A short WeChat footer line (``扫一扫``, ``关注我们``, ``微信公众号``…).

    Only short lines without sentence punctuation count, so a story that mentions
    ``扫一扫`` in a sentence stays a story.
    """
    return (
        len(text) <= _BOILERPLATE_MAX
        and not any(ch in "，。；" for ch in text)
        and _BOILERPLATE.search(text) is not None
    )


def line_kind(line: SourceLine) -> LineKind:
    """The kind of a line judged on its own."""
    text = line.text
    if not any(ch.isalnum() for ch in text):
        return LineKind.JUNK
    if is_boilerplate(text):
        return LineKind.BOILERPLATE
    if split_dateline(text) is not None:
        return LineKind.DATELINE
    if author_names(text) is not None:
        return LineKind.AUTHOR
    if credit_names(text) is not None:
        return LineKind.CREDIT
    if is_headline_like(text, heading=line.heading):
        return LineKind.HEADLINE
    return LineKind.PARAGRAPH


def classify(lines: Sequence[SourceLine]) -> list[LineKind]:
    kinds = [line_kind(line) for line in lines]
    _mark_paper_names(lines, kinds)
    _mark_punctuation_pieces(lines, kinds)
    # Captions first (a caption after an unfinished story is not that story's
    # continuation), then headline-looking paragraph pieces, then captions again: a
    # caption cut by column breaks is only seen whole once its pieces are paragraphs.
    _mark_captions(lines, kinds)
    _mark_fragments(lines, kinds)
    _mark_captions(lines, kinds)
    return kinds


def _neighbour(kinds: Sequence[LineKind], index: int, step: int) -> int | None:
    """Index of the nearest line in direction ``step`` that is not junk."""
    i = index + step
    while 0 <= i < len(kinds):
        if kinds[i] is not LineKind.JUNK:
            return i
        i += step
    return None


def _mark_paper_names(lines: Sequence[SourceLine], kinds: list[LineKind]) -> None:
    """The paper's or account's name (``高新区头条``) standing alone in the footer.

    A name-like line is boilerplate when it sits next to other footer lines; a strong
    name (ending in 头条/日报/晚报…) also when it is the first or last line of the file,
    where mastheads and sign-offs stand. Never by the name itself, so nothing here
    knows which paper this is.
    """
    content = [i for i, kind in enumerate(kinds) if kind is not LineKind.JUNK]
    ends = {content[0], content[-1]} if content else set()
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            if kinds[i] is not LineKind.HEADLINE:
                continue
            strong = _PAPER_NAME.match(line.text) is not None
            if not strong and _PAPER_NAME_LOOSE.match(line.text) is None:
                continue
            near = [_neighbour(kinds, i, -1), _neighbour(kinds, i, 1)]
            by_footer = any(j is not None and kinds[j] is LineKind.BOILERPLATE for j in near)
            if by_footer or (strong and i in ends):
                kinds[i] = LineKind.BOILERPLATE
                changed = True


_STARTS_SOMETHING_NEW = frozenset(
    {
        LineKind.DATELINE,
        LineKind.HEADLINE,
        LineKind.AUTHOR,
        LineKind.BOILERPLATE,
        LineKind.CREDIT,
        LineKind.CAPTION,
    }
)


def _mark_captions(lines: Sequence[SourceLine], kinds: list[LineKind]) -> None:
    """Photo captions (图片说明).

    Signals: a date lead (``11月7日，``), a credit line right after it (same block or
    next block), and a layout break (two or more blank lines) above it. A date lead
    with a credit is enough; a date lead after a layout break is enough when the next
    line starts something new (the caption stands alone); a credit after a layout break
    is enough without a date lead. A story paragraph that merely opens with a date is
    none of these.

    A caption may itself be cut by column breaks: "the next line" is the one after its
    last piece (pieces run on while the text before them is unfinished).
    """
    for i, line in enumerate(lines):
        if kinds[i] is not LineKind.PARAGRAPH:
            continue
        before = _neighbour(kinds, i, -1)
        continues = before is not None and _runs_on(lines[before], kinds[before])
        date_lead = has_date_lead(line.text)
        if continues and not date_lead:
            continue  # a piece of some paragraph, not the start of one
        after = _neighbour(kinds, _paragraph_end(lines, kinds, i), 1)
        credit_follows = after is not None and kinds[after] is LineKind.CREDIT
        next_new = after is None or kinds[after] in _STARTS_SOMETHING_NEW
        layout_break = line.layout_break
        if continues:
            # Text running on from unfinished text above is a caption only when a
            # credit says so: otherwise it is that text's continuation.
            if credit_follows:
                kinds[i] = LineKind.CAPTION
        elif (date_lead and (credit_follows or (layout_break and next_new))) or (
            credit_follows and layout_break
        ):
            kinds[i] = LineKind.CAPTION


def _paragraph_end(lines: Sequence[SourceLine], kinds: Sequence[LineKind], i: int) -> int:
    """The last piece of the paragraph starting at line ``i``: later paragraph lines
    belong to it while the text before them is unfinished, up to a line opening with a
    date (which may be a caption set after a story that ends unfinished)."""
    while True:
        after = _neighbour(kinds, i, 1)
        if (
            after is None
            or kinds[after] is not LineKind.PARAGRAPH
            or is_finished(lines[i].text)
            or has_date_lead(lines[after].text)
        ):
            return i
        i = after


def _mark_punctuation_pieces(lines: Sequence[SourceLine], kinds: list[LineKind]) -> None:
    """A line of nothing but running-text punctuation (``。``, ``”。``, ``“``, ``（``) after
    unfinished text is a piece of that sentence, cut off by a column break; elsewhere
    (and a rule like ``* * *`` anywhere) it stays junk.

    Headline-looking text counts as unfinished here: a ``。`` under it shows it was a
    sentence piece all along (see :func:`_mark_fragments`).
    """
    for i, line in enumerate(lines):
        if kinds[i] is not LineKind.JUNK or not set(line.text) <= _RUNNING_MARKS:
            continue
        before = _neighbour(kinds, i, -1)
        if before is None:
            continue
        if _runs_on(lines[before], kinds[before]) or (
            kinds[before] is LineKind.HEADLINE and not lines[before].heading
        ):
            kinds[i] = LineKind.PARAGRAPH


def _mark_fragments(lines: Sequence[SourceLine], kinds: list[LineKind]) -> None:
    """Headline-looking lines that are really paragraph pieces cut by column breaks.

    A run of them (a cut can leave several short pieces in a row) follows text that
    runs on (an unfinished paragraph, or a dateline or author line opening a story's
    body) and is followed by ordinary paragraph text; a real headline would be followed
    by a dateline, an author line, a caption or a new story. Whatever stands above
    it, a run followed by text opening with a mark that only continues a sentence
    (``，``, ``、``, ``。``, ``”``) is a sentence piece too. Markdown headings are trusted
    as headlines.
    """
    for i, line in enumerate(lines):
        if kinds[i] is not LineKind.HEADLINE or line.heading:
            continue
        before = _neighbour(kinds, i, -1)
        if before is not None and kinds[before] is LineKind.HEADLINE:
            continue  # not the start of a run
        run = [i]
        after = _neighbour(kinds, i, 1)
        while after is not None and kinds[after] is LineKind.HEADLINE and not lines[after].heading:
            run.append(after)
            after = _neighbour(kinds, after, 1)
        if after is None or kinds[after] is not LineKind.PARAGRAPH:
            continue
        runs_on = before is not None and _runs_on(lines[before], kinds[before])
        if runs_on or lines[after].text[0] in _NO_START:
            for j in run:
                kinds[j] = LineKind.PARAGRAPH


def _runs_on(line: SourceLine, kind: LineKind) -> bool:
    """Does this line end with text that continues on the next line?

    An unfinished paragraph or caption does; so does a dateline whose run-in text is
    unfinished or empty, and a commentary's author line: the story's body follows them,
    never a headline.
    """
    if kind in (LineKind.PARAGRAPH, LineKind.CAPTION):
        return not is_finished(line.text)
    if kind is LineKind.DATELINE:
        parts = split_dateline(line.text)
        return parts is not None and not is_finished(parts[1])
    return kind is LineKind.AUTHOR
