"""What a related-articles signature stores: the low 16 bits of each MinHash bin."""

from __future__ import annotations

import numpy as np
import pytest

from reader.search import minhash

TEXT = "高新区召开大气污染防治攻坚推进会，要求各单位压实责任、细化措施。"


def test_a_stored_bin_is_the_low_half_of_the_minimum() -> None:
    text_bytes, head_bytes = minhash.signatures("大气污染防治推进会", None, [TEXT])
    full = minhash.minhash(
        minhash.normalise(("大气污染防治推进会", None, TEXT)),
        minhash.TEXT_SHINGLE,
        minhash.TEXT_BINS,
    )
    assert full is not None and full.max() > 0xFFFF  # the high bits exist and are cut
    assert len(text_bytes) == 2 * minhash.TEXT_BINS
    assert head_bytes is not None and len(head_bytes) == 2 * minhash.HEAD_BINS
    stored = minhash.from_bytes(text_bytes, minhash.TEXT_BINS)
    assert stored is not None
    assert stored.tolist() == (full & 0xFFFF).tolist()


def test_similarity_discounts_agreement_by_chance() -> None:
    bins = minhash.TEXT_BINS
    a = np.arange(bins, dtype=np.uint16)
    assert minhash.similarity(a, a.copy()) == 1.0
    assert minhash.similarity(a, a + 1) == 0.0
    half = a.copy()
    half[: bins // 2] += 1
    chance = 2.0**-16
    assert minhash.similarity(a, half) == pytest.approx((0.5 - chance) / (1 - chance))
    assert minhash.similarity(a, half) < 0.5


def test_unrelated_texts_estimate_near_zero_and_a_copy_one() -> None:
    rng = np.random.default_rng(7)
    alphabet = [chr(code) for code in range(0x4E00, 0x4E00 + 3000)]
    texts = ["".join(rng.choice(alphabet, 400)) for _ in range(40)]
    signatures = [minhash.signatures(None, None, [text])[0] for text in texts]
    arrays = [minhash.from_bytes(blob, minhash.TEXT_BINS) for blob in signatures]
    values = [
        minhash.similarity(arrays[i], arrays[j])  # type: ignore[arg-type]
        for i in range(len(arrays))
        for j in range(i + 1, len(arrays))
    ]
    assert max(values) <= 3 / minhash.TEXT_BINS
    copy = minhash.from_bytes(minhash.signatures(None, None, [texts[0]])[0], minhash.TEXT_BINS)
    assert minhash.similarity(arrays[0], copy) == 1.0  # type: ignore[arg-type]


def test_old_wide_signatures_are_narrowed_and_narrow_ones_kept() -> None:
    full = np.array([0x12345678, 0xABCDEF01] * 8, dtype=np.uint32)
    wide = full.astype("<u4").tobytes()
    narrow = minhash.narrowed(wide, 16)
    assert narrow == np.array([0x5678, 0xEF01] * 8, dtype="<u2").tobytes()
    assert minhash.narrowed(narrow, 16) == narrow
    assert minhash.narrowed(b"\x00" * 5, 16) is None
    assert minhash.narrowed(None, 16) is None
    assert minhash.from_bytes(wide, 16) is None  # an old row is never read as a new one
    stacked = minhash.stack([narrow, None, wide], 16)
    assert stacked.shape == (3, 16)
    assert stacked[0].tolist() == [0x5678, 0xEF01] * 8
    assert stacked[1].tolist() == stacked[2].tolist() == [0] * 16
