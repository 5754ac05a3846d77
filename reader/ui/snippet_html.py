"""Search snippets → escaped HTML with the matches highlighted.

The search layer marks matches with 【】 *and* gives their offsets in the unmarked
text. Newspapers print 【】 themselves, so the markers are removed by position
(checked against the offsets) rather than by searching for the characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.domain import SearchHit
from reader.ui.article_html import HIT_BACKGROUND

OPEN, CLOSE = "【", "】"
_MARKED = re.compile(f"{OPEN}(.*?){CLOSE}", re.S)


def unmark(snippet: str, spans: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The snippet without its markers, and the match offsets in that text."""
    chars = list(snippet)
    remove: list[int] = []
    for i, (start, end) in enumerate(spans):
        remove += [start + 2 * i, end + 2 * i + 1]
    if spans and all(
        0 <= at < len(chars) and chars[at] == (OPEN if n % 2 == 0 else CLOSE)
        for n, at in enumerate(remove)
    ):
        drop = set(remove)
        plain = "".join(c for n, c in enumerate(chars) if n not in drop)
        return plain, [(s, e) for s, e in spans]
    # Offsets missing or inconsistent: fall back to reading the markers themselves.
    plain_parts: list[str] = []
    found: list[tuple[int, int]] = []
    cursor = length = 0
    for match in _MARKED.finditer(snippet):
        plain_parts.append(snippet[cursor : match.start()])
        length += match.start() - cursor
        plain_parts.append(match.group(1))
        found.append((length, length + len(match.group(1))))
        length += len(match.group(1))
        cursor = match.end()
    plain_parts.append(snippet[cursor:])
    return "".join(plain_parts), found


def snippet_html(hit: SearchHit) -> str:
    from reader.ui.article_html import _Span, highlight

    plain, spans = unmark(hit.snippet, hit.snippet_spans)
    return highlight(plain, [_Span(s, e, hit=True) for s, e in spans], ())


__all__ = ["HIT_BACKGROUND", "snippet_html", "unmark"]
