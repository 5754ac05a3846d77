"""Text as numpy arrays of code points, and one-to-one character maps applied to them.

Used where per-character Python is the cost: the search index's folding and gram sets
(:mod:`reader.search.gramsets`), MinHash shingles, the entity tagger's features. A
``str.translate`` with a dict costs ~150 ns a character; an array lookup ~8 ns.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

CodePoints = npt.NDArray[np.uint32]


def code_points(text: str) -> CodePoints:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def text_of(codes: npt.NDArray[np.integer]) -> str:
    return codes.astype(np.uint32, copy=False).tobytes().decode("utf-32-le")


def lookup_array(table: Mapping[int, str]) -> CodePoints:
    """Code point → code point under ``table`` (a ``str.translate`` table mapping
    characters to single characters); every other character maps to itself."""
    lookup = np.arange(0x110000, dtype=np.uint32)
    for code, char in table.items():
        lookup[code] = ord(char)
    return lookup
