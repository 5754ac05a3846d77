"""Small pure helpers the store needs: file hashing, stable article keys, source excerpts."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from reader.domain import LineSpan, ParsedArticle, SourceExcerpt


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def base_key(article: ParsedArticle, issue_date_iso: str) -> str:
    """A key that survives re-indexing: derived from what the article says, not from ids.

    Headline + opening words + issue date identify an article even when the file is
    re-laid-out or renamed. A story printed twice gets a ``-2`` suffix (see the writer).
    """
    body = "".join(article.paragraphs)[:80]
    seed = "\x1f".join((article.title or "", article.display_title, body, issue_date_iso))
    return hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]


def unique_key(base: str, taken: set[str]) -> str:
    key, counter = base, 2
    while key in taken:
        key = f"{base}-{counter}"
        counter += 1
    taken.add(key)
    return key


def read_excerpt(path: str, name: str, sha256: str, spans: Sequence[LineSpan]) -> SourceExcerpt:
    """The article's source lines, read from the file as it is now (decoded like the indexer)."""
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
