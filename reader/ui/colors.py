"""The UI's few shared colours: one place, so the greys match everywhere."""

from __future__ import annotations

MUTED_TEXT = "#6e6e73"
"""Secondary text: untitled headlines, dates, hints, line numbers, placeholders."""

MUTED_ITEM = "#7a7a7a"
"""Untitled stories in item views (a touch lighter than text on a white row)."""
