"""Exact matching of known names: the user dictionary, byline names, names found earlier.

Names are indexed by first character and the text is scanned only at positions whose
character starts some name (one regex character class), which keeps this linear and
cheap even with thousands of byline names in the archive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from reader.domain import EntityType
from reader.entities.text import Span


class Gazetteer:
    """A set of (name, type), matched leftmost-longest without overlaps."""

    def __init__(self, names: Mapping[str, EntityType]) -> None:
        self._names = {name: kind for name, kind in names.items() if len(name) >= 2}
        lengths: dict[str, set[int]] = {}
        for name in self._names:
            lengths.setdefault(name[0], set()).add(len(name))
        # Per first character, the lengths of its names, longest first: a position is
        # tried once per length (a set lookup), not once per name; an archive's byline
        # names are tens of thousands, hundreds of them per surname.
        self._lengths = {head: sorted(found, reverse=True) for head, found in lengths.items()}
        heads = "".join(sorted(self._lengths))
        self._heads = re.compile(f"[{re.escape(heads)}]") if heads else None

    def extended(self, extra: Iterable[tuple[str, EntityType]]) -> Gazetteer:
        names = dict(self._names)
        for name, kind in extra:
            names.setdefault(name, kind)
        return Gazetteer(names)

    def find(self, text: str) -> Iterator[Span]:
        if self._heads is None:
            return
        names, lengths = self._names, self._lengths
        pos = 0
        while True:
            match = self._heads.search(text, pos)
            if match is None:
                return
            start = match.start()
            room = len(text) - start
            for length in lengths[text[start]]:
                # (a slice cut short by the text's end could equal a shorter name)
                kind = names.get(text[start : start + length]) if length <= room else None
                if kind is not None:
                    yield Span(start, start + length, kind)
                    pos = start + length
                    break
            else:
                pos = start + 1
