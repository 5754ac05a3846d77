"""Ingest: a source file's bytes → :class:`~reader.domain.ParsedIssue`.

Plain Python only (no Qt, no database, no I/O beyond the bytes handed in):
:func:`decode_bytes` then :func:`parse_issue`.
"""

from reader.ingest.accounting import accounted_characters, source_characters, unaccounted
from reader.ingest.decode import MAX_FILE_BYTES, decode_bytes
from reader.ingest.parse import explicit_year, parse_issue

__all__ = [
    "MAX_FILE_BYTES",
    "accounted_characters",
    "decode_bytes",
    "explicit_year",
    "parse_issue",
    "source_characters",
    "unaccounted",
]
