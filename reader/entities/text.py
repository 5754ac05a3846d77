"""Small character-level helpers shared by the rules."""

from __future__ import annotations

from dataclasses import dataclass

from reader.domain import EntityType


def is_han(char: str) -> bool:
    """A CJK ideograph (the characters names are made of); 〇 counts for dates."""
    return "\u4e00" <= char <= "\u9fff" or char == "〇"


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
