"""Hashed character features for the statistical tagger, computed with whole-array numpy.

Every position of a text gets a fixed number of feature ids: character n-grams around
it, character classes, and where known words start and end (jieba's general vocabulary,
place, organisation and person names, titles, name suffixes).  The cost is a constant
number of array operations per character, so it is linear in the length of a text and
of a line, whatever their shape.

Known words are looked up by a 64-bit polynomial hash of every window of 2..``MAX_WORD``
characters in one open-addressing table (:class:`WordTable`): a lookup is a few array
gathers, not a scan of the word list.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from reader.codepoints import code_points, lookup_array
from reader.entities.text import simplified_table

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

HASH_BITS = 22
MAX_WORD = 10
PAD = 1  # code of the positions around and between texts

# Which kind of known word a table entry is; an entry may carry several bits.
WORD, PLACE, ORG, PERSON, TITLE, ORG_SUFFIX, PLACE_SUFFIX, SURNAME = (1 << i for i in range(8))
KINDS = (WORD, PLACE, ORG, PERSON, TITLE, ORG_SUFFIX, PLACE_SUFFIX, SURNAME)
PREFIX = 1 << 8  # the table's mark for "some longer word starts with this"
TABLE_LAYOUT = 4  # bump when WordTable's arrays change meaning (cached tables are rebuilt)

_P = np.uint64(0x100000001B3)
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)
_SHIFT_OUT = np.uint64(64 - HASH_BITS)

_FOLD = {ord(c): "0" for c in "0123456789０１２３４５６７８９"}
_FOLD.update({ord(c): "a" for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"})
_FOLD.update({ord(c): "a" for c in "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"})
_FOLD.update({ord(c): "a" for c in "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"})
_FOLD.update({ord(c): "·" for c in "•・‧∙⋅"})
_FOLD.update(simplified_table())  # traditional characters read as simplified ones
_NUMERALS = "〇零一二三四五六七八九十百千万亿两"


def fold(text: str) -> str:
    """Digits to ``0``, Latin letters to ``a``, name dots to ``·``, traditional
    characters to simplified ones; length unchanged."""
    return text.translate(_FOLD)


@functools.cache
def _folded_codes() -> npt.NDArray[np.uint32]:
    """Code point → code point of its :func:`fold` (a one-to-one character map)."""
    return lookup_array(_FOLD)


def codes(text: str) -> U64:
    """The code points of ``fold(text)``: looked up in one array, not translated."""
    return _folded_codes()[code_points(text)].astype(np.uint64)


def word_hash(word: str) -> int:
    value = 0
    for char in fold(word):
        value = (value * int(_P) + ord(char)) & 0xFFFFFFFFFFFFFFFF
    return value


class WordTable:
    """A set of words (each with kind bits) that answers for every window of a text."""

    def __init__(
        self, keys: U64, kinds: npt.NDArray[np.uint16], probes: int, single: npt.NDArray[np.uint8]
    ) -> None:
        self.keys, self.kinds, self.mask, self.probes = keys, kinds, len(keys) - 1, probes
        self.single = single  # one-character words (surnames, 省, 市) by code point

    def arrays(self) -> dict[str, npt.NDArray[np.generic]]:
        return {
            "keys": self.keys,
            "kinds": self.kinds,
            "probes": np.array(self.probes),
            "single": self.single,
        }

    @classmethod
    def build(cls, words: Iterable[tuple[str, int]]) -> WordTable:
        merged: dict[int, int] = {}
        singles: dict[str, int] = {}
        for word, kinds in words:
            word = fold(word)
            if len(word) == 1:
                singles[word] = singles.get(word, 0) | kinds
            elif 2 <= len(word) <= MAX_WORD:
                # Every prefix is entered too, so that a window of n+1 characters is
                # looked up only where its first n characters begin some word.
                value = ord(word[0])
                for end in range(2, len(word) + 1):
                    value = (value * int(_P) + ord(word[end - 1])) & 0xFFFFFFFFFFFFFFFF
                    key = value | 1  # 0 marks an empty slot
                    bits = kinds if end == len(word) else PREFIX
                    merged[key] = merged.get(key, 0) | bits
        size = 1 << max(16, (len(merged) * 3).bit_length())  # load ≤ 1/3: short probes
        keys = np.zeros(size, dtype=np.uint64)
        kinds_of = np.zeros(size, dtype=np.uint16)
        mask = size - 1
        probes = 1
        for key, kinds in merged.items():
            slot = (key * int(_M2) & 0xFFFFFFFFFFFFFFFF) >> 40 & mask
            step = 1
            while keys[slot]:
                slot = (slot + 1) & mask
                step += 1
            keys[slot], kinds_of[slot] = key, kinds
            probes = max(probes, step)
        single = np.zeros(0x10000, dtype=np.uint8)
        for word, kinds in singles.items():
            if ord(word) < len(single):
                single[ord(word)] |= kinds
        return cls(keys, kinds_of, probes, single)

    def lookup(self, hashes: U64) -> npt.NDArray[np.uint16]:
        """Kind bits of each hash (0 where it is neither a word nor a word's prefix)."""
        hashes = hashes | np.uint64(1)
        slot = ((hashes * _M2) >> np.uint64(40)).astype(np.int64) & self.mask
        found = np.zeros(len(hashes), dtype=np.uint16)
        pending = np.arange(len(hashes))
        for _ in range(self.probes):
            keys = self.keys[slot]
            hit = keys == hashes
            found[pending[hit]] = self.kinds[slot[hit]]
            # Only a full slot holding another key sends the search on.
            going = (keys != 0) & ~hit
            pending, slot, hashes = pending[going], (slot[going] + 1) & self.mask, hashes[going]
            if not len(pending):
                break
        return found


@dataclass
class WordEdges:
    """Per position and kind: the longest known word starting / ending there (0: none)."""

    starts: npt.NDArray[np.int8]  # shape (len(KINDS), n)
    ends: npt.NDArray[np.int8]


def word_edges(x: U64, table: WordTable) -> WordEdges:
    n = len(x)
    found_at, found_length, found_kinds = [], [], []
    single = table.single[np.minimum(x, np.uint64(len(table.single) - 1))]
    hit = np.flatnonzero(single)
    found_at.append(hit)
    found_length.append(np.ones(len(hit), dtype=np.int8))
    found_kinds.append(single[hit])
    # at[i]: where the i-th live window starts; window[i]: the hash of its characters.
    at = np.arange(n - 1)
    window = x[:-1] * _P + x[1:]
    for length in range(2, MAX_WORD + 1):
        kinds = table.lookup(window)
        words = kinds & np.uint16(0xFF)
        hit = np.flatnonzero(words)
        found_at.append(at[hit])
        found_length.append(np.full(len(hit), length, dtype=np.int8))
        found_kinds.append(words[hit].astype(np.uint8))
        live = np.flatnonzero((kinds & np.uint16(PREFIX)) != 0)
        live = live[at[live] + length < n]
        at = at[live]
        if not len(at):
            break
        window = window[live] * _P + x[at + length]
    at = np.concatenate(found_at)
    lengths = np.concatenate(found_length)
    which, kind = np.nonzero(
        np.unpackbits(np.concatenate(found_kinds)[:, None], axis=1, bitorder="little")
    )
    starts = np.zeros((len(KINDS), n), dtype=np.int8)
    ends = np.zeros((len(KINDS), n), dtype=np.int8)
    # Hits come in order of length, so the longest word is assigned last and stays.
    starts[kind, at[which]] = lengths[which]
    ends[kind, at[which] + lengths[which] - 1] = lengths[which]
    return WordEdges(starts, ends)


def _class_table() -> npt.NDArray[np.uint64]:
    table = np.full(0x110000, 4, dtype=np.uint64)  # punctuation and anything else
    table[0x4E00:0xA000] = 1
    table[ord("0")], table[ord("a")], table[ord("·")], table[PAD] = 2, 3, 5, 0
    table[[ord(c) for c in _NUMERALS]] = 6
    return table


_CLASS = _class_table()


def _pack(*columns: tuple[npt.NDArray[np.uint64], int]) -> U64:
    """Columns of small values side by side in one 64-bit value (each with its width)."""
    value = columns[0][0].copy()
    for column, width in columns[1:]:
        value <<= np.uint64(width)
        value |= column
    return value


def _hash(template: int, value: U64) -> I64:
    h = value * _M1
    h ^= np.uint64((template + 1) * 0x9E3779B1)
    h *= _M3
    return (h >> _SHIFT_OUT).astype(np.int64)


def _shift(a: U64, by: int, fill: int = 0) -> U64:
    """``a`` moved so that position i sees ``a[i + by]``."""
    out = np.full_like(a, fill)
    if by > 0:
        out[:-by] = a[by:]
    elif by < 0:
        out[-by:] = a[:by]
    else:
        out[:] = a
    return out


def join(texts: Sequence[str]) -> tuple[U64, list[int]]:
    """All texts in one code array, PADs around each; the offset of each text.

    Three PADs: no feature looks further than three characters away, so no text's
    features see its neighbour's characters."""
    pads = chr(PAD) * 3
    if not texts:
        return codes(pads), []
    offsets = []
    at = 0
    for text in texts:
        at += 3
        offsets.append(at)
        at += len(text)
    # One string, one lookup: the PADs are characters like the text's own (code 1).
    return codes(pads + pads.join(texts) + pads), offsets


_C = 21  # bits of a code point
_TEMPLATES: list[tuple[str, ...]] = [
    ("c-2",),
    ("c-1",),
    ("c0",),
    ("c1",),
    ("c2",),
    ("c-2", "c-1"),
    ("c-1", "c0"),
    ("c0", "c1"),
    ("c1", "c2"),
    ("c-1", "c1"),
    ("c-1", "c0", "c1"),
    ("c-2", "c-1", "c0"),
    ("c0", "c1", "c2"),
    ("c-3", "c-2"),
    ("c2", "c3"),
]


def features(x: U64, table: WordTable) -> I64:
    """Feature ids, shape (n, number of templates), for every position of ``x``."""
    return np.stack(feature_columns(x, table), axis=1)


def feature_columns(x: U64, table: WordTable) -> list[I64]:
    """The feature ids of every position of ``x``, one array per template."""
    x = np.minimum(x, np.uint64(0x10FFFF))
    cols = {f"c{d}": (_shift(x, d, PAD), _C) for d in (-3, -2, -1, 0, 1, 2, 3)}
    k = _CLASS[x]
    edges = word_edges(x, table)
    columns = [
        _hash(t, _pack(*(cols[name] for name in names))) for t, names in enumerate(_TEMPLATES)
    ]
    template = len(columns)

    def add(*parts: tuple[U64, int]) -> None:
        nonlocal template
        columns.append(_hash(template, _pack(*parts)))
        template += 1

    add(*((_shift(k, d), 3) for d in (-2, -1, 0, 1, 2)))
    starts, ends = edges.starts.astype(np.uint64), edges.ends.astype(np.uint64)
    for index in range(len(KINDS)):
        s, e = starts[index], ends[index]
        # The longest word of this kind starting / ending here, and those ending just
        # before and starting just after: a title ending at i-1 or a suffix starting at
        # i+1 marks a name's edge.
        add((s, 4), (e, 4), (_shift(e, -1), 4), (_shift(s, 1), 4), (k, 3))
    add((_inside(edges), 8), (starts[0], 4), (ends[0], 4))
    add((starts[0], 4), cols["c0"])
    add((ends[0], 4), cols["c0"])
    return columns


def _inside(edges: WordEdges) -> U64:
    """Bits of the kinds whose longest word covers a position strictly inside."""
    n = edges.starts.shape[1]
    out = np.zeros(n, dtype=np.uint64)
    for index in range(len(KINDS)):
        starts = edges.starts[index]
        where = np.flatnonzero(starts > 2)
        if not len(where):
            continue
        cover = np.bincount(where + 1, minlength=n + MAX_WORD + 2)
        cover -= np.bincount(where + starts[where] - 1, minlength=n + MAX_WORD + 2)
        out |= (np.cumsum(cover)[:n] > 0).astype(np.uint64) << np.uint64(index)
    return out
