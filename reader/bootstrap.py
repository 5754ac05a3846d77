"""Composition root for the core: builds the store and the service over one database."""

from __future__ import annotations

from pathlib import Path

from reader.errors import ReaderError
from reader.paths import default_database
from reader.progress import Progress
from reader.services import ArchiveService
from reader.store.location import DatabaseTarget, is_database_url, resolve
from reader.store.repository import Store


def open_service(
    db_path: Path | str | None = None, progress: Progress | None = None
) -> ArchiveService:
    """Open (creating or upgrading) the archive database and return its service.

    ``db_path`` is a file path (SQLite) or a database URL (``postgresql://user@host/db``);
    None means ``$READER_DB`` or the per-user data directory;
    ``progress(done, total)`` follows an upgrade that rebuilds the search index.
    """
    target = resolve(db_path) if db_path else resolve(default_database())
    return ArchiveService(Store.open(target, progress))


def connect_server(url: str, progress: Progress | None = None) -> ArchiveService:
    """Open the shared archive on a database server (the window's 连接服务器…).

    ``url`` is ``postgresql://user[:password]@host[:port]/database``; the database must
    exist, and its archive tables are created (or upgraded) when missing. Raises
    :class:`ReaderError` (one line) for a value that is not a server URL or a server
    that cannot be reached. Run it off the UI thread: it connects over the network."""
    url = url.strip()
    if not is_database_url(url) or resolve(url).is_server is False:
        raise ReaderError(
            f"不是数据库服务器地址 (not a server URL: {url}); 例如 postgresql://user@host/db"
        )
    return open_service(url, progress)


def describe_database(value: Path | str | DatabaseTarget) -> str:
    """The path, or the URL with its password hidden: for titles, settings and messages."""
    target = value if isinstance(value, DatabaseTarget) else resolve(value)
    return target.display
