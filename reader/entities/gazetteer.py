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
        index: dict[str, list[tuple[str, EntityType]]] = {}
        for name, kind in names.items():
            if len(name) >= 2:
                index.setdefault(name[0], []).append((name, kind))
        for bucket in index.values():
            bucket.sort(key=lambda item: len(item[0]), reverse=True)
        self._index = index
        heads = "".join(sorted(index))
        self._heads = re.compile(f"[{re.escape(heads)}]") if heads else None

    def extended(self, extra: Iterable[tuple[str, EntityType]]) -> Gazetteer:
        names = {name: kind for bucket in self._index.values() for name, kind in bucket}
        for name, kind in extra:
            names.setdefault(name, kind)
        return Gazetteer(names)

    def find(self, text: str) -> Iterator[Span]:
        if self._heads is None:
            return
        pos = 0
        while True:
            match = self._heads.search(text, pos)
            if match is None:
                return
            start = match.start()
            for name, kind in self._index[text[start]]:
                if text.startswith(name, start):
                    yield Span(start, start + len(name), kind)
                    pos = start + len(name)
                    break
            else:
                pos = start + 1
