"""From a source file's bytes to text with ``\\n`` line ends, or one clear :class:`DecodeError`.

Accepted: UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM, GB18030 (a superset
of GBK and GB2312). Anything else is refused with one human-readable line, in Chinese with
an English gloss like the indexer's other messages, that the CLI prints as is and the
GUI shows in a dialog.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter

from reader.errors import DecodeError

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Largest source file accepted (8 MiB). One issue of the paper is 10–30 KB of text, so
anything this large is not an issue file; the limit keeps a mistaken pick of a video or a
database dump from being read into memory and parsed."""

# Checked longest first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Control characters other than line ends, tabs and form feeds."""
_C0_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_SHARE_LIMIT = 0.05
"""Real text has next to no control characters; a few stray ones are tolerated."""
_ODD_SHARE_LIMIT = 0.05
"""Share of rare characters above which a GB18030 reading is taken for mojibake."""
_RARE_HAN_LIMIT = 0.25
_SAMPLE_CHARS = 65536
"""Plausibility is judged on the start of the text: a wrong decoding shows at once."""


def decode_bytes(data: bytes, name: str = "") -> str:
    """Decode one source file; ``name`` only makes the error message specific.

    Strict UTF-8 is tried before GB18030 because GB18030 accepts almost any byte string,
    while valid UTF-8 is very unlikely to arise from GBK bytes by chance. A UTF-8 reading
    that is itself implausible (many rare characters) loses to a clean GB18030 reading.
    """
    label = f"“{name}”" if name else "the file"
    if len(data) > MAX_FILE_BYTES:
        raise DecodeError(
            f"文件过大（{_size(len(data))}，上限 {_size(MAX_FILE_BYTES)}）"
            f"(file too large: {label} is over the limit for one issue file)"
        )
    text = _decode(data, label)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DecodeError(f"文件为空 (empty file: {label} holds no text, or only whitespace)")
    if _control_share(text) > _CONTROL_SHARE_LIMIT:
        raise DecodeError(_binary(label, "it is mostly control characters"))
    return text


def _decode(data: bytes, label: str) -> str:
    for bom, codec, family in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise DecodeError(
                    f"文件编码损坏 (broken {family}: {label} starts with a {family} "
                    f"byte-order mark but is not valid {family})"
                ) from None
            if _unassigned_share(text) > _ODD_SHARE_LIMIT:
                raise DecodeError(
                    f"文件编码损坏 (broken {family}: {label} starts with a {family} "
                    "byte-order mark but decodes to garbage)"
                )
            return text
    if b"\x00" in data:
        if _alternating_nuls(data):
            raise DecodeError(
                f"无法识别的文字编码 (unknown encoding: {label} looks like UTF-16 without a "
                "byte-order mark; save it as UTF-8, or UTF-16 with a BOM)"
            )
        raise DecodeError(_binary(label, "it contains NUL bytes"))
    utf8 = _try(data, "utf-8")
    if utf8 is not None and _odd_share(utf8) <= _ODD_SHARE_LIMIT:
        return utf8
    gb = _try(data, "gb18030")
    if utf8 is not None and (gb is None or _odd_share(utf8) <= _odd_share(gb) + 0.2):
        return utf8
    if gb is not None and _odd_share(gb) <= _ODD_SHARE_LIMIT and _looks_chinese(gb):
        return gb
    if utf8 is not None:
        return utf8  # valid UTF-8 with unusual characters (emoji, rare Han) is still UTF-8
    if _c0_share(data) > _CONTROL_SHARE_LIMIT:
        raise DecodeError(_binary(label, "it is mostly control characters"))
    raise DecodeError(
        f"无法识别的文字编码 (unknown encoding: {label} is not UTF-8, UTF-16 with a "
        "byte-order mark, or GB18030/GBK)"
    )


def _c0_share(data: bytes) -> float:
    """Share of C0 control bytes; unlike bytes 0x80–0x9F these occur in no text encoding
    accepted here except as line ends and tabs."""
    controls = len(_C0_BYTES.findall(data))
    return controls / max(len(data), 1)


def _binary(label: str, why: str) -> str:
    return f"二进制文件，不是文本 (binary file: {label} is not text; {why})"


def _alternating_nuls(data: bytes) -> bool:
    """NULs in every other byte, as ASCII-heavy UTF-16 without a BOM has them."""
    sample = data[:4096]
    if len(sample) < 8:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) >= len(sample) // 4 and min(even, odd) == 0


def _looks_chinese(text: str) -> bool:
    """Do the Han characters come from the 3,755 most common ones (GB2312 level 1)?

    Real copy stays above 99% (only rare names and words fall outside). Shift-JIS or
    Big5 bytes read as GBK give a jumble in which most characters are rare.
    """
    counts = Counter(text[:_SAMPLE_CHARS])
    han = {ch: n for ch, n in counts.items() if "\u4e00" <= ch <= "\u9fff"}
    total = sum(han.values())
    if total < 10:
        return True
    rare = sum(n for ch, n in han.items() if not _is_common_han(ch))
    return rare / total <= _RARE_HAN_LIMIT


@functools.lru_cache(maxsize=65536)
def _is_common_han(ch: str) -> bool:
    try:
        encoded = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return 0xB0 <= encoded[0] <= 0xD7


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROLS.findall(text)) / len(text)


def _odd_share(text: str) -> float:
    """Share of characters that ordinary Chinese news text almost never contains.

    Private-use code points, unassigned ones, and characters outside the GBK repertoire
    (GB18030 needs four bytes for them) are what a wrong decoding produces.
    """
    # Counted per distinct character (a text has a few thousand), not per character.
    counts = Counter(text[:_SAMPLE_CHARS])
    visible = sum(n for ch, n in counts.items() if not ch.isspace())
    if not visible:
        return 0.0
    odd = sum(n for ch, n in counts.items() if not ch.isspace() and _is_odd(ch))
    return odd / visible


def _unassigned_share(text: str) -> float:
    """Share of private-use, unassigned and surrogate code points: what random bytes
    behind a byte-order mark decode to."""
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Co", "Cn", "Cs"))
    return bad / len(sample)


@functools.lru_cache(maxsize=65536)  # a text has a few thousand distinct characters
def _is_odd(ch: str) -> bool:
    if ch.isascii():
        return unicodedata.category(ch) == "Cc"
    category = unicodedata.category(ch)
    if category in ("Co", "Cn", "Cs"):
        return True
    try:
        return len(ch.encode("gb18030")) == 4 and not _is_common_extra(ch)
    except UnicodeEncodeError:
        return True


def _is_common_extra(ch: str) -> bool:
    # Characters outside GBK that still turn up in real copy: subscript digits (PM₁₀),
    # a few typographic marks, and BOM/zero-width characters.
    return ch in "₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹•–\u200b\u200c\u200d\u2060\ufeff"


def _size(n: int) -> str:
    mib = 1024 * 1024
    if n % mib == 0:
        return f"{n // mib} MiB"
    return f"{n / mib:.2f} MiB"
