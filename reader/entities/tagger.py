"""The statistical part: a linear character tagger over hashed features.

Each character gets one of 13 tags (B/I/E/S of person, place, organisation, or O)
from a multinomial logistic model whose weights ship in
``resources/entities/tagger.npz``.  It is trained by ``scripts/train_entity_model.py``
on a public labelled corpus (see docs/entities.md for the data and its licence).

Scoring is whole-array numpy and linear in the text: a long line is cut into windows
that overlap by more than any feature reaches, so one 3 MB line costs what the same
text in paragraphs costs.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from reader.domain import EntityType
from reader.entities.features import HASH_BITS, MAX_WORD, PAD, WordTable, feature_columns, join

TYPES = (EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION)
TAGS = ("O",) + tuple(f"{p}-{t.value}" for t in TYPES for p in "BIES")
OUTSIDE = 0
_WINDOW = 16384
_LANES = 16
_SURELY_OUTSIDE = np.eye(1, 13, dtype=np.float32)[0]
_REACH = MAX_WORD + 4  # how far a feature of one position looks


def tag_index(prefix: str, entity_type: EntityType) -> int:
    return 1 + TYPES.index(entity_type) * 4 + "BIES".index(prefix)


@dataclass(frozen=True)
class TaggedSpan:
    start: int
    end: int
    type: EntityType
    confidence: float  # the lowest probability of the span's own tags


@dataclass(frozen=True)
class TaggedText:
    spans: list[TaggedSpan]
    named: npt.NDArray[np.float32]  # per character: the probability of being in a name


class Tagger:
    """The weights of every kept feature, by feature id; features the model never kept
    (rare in training) have all-zero rows."""

    def __init__(
        self,
        kept: npt.NDArray[np.integer],
        weights: npt.NDArray[np.int8],
        scale: float,
        table: WordTable,
    ) -> None:
        assert weights.shape == (len(kept), len(TAGS))
        self.scale, self.table = scale, table
        # Added to each type's tag scores: the decision thresholds, tuned for F1 on the
        # development set (a name missed costs as much as a wrong one).
        self.tag_bias = np.zeros(len(TAGS), dtype=np.float32)
        # One 16-byte row per feature id, viewed as one item: numpy's 1-D take of whole
        # rows is about twice as fast as 2-D fancy indexing, and int8 keeps the table at
        # 64 MB, less than a map to compact rows plus the rows would take.
        padded = np.zeros((1 << HASH_BITS, _LANES), dtype=np.int8)
        padded[kept, : len(TAGS)] = weights
        self._packed = padded.view(np.dtype((np.void, _LANES))).ravel()

    @classmethod
    def from_dense(cls, dense: npt.NDArray[np.float32], table: WordTable) -> Tagger:
        """A tagger from a full weight matrix (training), quantised as when stored."""
        kept = np.flatnonzero(np.abs(dense).max(axis=1) > 0)
        values, scale = quantise(dense[kept])
        return cls(kept, values, scale, table)

    @classmethod
    def load(cls, path: Path, table: WordTable) -> Tagger:
        with np.load(path) as data:
            tagger = cls(data["rows"], data["values"], float(data["scale"]), table)
            if "type_bias" in data:
                tagger.set_type_bias(data["type_bias"])
        return tagger

    def set_type_bias(self, bias: Sequence[float]) -> None:
        """One bias per entity type (in ``TYPES`` order) for its B, I, E and S tags."""
        self.tag_bias = np.concatenate(([0.0], np.repeat(np.asarray(bias), 4))).astype(np.float32)

    def probabilities(self, x: npt.NDArray[np.uint64]) -> npt.NDArray[np.float32]:
        """Tag probabilities, shape (len(x), len(TAGS))."""
        out = np.empty((len(x), len(TAGS)), dtype=np.float32)
        for lo in range(0, len(x), _WINDOW):
            hi = min(len(x), lo + _WINDOW)
            a, b = max(0, lo - _REACH), min(len(x), hi + _REACH)
            columns = feature_columns(x[a:b], self.table)
            sums = self._row_sum([c[lo - a : hi - a] for c in columns])
            scores: npt.NDArray[np.float32] = sums[:, : len(TAGS)].astype(np.float32)
            scores *= np.float32(self.scale)
            scores += self.tag_bias
            scores -= _row_max(scores)[:, None]
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=1, keepdims=True)
            out[lo:hi] = scores
        return out

    def _row_sum(self, columns: Sequence[npt.NDArray[np.int64]]) -> npt.NDArray[np.int16]:
        def take(column: npt.NDArray[np.int64]) -> npt.NDArray[np.int8]:
            return np.take(self._packed, column).view(np.int8).reshape(-1, _LANES)

        total = take(columns[0]).astype(np.int16)  # at most 127 × the number of templates
        for column in columns[1:]:
            total += take(column)
        return total

    def tag_texts(self, texts: Sequence[str]) -> list[TaggedText]:
        x, offsets = join(texts)
        probs = self.probabilities(x)
        probs[x == PAD] = _SURELY_OUTSIDE  # around and between the texts
        spans = decode(probs)
        named = 1.0 - probs[:, OUTSIDE]
        starts = [span.start for span in spans]
        out = []
        for offset, text in zip(offsets, texts, strict=True):
            lo, hi = bisect_left(starts, offset), bisect_left(starts, offset + len(text))
            shifted = [
                TaggedSpan(s.start - offset, s.end - offset, s.type, s.confidence)
                for s in spans[lo:hi]
            ]
            out.append(TaggedText(shifted, named[offset : offset + len(text)]))
        return out


def _row_max(values: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """``values.max(axis=1)``, column by column: numpy's reduction along a row of 13 is
    several times slower than 12 element-wise maxima over whole columns (same values:
    a maximum rounds nothing)."""
    out = values[:, 0].copy()
    for column in range(1, values.shape[1]):
        np.maximum(out, values[:, column], out=out)
    return out


def quantise(values: npt.NDArray[np.float32]) -> tuple[npt.NDArray[np.int8], float]:
    """Weights as int8 steps of one shared scale."""
    scale = float(np.abs(values).max()) / 127 or 1.0
    return np.round(values / scale).astype(np.int8), scale


_SURE_OUTSIDE = 0.995  # a character this sure to be O closes every name around it


def _allowed() -> npt.NDArray[np.bool_]:
    """``allowed[a, b]``: tag b may follow tag a (I and E continue a B or I of the same
    type; O, B and S follow O, E or S)."""
    allowed = np.zeros((len(TAGS), len(TAGS)), dtype=bool)
    closed = [OUTSIDE] + [1 + 4 * t + p for t in range(len(TYPES)) for p in (2, 3)]
    opening = [OUTSIDE] + [1 + 4 * t + p for t in range(len(TYPES)) for p in (0, 3)]
    for a in closed:
        allowed[a, opening] = True
    for t in range(len(TYPES)):
        for a in (1 + 4 * t, 2 + 4 * t):
            allowed[a, [2 + 4 * t, 3 + 4 * t]] = True
    return allowed


_ALLOWED = _allowed()


def decode(probs: npt.NDArray[np.float32]) -> list[TaggedSpan]:
    """The best tag sequence under the BIES rules, sorted by start.

    Characters almost surely outside any name split the text into short regions of
    doubt.  Where the most probable tags of a region already obey the rules (most do)
    they are taken as they are, for the whole text at once; only the other regions go
    through a Viterbi search, so its cost follows the names, not the text.
    """
    doubtful = probs[:, OUTSIDE] < _SURE_OUTSIDE
    if not doubtful.any():
        return []
    tags = probs.argmax(axis=1)
    best = _row_max(probs)
    edges = np.diff(np.concatenate(([0], doubtful.view(np.int8), [0])))
    region = np.cumsum(edges[:-1] == 1) - 1  # region index of each doubtful position
    # A virtual O before and after the text: a name can neither start nor end outside it.
    padded = np.concatenate(([OUTSIDE], tags, [OUTSIDE]))
    broken = np.flatnonzero(~_ALLOWED[padded[:-1], padded[1:]])  # between i-1 and i
    involved = np.concatenate((broken - 1, broken))
    involved = involved[(involved >= 0) & (involved < len(tags))]
    involved = involved[doubtful[involved]]
    bad_regions = np.unique(region[involved])
    good = doubtful.copy()
    marks = np.flatnonzero(edges)
    spans: list[TaggedSpan] = []
    for r in bad_regions.tolist():
        lo, hi = int(marks[2 * r]), int(marks[2 * r + 1])
        good[lo:hi] = False
        part = probs[lo:hi]
        for i, j, kind in _viterbi(np.log(np.maximum(part, 1e-12)).tolist()):
            spans.append(TaggedSpan(lo + i, lo + j, kind, float(best[lo + i : lo + j].min())))
    prefix = (tags - 1) % 4
    named = good & (tags != OUTSIDE)
    starts = np.flatnonzero(named & ((prefix == 0) | (prefix == 3)))
    ends = np.flatnonzero(named & ((prefix == 2) | (prefix == 3))) + 1
    if len(starts):
        bounds = np.stack((starts, ends), axis=1).ravel()
        # reduceat takes the minimum over [bounds[k], bounds[k+1]); the appended cell
        # lets the last span end at the end of the text.
        lowest = np.minimum.reduceat(np.append(best, np.inf), bounds)[::2]
        kinds = ((tags[starts] - 1) // 4).tolist()
        for i, j, k, c in zip(starts.tolist(), ends.tolist(), kinds, lowest.tolist(), strict=True):
            spans.append(TaggedSpan(i, j, TYPES[k], c))
    spans.sort(key=lambda span: span.start)
    return spans


_N = len(TYPES)
_NEG = -1e30
_CLOSED = (OUTSIDE, 3, 4, 7, 8, 11, 12)
"""O, then the E and S tags of each type in order: the tags a region may end on."""
_POINTER_SLOT = (0, 0, 1, 1, 0, 0, 2, 2, 0, 0, 3, 3, 0)
"""Where a step's back pointer for each tag is kept: 0 the best closed tag (for O, B
and S), 1–3 the B-or-I before the I or E of person, place, organisation."""


def _viterbi(logs: list[list[float]]) -> Iterator[tuple[int, int, EntityType]]:
    """The best BIES path through a region's log-probabilities, as (start, end, type).

    Scores per tag of the best path ending here; a name may only start after a closed
    tag (O, E, S) and I/E only continue a B or I of the same type. Written out per tag
    (13 locals, no lists per step): this loop runs once per character of every region
    of doubt, and the tuple of four pointers is all a step needs to remember. Ties go
    as a scan in tag order would take them (O first; B before I)."""
    neg = _NEG
    s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12 = logs[0]
    s2 = s3 = s6 = s7 = s10 = s11 = neg
    back: list[tuple[int, int, int, int]] = []
    for r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12 in logs[1:]:
        best, closed = s0, OUTSIDE
        if s3 > best:
            best, closed = s3, 3
        if s4 > best:
            best, closed = s4, 4
        if s7 > best:
            best, closed = s7, 7
        if s8 > best:
            best, closed = s8, 8
        if s11 > best:
            best, closed = s11, 11
        if s12 > best:
            best, closed = s12, 12
        if s1 >= s2:
            person, from_person = s1, 1
        else:
            person, from_person = s2, 2
        if s5 >= s6:
            place, from_place = s5, 5
        else:
            place, from_place = s6, 6
        if s9 >= s10:
            org, from_org = s9, 9
        else:
            org, from_org = s10, 10
        back.append((closed, from_person, from_place, from_org))
        s0 = best + r0
        s1, s2, s3, s4 = best + r1, person + r2, person + r3, best + r4
        s5, s6, s7, s8 = best + r5, place + r6, place + r7, best + r8
        s9, s10, s11, s12 = best + r9, org + r10, org + r11, best + r12
    # The region ends before a sure O: it must end closed.
    final = (s0, s3, s4, s7, s8, s11, s12)
    tag = _CLOSED[final.index(max(final))]
    path = [tag]
    for pointers in reversed(back):
        tag = pointers[_POINTER_SLOT[tag]]
        path.append(tag)
    path.reverse()
    start = -1
    for offset, tag in enumerate(path):
        prefix = (tag - 1) % 4
        if tag == OUTSIDE:
            continue
        if prefix in (0, 3):
            start = offset
        if prefix in (2, 3):
            yield start, offset + 1, TYPES[(tag - 1) // 4]


@functools.cache
def default_tagger() -> Tagger:
    """The process-wide tagger: weights and word table loaded on first call."""
    from reader.entities.lexicon import RESOURCE_DIR  # noqa: PLC0415
    from reader.entities.vocab import cached_table  # noqa: PLC0415

    return Tagger.load(RESOURCE_DIR / "tagger.npz", cached_table(RESOURCE_DIR))
