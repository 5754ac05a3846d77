"""After Qt renders: metadata, the outline (bookmarks) and TOC links, via pypdf.

Qt's PDF engine writes neither an outline nor internal links, so the rendered bytes
are reopened with pypdf, completed, and written to the destination atomically
(a temporary file in the same folder, then ``os.replace``).
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link

from reader.errors import ExportError


@dataclass(frozen=True)
class OutlineEntry:
    title: str
    page_index: int
    """0-based page the entry jumps to."""


@dataclass(frozen=True)
class PageLink:
    page_index: int
    rect: tuple[float, float, float, float]
    """(left, bottom, right, top) in PDF points, origin bottom-left."""
    target_page_index: int


def check_writable(path: Path) -> None:
    """Raise :class:`ExportError` now rather than after rendering every page."""
    if path.is_dir():
        raise ExportError(f"无法写入 {path}：这是一个文件夹 (is a directory)")
    parent = path.parent
    if not parent.is_dir():
        raise ExportError(f"无法写入 {path}：文件夹不存在 (folder does not exist)")
    try:
        with tempfile.NamedTemporaryFile(dir=parent, prefix=".export-", suffix=".tmp"):
            pass
    except OSError as error:
        raise ExportError(f"无法写入 {path}：{error.strerror or error}") from error


def finish_pdf(
    rendered: bytes,
    path: Path,
    metadata: dict[str, str],
    outline: Sequence[OutlineEntry],
    links: Sequence[PageLink] = (),
) -> int:
    """Write the completed PDF to ``path``; returns its page count."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(rendered)))
    writer.add_metadata(metadata)
    for entry in outline:
        writer.add_outline_item(title=entry.title, page_number=entry.page_index)
    for link in links:
        writer.add_annotation(
            page_number=link.page_index,
            annotation=Link(rect=link.rect, target_page_index=link.target_page_index),
        )
    if outline:
        writer.page_mode = "/UseOutlines"
    page_count = len(writer.pages)
    temporary = ""
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as stream:
            writer.write(stream)
        os.replace(temporary, path)
    except OSError as error:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"无法写入 {path}：{error.strerror or error}") from error
    return page_count
