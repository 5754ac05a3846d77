"""Decoding: every accepted encoding gives the same text and the same parse; each kind
of bad file gets its own clear message."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.errors import DecodeError
from reader.ingest import MAX_FILE_BYTES, decode_bytes, parse_issue

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def _variants(text: str) -> dict[str, bytes]:
    return {
        "gb18030": text.encode("gb18030"),
        "gbk": text.encode("gbk", errors="strict") if _gbk_ok(text) else text.encode("gb18030"),
        "utf-8-bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf-16-le-bom": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf-16-be-bom": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "cr": text.replace("\n", "\r").encode("utf-8"),
        "gb18030-crlf": text.replace("\n", "\r\n").encode("gb18030"),
    }


def _gbk_ok(text: str) -> bool:
    try:
        text.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_reencoded_seeds_parse_identically(path: Path) -> None:
    original = decode_bytes(path.read_bytes(), path.name)
    expected = parse_issue(original, path.name, fallback_year=2025)
    for variant, data in _variants(original).items():
        text = decode_bytes(data, path.name)
        assert text == original, variant
        assert parse_issue(text, path.name, fallback_year=2025) == expected, variant


def _message(data: bytes) -> str:
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data, "bad.txt")
    message = str(caught.value)
    assert "\n" not in message and "bad.txt" in message
    return message


def test_each_bad_file_gets_its_own_clear_message() -> None:
    messages = {
        "empty": _message(b""),
        "blank": _message(b" \r\n\t\n\xe3\x80\x80\n"),  # includes an ideographic space
        "nul": _message(b"PK\x03\x04\x00\x00binary\x00zip"),
        "controls": _message(bytes(range(1, 8)) * 50),
        "too-large": _message(b"a" * (MAX_FILE_BYTES + 1)),
        "unknown": _message("Привет, как дела? Это тест.".encode("cp1251")),
        "utf16-no-bom": _message("plain ascii text in utf-16".encode("utf-16-le")),
    }
    assert "empty" in messages["empty"] and messages["empty"] == messages["blank"]
    assert "NUL" in messages["nul"]
    assert "control" in messages["controls"]
    assert "8 MiB" in messages["too-large"]
    assert "unknown encoding" in messages["unknown"]
    assert "without a byte-order mark" in messages["utf16-no-bom"]
    distinct = {k: v for k, v in messages.items() if k != "blank"}
    assert len(set(distinct.values())) == len(distinct)


def test_size_limit_is_documented_and_inclusive() -> None:
    assert MAX_FILE_BYTES == 8 * 1024 * 1024
    assert decode_bytes(b"a" * MAX_FILE_BYTES) == "a" * MAX_FILE_BYTES


def test_utf8_is_preferred_and_gbk_still_read() -> None:
    text = "本报讯（记者付凯明）11月2日，高新区召开大气污染防治攻坚调度会。"
    assert decode_bytes(text.encode("utf-8")) == text
    assert decode_bytes(text.encode("gbk")) == text


def test_gbk_reading_of_other_encodings_is_rejected_as_mojibake() -> None:
    # Shift-JIS and Big5 bytes often are valid GB18030, but read as a jumble of rare
    # characters; refusing beats indexing garbage.
    _message(
        "東京都で大気汚染防止の会議が開かれました。会議は午後に終わりました。".encode("shift_jis")
    )
    _message("高新區召開大氣污染防治攻堅調度會，總結復盤過去一周攻堅工作。".encode("big5"))


def test_newlines_are_normalised() -> None:
    assert decode_bytes(b"a\r\nb\rc\n") == "a\nb\nc\n"


_CHINESE = st.text(
    alphabet=st.sampled_from(
        list("高新区召开大气污染防治攻坚调度会本报讯记者通讯员付凯明")
        + list("，。、；：“”（）！？ 0123456789\n")
    ),
    min_size=1,
    max_size=200,
).filter(lambda t: t.strip())


@given(_CHINESE, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_round_trip(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text
