"""MinHash signatures of an article's text and headline, and their LSH band keys.

Pure functions (numpy, no SQL): the indexer's worker processes compute the signatures
(:func:`signatures`), the store keeps them, and :mod:`reader.search.related` finds
candidates through shared band keys and scores them by estimated Jaccard similarity.

* **Shingles.** The text (title, subtitle and paragraphs) is folded
  (:func:`~reader.search.normalize.fold`), its whitespace dropped, and cut into
  overlapping character 3-grams; the headline (title alone) into 2-grams.
* **One-permutation MinHash** (Li, Owen & Zhang 2012) with a fixed hash: each shingle
  is hashed once to 64 bits; the top bits pick one of ``k`` bins, and a bin keeps the
  smallest low 32 bits that fall into it. Empty bins (short texts) borrow from the next
  non-empty bin to the right, offset by the distance (rotation densification,
  Shrivastava & Li 2014), so two signatures agree in a bin with probability about the
  Jaccard similarity of the shingle sets. ``k`` = 64 for the text, 16 for the headline.
  The hash is fixed (no random seed), so signatures never change between runs.
* **LSH bands.** The text signature is cut into 16 bands of 4 bins (a pair of
  articles with Jaccard similarity J shares a band with probability 1 − (1 − J⁴)¹⁶:
  0.64 at J = 0.5, 0.998 at J = 0.8, 0.12 at J = 0.3), the headline signature into 8
  bands of 2 bins (0.998 at J = 0.7, 0.28 at J = 0.2), so that the next report of a
  recurring meeting (a headline that differs by a number, a body that differs in most
  of its sentences) is still a candidate. A band key is a 63-bit hash of the band's
  number and values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from reader.codepoints import code_points
from reader.search.normalize import SPACE, fold

TEXT_BINS = 64
TEXT_ROWS = 4
"""Bins per band of the text signature (16 bands)."""
HEAD_BINS = 16
HEAD_ROWS = 2
"""Bins per band of the headline signature (8 bands)."""
TEXT_SHINGLE = 3
HEAD_SHINGLE = 2
NEAR_DUPLICATE = 0.8
"""Estimated Jaccard similarity of the texts' 3-gram sets from which an article is a
near-duplicate (the same story printed again, with small edits)."""

STORED_BITS = 16
_STORED = np.dtype("<u2")
_CHANCE = 2.0**-STORED_BITS
"""Probability that two stored bins agree although their minima differ."""
_EMPTY = np.uint32(0xFFFFFFFF)
_MIX1 = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)
_MIX3 = np.uint64(0x94D049BB133111EB)
_LOW = np.uint64(0xFFFFFFFF)
_STEP = np.uint64(0x6F4F2A35)
_TEXT_SPACE = 1
_HEAD_SPACE = 1 << 8


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser (uint64, wrapping)."""
    x = values * _MIX1
    x ^= x >> np.uint64(30)
    x *= _MIX2
    x ^= x >> np.uint64(27)
    x *= _MIX3
    x ^= x >> np.uint64(31)
    return x


def _shingle_hashes(text: str, size: int) -> np.ndarray:
    codes = code_points(text).astype(np.uint64)
    if len(codes) == 0:
        return codes
    size = min(size, len(codes))
    count = len(codes) - size + 1
    packed = codes[:count].copy()
    for offset in range(1, size):
        packed = (packed << np.uint64(21)) | codes[offset : offset + count]
    return _mix(packed + np.uint64(size))


def minhash(text: str, size: int, bins: int) -> np.ndarray | None:
    """The ``bins``-bin one-permutation MinHash (uint32) of the ``size``-character
    shingles of ``text`` (already normalised); None when ``text`` is empty."""
    hashes = _shingle_hashes(text, size)
    if len(hashes) == 0:
        return None
    shift = np.uint64(64 - (bins.bit_length() - 1))
    signature = np.full(bins, _EMPTY, dtype=np.uint32)
    np.minimum.at(signature, (hashes >> shift).astype(np.intp), (hashes & _LOW).astype(np.uint32))
    empty = signature == _EMPTY
    if empty.any():
        filled = np.flatnonzero(~empty)
        missing = np.flatnonzero(empty)
        # The next filled bin to the right, wrapping around.
        after = np.searchsorted(filled, missing) % len(filled)
        source = filled[after]
        distance = (source - missing) % bins
        borrowed = signature[source].astype(np.uint64) + distance.astype(np.uint64) * _STEP
        signature[missing] = (borrowed & _LOW).astype(np.uint32)
    return signature


def normalise(parts: Iterable[str | None]) -> str:
    """The text a signature is computed from: folded, without whitespace."""
    # Folding maps each character alone: fold the parts joined, in one call.
    return fold("".join(part for part in parts if part)).replace(SPACE, "")


def signatures(
    title: str | None, subtitle: str | None, paragraphs: Iterable[str]
) -> tuple[bytes, bytes | None]:
    """(text signature, headline signature or None) as stored: each bin's low
    :data:`STORED_BITS` bits, little-endian."""
    text = minhash(normalise((title, subtitle, *paragraphs)), TEXT_SHINGLE, TEXT_BINS)
    head = minhash(normalise((title,)), HEAD_SHINGLE, HEAD_BINS) if title else None
    text_bytes = stored(text if text is not None else np.zeros(TEXT_BINS, np.uint32))
    return text_bytes, None if head is None else stored(head)


def stored(signature: np.ndarray) -> bytes:
    """A signature's bins as stored (the low bits of each)."""
    return signature.astype(_STORED).tobytes()  # astype keeps the low bits


def from_bytes(data: bytes | None, bins: int) -> np.ndarray | None:
    if data is None or len(data) != _STORED.itemsize * bins:
        return None
    return np.frombuffer(data, dtype=_STORED)


def stack(blobs: Sequence[bytes | None], bins: int) -> np.ndarray:
    """Stored signatures as one (n, bins) array; a missing or malformed one as zeros."""
    size = _STORED.itemsize * bins
    data = b"".join(blob if blob and len(blob) == size else bytes(size) for blob in blobs)
    return np.frombuffer(data, dtype=_STORED).reshape(len(blobs), bins)


def narrowed(data: bytes | None, bins: int) -> bytes | None:
    """A stored signature of ``bins`` bins as stored now: one with 32-bit bins (schema
    v8 and older) cut to its low bits, one stored now as it is; None if malformed."""
    if data is not None and len(data) == 4 * bins:
        return stored(np.frombuffer(data, dtype="<u4"))
    if data is not None and len(data) == _STORED.itemsize * bins:
        return data
    return None


def band_keys(signatures_: np.ndarray, rows: int, head: bool) -> np.ndarray:
    """Band keys (int64) of a (n, bins) array of signatures: shape (n, bins // rows)."""
    count, bins = signatures_.shape
    bands = bins // rows
    values = signatures_.astype(np.uint64).reshape(count, bands, rows)
    space = _HEAD_SPACE if head else _TEXT_SPACE
    keys = np.broadcast_to(np.arange(bands, dtype=np.uint64) + np.uint64(space), (count, bands))
    keys = _mix(keys.copy())
    for row in range(rows):
        keys = _mix(keys ^ values[:, :, row])
    return (keys >> np.uint64(1)).astype(np.int64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two stored signatures of the same size: the share
    of agreeing bins, less the agreements by chance of the bins' low bits."""
    agreeing = float(np.count_nonzero(a == b)) / len(a)
    return max(0.0, (agreeing - _CHANCE) / (1.0 - _CHANCE))


def score(text: float, head: float | None) -> float:
    """An article pair's score in [0, 1]: the texts' similarity, raised towards the
    headlines' when those are more alike (a recurring report keeps its headline
    pattern while most of its sentences change)."""
    if head is None:
        return text
    return max(text, (text + head) / 2.0)
