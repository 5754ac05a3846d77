"""The CJK font check: WenQuanYi passes, a font sharing glyphs with radicals fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.errors import FontUnavailableError
from reader.export.fonts import (
    find_cjk_font,
    require_cjk_font,
    shadowed_characters,
    text_layer_faithful,
)


class RadicalSharingFont:
    """Stands in for Noto Sans CJK: ``⾼`` (U+2FBC) and ``高`` use one glyph."""

    def glyphIndexesForString(self, text: str) -> list[int]:  # noqa: N802 - Qt's name
        shared = {"\u2fbc": 7, "高": 7, "\u2f49": 9, "月": 9}
        return [shared.get(c, ord(c)) for c in text]


def test_glyph_shared_with_a_lower_code_point_is_reported() -> None:
    shadowed = shadowed_characters(RadicalSharingFont(), "高新区月")  # type: ignore[arg-type]
    assert shadowed == ["月", "高"]


def test_wenquanyi_is_found_and_faithful(qapp) -> None:  # noqa: ARG001
    assert text_layer_faithful("WenQuanYi Micro Hei")
    assert find_cjk_font() == "WenQuanYi Micro Hei"


def test_unknown_family_is_not_faithful(qapp) -> None:  # noqa: ARG001
    assert not text_layer_faithful("No Such Font 42")


def test_no_font_gives_a_clear_error() -> None:
    with pytest.raises(FontUnavailableError, match="fonts-wqy-microhei"):
        require_cjk_font(lambda: None)


NOTO = os.environ.get("READER_TEST_NOTO_CJK", "")


@pytest.mark.skipif(not NOTO, reason="set READER_TEST_NOTO_CJK=/path/NotoSansCJK-Regular.ttc")
def test_noto_sans_cjk_is_rejected(qapp) -> None:  # noqa: ARG001
    from PySide6.QtGui import QFontDatabase

    font_id = QFontDatabase.addApplicationFont(str(Path(NOTO)))
    assert font_id >= 0
    try:
        assert not text_layer_faithful("Noto Sans CJK SC")
    finally:
        QFontDatabase.removeApplicationFont(font_id)
