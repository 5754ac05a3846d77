"""Where an archive lives: an SQLite file (a plain path, the embedded default) or a
database server (a URL: ``postgresql://user@host/db``).

Every command's ``--db``, ``$READER_DB`` and the window accept both. A path is never
taken for a URL: only a value that starts with a known scheme is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError
from reader.paths import DATABASE_URL, is_database_url

__all__ = ["DatabaseTarget", "is_database_url", "resolve"]

_SCHEME = DATABASE_URL


@dataclass(frozen=True)
class DatabaseTarget:
    """One archive database: its SQLAlchemy URL, and the file when it is SQLite."""

    url: str
    path: Path | None
    """The SQLite file; None for a server."""

    @property
    def is_server(self) -> bool:
        return self.path is None

    @property
    def display(self) -> str:
        """The path, or the URL with any password hidden (for messages and titles)."""
        if self.path is not None:
            return str(self.path)
        return re.sub(r"(//[^:/@]+):[^@/]*@", r"\1:***@", self.url)

    def __str__(self) -> str:
        return self.display


def resolve(value: str | Path) -> DatabaseTarget:
    """A path or URL as typed → the database it names."""
    text = str(value)
    found = _SCHEME.match(text)
    if found is None:
        path = Path(text).expanduser()
        return DatabaseTarget(f"sqlite:///{path}", path)
    scheme, rest = found.group("scheme"), found.group("rest")
    if scheme.startswith("sqlite"):
        path = Path("/" + rest if text.startswith("sqlite:////") else rest).expanduser()
        return DatabaseTarget(f"sqlite:///{path}", path)
    if not rest or rest.startswith("?"):
        raise ReaderError(f"数据库地址不完整 (incomplete database URL: {text})")
    return DatabaseTarget(f"postgresql+psycopg://{rest}", None)
