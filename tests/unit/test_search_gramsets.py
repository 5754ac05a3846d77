"""The array-based folding and gram sets equal their plain per-character definitions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.search.fts import SearchDocument
from reader.search.gramsets import fold_fields, fold_long, gram_text
from reader.search.normalize import LONG_TEXT, fold, fold_table

# Chinese text, the characters that fold (width, case, spaces, controls), astral ones.
_CHARS = st.one_of(
    st.sampled_from("高新区召开会议，。、“”《》０１２ＡＢｃ abcXYZ\u3000\t\n\r\x00\x7f"),
    st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF, exclude_categories=["Cs"]),
)
_TEXTS = st.text(_CHARS, max_size=200)


def _translated(text: str) -> str:
    return text.translate(fold_table())


def _reference_grams(fields: list[str]) -> set[str]:
    grams: set[str] = set()
    for field in fields:
        grams.update(field)
        grams.update(field[i : i + 2] for i in range(len(field) - 1))
    return grams


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_the_array_fold_is_the_translated_fold(text: str) -> None:
    assert fold_long(text) == _translated(text)
    assert fold(text) == _translated(text)


def test_every_folding_character_folds_alike_both_ways() -> None:
    every = "".join(map(chr, fold_table()))
    assert len(every) >= LONG_TEXT
    assert fold_long(every) == _translated(every) != every


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXTS, max_size=6))
def test_fields_are_folded_each_alone(fields: list[str]) -> None:
    assert fold_fields(fields) == [_translated(field) for field in fields]


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXTS, max_size=6))
def test_the_gram_text_is_every_character_and_every_bigram_inside_a_field(
    fields: list[str],
) -> None:
    folded = [_translated(field) for field in fields]
    text = gram_text(folded)
    tokens = text.split(" ") if text else []
    assert len(tokens) == len(set(tokens))
    assert set(tokens) == _reference_grams(folded)


def test_no_gram_spans_two_fields() -> None:
    document = SearchDocument("高新", None, "区委", ("王五",), ("召开", "", "会议"))
    index = document.index_text()
    assert set(index.grams.split(" ")) == {
        *"高新区委王五召开会议",
        *("高新", "区委", "王五", "召开", "会议"),
    }
    assert set(index.head_grams.split(" ")) == {*"高新区委", "高新", "区委"}
    assert index.body == "召开\u2029会议\u2029"
