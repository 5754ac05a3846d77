"""Choosing a CJK font whose text layer survives Qt's PDF engine.

Qt embeds a subset of the font and writes a ``ToUnicode`` map built by asking, for
each code point from U+0000 upwards, which glyph the font uses; the *lowest* code
point that reaches a glyph wins. A font that draws a Kangxi radical (U+2F00–U+2FDF)
or a CJK radical (U+2E80–U+2EFF) with the same glyph as the ideograph it resembles
therefore turns ``高`` into ``⾼`` in every copied or searched text. Noto Sans CJK /
Source Han Sans do exactly that; WenQuanYi Micro Hei does not. So each candidate font
is checked here, at run time, before it is used.
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Callable, Iterable

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from reader.errors import FontUnavailableError

FontFinder = Callable[[], "str | None"]
"""Returns the family to typeset Chinese with, or None when there is none."""

PREFERRED_FAMILIES = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
)
"""Tried first, in order; any other installed Simplified Chinese family comes after.
Every candidate must still pass :func:`text_layer_faithful`."""

SAMPLE = "高新区报刊档案，。“”：；（）《》、！？—…·0123456789ABCxyz"
"""Characters every candidate must draw itself (no fallback to another font)."""

_GUARDED_RANGES = ((0x3000, 0x3040), (0x4E00, 0xA000), (0xFF00, 0xFFF0))
"""Text whose code points must come back unchanged: CJK punctuation, the unified
ideographs, full-width forms."""

INSTALL_HINT = (
    "没有可用于 PDF 的中文字体；请安装文泉驿微米黑（Debian/Ubuntu：sudo apt install "
    "fonts-wqy-microhei）(no CJK font that embeds with an exact text layer; install "
    "fonts-wqy-microhei)"
)


def _bmp_text() -> str:
    return "".join(chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c < 0xE000)


def shadowed_characters(raw: QRawFont, text: str | None = None) -> list[str]:
    """Characters of ``text`` (default: every guarded character) whose glyph is also
    reached from a lower code point, so that a PDF text layer would misname them."""
    chars = _bmp_text()
    glyphs = raw.glyphIndexesForString(chars)
    first: dict[int, str] = {}
    for char, glyph in zip(chars, glyphs, strict=True):
        if glyph:
            first.setdefault(glyph, char)
    if text is None:
        wanted: Iterable[str] = (
            chr(c) for start, stop in _GUARDED_RANGES for c in range(start, stop)
        )
    else:
        wanted = sorted(set(text))
    wanted = [c for c in wanted if "\u0020" <= c < "\U00010000" and not "\ud800" <= c < "\ue000"]
    found = raw.glyphIndexesForString("".join(wanted)) if wanted else []
    return [c for c, g in zip(wanted, found, strict=True) if g and first.get(g) != c]


def _embeddable(raw: QRawFont) -> bool:
    """False when the font's OS/2 ``fsType`` forbids embedding (restricted licence)."""
    table = bytes(raw.fontTable("OS/2").data())
    if len(table) < 10:
        return True
    (fs_type,) = struct.unpack(">H", table[8:10])
    return (fs_type & 0x000F) != 0x0002


@functools.lru_cache(maxsize=32)
def text_layer_faithful(family: str) -> bool:
    """True when ``family`` is installed as itself, draws :data:`SAMPLE`, may be
    embedded, and gives every guarded character back unchanged in a PDF text layer."""
    font = QFont()
    font.setFamilies([family])
    raw = QRawFont.fromFont(font)
    if not raw.isValid() or raw.familyName().casefold() != family.casefold():
        return False
    if not all(raw.glyphIndexesForString(SAMPLE)):
        return False
    return _embeddable(raw) and not shadowed_characters(raw)


def candidate_families() -> list[str]:
    installed = QFontDatabase.families()
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    ordered = [f for f in PREFERRED_FAMILIES if f in installed]
    ordered += [f for f in chinese if f not in ordered and not QFontDatabase.isPrivateFamily(f)]
    return ordered


def find_cjk_font() -> str | None:
    """The first installed family that passes :func:`text_layer_faithful`, or None."""
    return next((f for f in candidate_families() if text_layer_faithful(f)), None)


def require_cjk_font(finder: FontFinder = find_cjk_font) -> str:
    family = finder()
    if not family:
        raise FontUnavailableError(INSTALL_HINT)
    return family
