"""Fonts: a real CJK face for reading, so Chinese never falls back to boxes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

CJK_FAMILIES = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
)
"""Preferred faces, in order; the first one installed wins (WenQuanYi ships with the
Makefile's font package)."""


def cjk_family() -> str | None:
    installed = set(QFontDatabase.families())
    return next((family for family in CJK_FAMILIES if family in installed), None)


def reading_font() -> QFont:
    font = QFont()
    family = cjk_family()
    if family:
        # A family list keeps Latin text in the CJK face too, so mixed lines share
        # one baseline and one line height.
        font.setFamilies([family])
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def apply_ui_font(app_font: QFont) -> QFont:
    """The application font with the CJK face first, keeping the platform size."""
    family = cjk_family()
    if family:
        app_font.setFamilies([family, *app_font.families()])
    return app_font
