"""Small character-level helpers shared by the rules."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reader.domain import EntityType
from reader.paths import RESOURCES_DIR


def is_han(char: str) -> bool:
    """A CJK ideograph (the characters names are made of); 〇 counts for dates."""
    return "\u4e00" <= char <= "\u9fff" or char == "〇"


@functools.cache
def simplified_table() -> dict[int, str]:
    """Traditional → simplified, one character to one (resources/entities/t2s_characters.txt)."""
    table = {}
    path = RESOURCES_DIR / "entities" / "t2s_characters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, plain = line.split("\t")
            table[ord(traditional)] = plain
    return table


@functools.cache
def _traditional() -> frozenset[str]:
    return frozenset(map(chr, simplified_table()))


def simplified(text: str) -> str:
    """``text`` in simplified characters, character for character (offsets unchanged),
    so that an issue printed in traditional characters meets the same resources."""
    if _traditional().isdisjoint(text):  # most text: faster than translating it
        return text
    return text.translate(simplified_table())


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate mention inside one text (title or paragraph)."""

    start: int
    end: int
    type: EntityType
    role: str = ""


def resolve(spans: list[Span]) -> list[Span]:
    """Keep a non-overlapping subset, ordered by start.

    Dates win first (they are exact); then longer spans win, because a longer span is
    the full name (``焦作亿腾科技有限公司`` over the place ``焦作``).
    """
    ranked = sorted(spans, key=lambda s: (s.type is not EntityType.DATE, s.start - s.end, s.start))
    taken: list[Span] = []
    occupied: set[int] = set()  # linear: no span is compared with every other
    for span in ranked:
        cells = range(span.start, span.end)
        if not any(cell in occupied for cell in cells):
            taken.append(span)
            occupied.update(cells)
    taken.sort(key=lambda s: s.start)
    return taken
