"""An article's folded fields and gram sets, computed on code-point arrays.

The indexer computes these for every article it writes. Per character in Python
(``str.translate`` with a dict, one string object and one set insertion per bigram)
they cost 0.20 CPU-seconds per MB of text; on numpy arrays of code points, a few
calls per article, 0.09 (docs/search.md, "Not done: indexing at ≥ 2 MB/s",
3 December, afternoon).

Folding is one character to one character, so folding the fields joined is joining
the folded fields: an article is folded in one call and cut at the fields' lengths.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from reader.codepoints import CodePoints, code_points, lookup_array, text_of
from reader.search.normalize import fold_table

_SPACE = 0x20
_LOW_BITS = 21  # every code point fits in 21 bits
_LOW_MASK = np.uint64((1 << _LOW_BITS) - 1)


@lru_cache(maxsize=1)
def _fold_lookup() -> CodePoints:
    return lookup_array(fold_table())


def fold_long(text: str) -> str:
    """``normalize.fold`` for long texts (one array lookup instead of a dict per character)."""
    return text_of(_fold_lookup()[code_points(text)])


def fold_fields(fields: Sequence[str]) -> list[str]:
    """Each of ``fields`` folded, in one pass over them all."""
    folded = fold_long("".join(fields))
    out, start = [], 0
    for field in fields:
        out.append(folded[start : start + len(field)])
        start += len(field)
    return out


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (``np.unique`` hashes in numpy 2, ~3× slower here)."""
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def gram_text(folded_fields: Sequence[str]) -> str:
    """The distinct characters of ``folded_fields`` and the distinct bigrams inside each
    field (none across two fields), space-separated, in code-point order."""
    fields = [field for field in folded_fields if field]
    if not fields:
        return ""
    codes = code_points("".join(fields))
    chars = _distinct(codes)
    pairs = (codes[:-1].astype(np.uint64) << np.uint64(_LOW_BITS)) | codes[1:]
    lengths = np.fromiter(map(len, fields), dtype=np.intp, count=len(fields))
    last_of_field = np.cumsum(lengths)[:-1] - 1  # a pair starting there crosses a boundary
    inside = np.ones(len(pairs), dtype=bool)
    inside[last_of_field] = False
    bigrams = _distinct(pairs[inside])
    tokens = np.empty(len(chars) * 2 + len(bigrams) * 3, dtype=np.uint32)
    single = tokens[: len(chars) * 2].reshape(-1, 2)
    single[:, 0] = chars
    single[:, 1] = _SPACE
    double = tokens[len(chars) * 2 :].reshape(-1, 3)
    double[:, 0] = bigrams >> np.uint64(_LOW_BITS)
    double[:, 1] = bigrams & _LOW_MASK
    double[:, 2] = _SPACE
    return text_of(tokens[:-1])
