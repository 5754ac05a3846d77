"""PDF export (QtGui only; no widgets): :func:`export_pdf` and its options."""

from reader.export.application import ensure_gui_application
from reader.export.fonts import find_cjk_font
from reader.export.options import DEFAULT_TITLE, PAGE_SIZE_NAMES, ExportOptions, ExportResult
from reader.export.pdf import export_pdf

__all__ = [
    "DEFAULT_TITLE",
    "PAGE_SIZE_NAMES",
    "ExportOptions",
    "ExportResult",
    "ensure_gui_application",
    "export_pdf",
    "find_cjk_font",
]
