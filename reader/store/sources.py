"""Reading an indexed source file again, as it is now (for the source view)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.domain import LineSpan, SourceExcerpt
from reader.store.codec import sha256_of


def read_excerpt(path: str, name: str, sha256: str, spans: Sequence[LineSpan]) -> SourceExcerpt:
    """The article's source lines, read from the file as it is now (decoded like the indexer)."""
    # Imported here: the store is opened at start-up, the ingest package only on demand.
    from reader.errors import DecodeError
    from reader.ingest.decode import decode_bytes

    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return SourceExcerpt(name, path, (), f"源文件无法读取：{error.strerror or error}")
    try:
        lines = decode_bytes(data, name).split("\n")
    except DecodeError as error:
        return SourceExcerpt(name, path, (), str(error))
    note = "" if sha256_of(data) == sha256 else "源文件在索引后已改动，行号可能不再对应。"
    picked: list[tuple[int, str]] = []
    for span in spans:
        for number in range(span.first, span.last + 1):
            if 1 <= number <= len(lines):
                picked.append((number, lines[number - 1]))
    return SourceExcerpt(name, path, tuple(picked), note)
