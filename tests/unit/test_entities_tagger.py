"""The statistical tagger's machinery: word lookup, features, windows, decoding."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.domain import EntityType
from reader.entities import features as f
from reader.entities import tagger as tagger_module
from reader.entities.features import WordTable, join, word_edges
from reader.entities.tagger import (
    _ALLOWED,
    OUTSIDE,
    TAGS,
    TYPES,
    decode,
    default_tagger,
    quantise,
)


def test_word_table_finds_every_listed_word_and_nothing_else() -> None:
    words = {
        "北京": f.PLACE,
        "北京市": f.PLACE,
        "人民政府": f.ORG,
        "王": f.SURNAME,
        "市": f.PLACE_SUFFIX,
    }
    table = WordTable.build(words.items())
    text = "北京市人民政府王先生在北京说，北人民"
    x, (offset,) = join([text])
    edges = word_edges(x, table)
    for kind_index, kind in enumerate(f.KINDS):
        expected_starts = {}
        for start, end in itertools.combinations(range(len(text) + 1), 2):
            if words.get(text[start:end], 0) & kind:
                expected_starts[start] = max(expected_starts.get(start, 0), end - start)
        found = {
            i - offset: int(n)
            for i, n in enumerate(edges.starts[kind_index])
            if n and offset <= i < offset + len(text)
        }
        assert found == expected_starts, kind


def test_texts_are_tagged_independently_of_their_neighbours() -> None:
    tagger = default_tagger()
    texts = ["国务院总理朱镕基在北京会见了美国客人。", "新华社记者王晓东报道", "上海市人民政府"]
    together = tagger.tag_texts(texts)
    for text, tagged in zip(texts, together, strict=True):
        assert tagged.spans == tagger.tag_texts([text])[0].spans


def test_a_long_line_is_scored_in_overlapping_windows_without_seams(monkeypatch) -> None:
    tagger = default_tagger()
    text = "国务院副总理李岚清在北京市海淀区中关村会见了清华大学校长王大中。" * 30
    x, _ = join([text])
    whole = tagger.probabilities(x)
    monkeypatch.setattr(tagger_module, "_WINDOW", 97)  # many seams, at odd places
    windowed = tagger.probabilities(x)
    np.testing.assert_allclose(windowed, whole, atol=1e-6)


def test_quantised_weights_stay_within_half_a_step() -> None:
    values = np.random.default_rng(3).normal(size=(200, len(TAGS))).astype(np.float32)
    quantised, scale = quantise(values)
    assert np.abs(quantised * scale - values).max() <= scale / 2 + 1e-6


def _brute_force(probs: np.ndarray) -> list[tuple[int, int, EntityType]]:
    """The most probable tag sequence obeying the BIES rules, with almost sure O forced:
    exhaustive Viterbi over the whole text, no regions, no shortcut."""
    logs = np.log(np.maximum(probs, 1e-12))
    sure = probs[:, OUTSIDE] >= tagger_module._SURE_OUTSIDE
    logs[sure] = -1e9
    logs[sure, OUTSIDE] = 0.0
    n, k = logs.shape
    start_ok = np.array([t == OUTSIDE or (t - 1) % 4 in (0, 3) for t in range(k)])
    end_ok = np.array([t == OUTSIDE or (t - 1) % 4 in (2, 3) for t in range(k)])
    score = np.where(start_ok, logs[0], -np.inf)
    back = []
    for i in range(1, n):
        cand = score[:, None] + np.where(_ALLOWED, 0.0, -np.inf)
        back.append(cand.argmax(axis=0))
        score = cand.max(axis=0) + logs[i]
    tag = int(np.argmax(np.where(end_ok, score, -np.inf)))
    path = [tag]
    for pointers in reversed(back):
        tag = int(pointers[tag])
        path.append(tag)
    path.reverse()
    spans, start = [], 0
    for i, tag in enumerate(path):
        if tag == OUTSIDE:
            continue
        prefix = (tag - 1) % 4
        if prefix in (0, 3):
            start = i
        if prefix in (2, 3):
            spans.append((start, i + 1, TYPES[(tag - 1) // 4]))
    return spans


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=40), st.integers(min_value=0, max_value=2**31))
def test_decoding_equals_an_exhaustive_search(length: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    logits = rng.normal(scale=2.0, size=(length, len(TAGS)))
    logits[:, OUTSIDE] += rng.choice([0.0, 3.0, 8.0], size=length)  # stretches of sure O
    probs = np.exp(logits)
    probs /= probs.sum(axis=1, keepdims=True)
    probs = probs.astype(np.float32)
    found = [(s.start, s.end, s.type) for s in decode(probs)]
    assert found == _brute_force(probs)


@pytest.mark.parametrize("prefix", ["I", "E"])
def test_a_name_never_starts_inside(prefix: str) -> None:
    probs = np.full((3, len(TAGS)), 0.001, dtype=np.float32)
    probs[:, OUTSIDE] = 0.01
    probs[0, tagger_module.tag_index(prefix, EntityType.PERSON)] = 0.9
    probs[1, tagger_module.tag_index("I", EntityType.PERSON)] = 0.9
    probs[2, tagger_module.tag_index("E", EntityType.PERSON)] = 0.9
    spans = decode(probs)
    assert all(span.type is EntityType.PERSON or span.end - span.start for span in spans)
    assert [(s.start, s.end) for s in spans] in ([(0, 3)], [(1, 3)], [])


_SAMPLE_CHARS = "高新区臺灣體育０９ａＺaz09·•\x01 ，。" + "".join(
    chr(code) for code in list(f.simplified_table())[:200]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(_SAMPLE_CHARS), max_size=40), max_size=6))
def test_joined_codes_are_the_folded_texts_between_pads(texts: list[str]) -> None:
    x, offsets = join(texts)
    pads = [f.PAD] * 3
    expected: list[int] = list(pads)
    for text in texts:
        expected += [ord(char) for char in f.fold(text)] + pads
    assert x.dtype == np.uint64 and x.tolist() == expected
    assert offsets == [3 + sum(len(t) + 3 for t in texts[:i]) for i in range(len(texts))]


def test_row_maxima_equal_numpys() -> None:
    rng = np.random.default_rng(3)
    values = rng.standard_normal((1000, len(TAGS))).astype(np.float32)
    values[::7, 5] = values[::7, 2]  # ties
    assert np.array_equal(tagger_module._row_max(values), values.max(axis=1))
