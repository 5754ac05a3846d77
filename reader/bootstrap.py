"""Composition root for the core: builds the store and the service over one database."""

from __future__ import annotations

from pathlib import Path

from reader.paths import default_database_path
from reader.progress import Progress
from reader.services import ArchiveService
from reader.store.repository import Store


def open_service(
    db_path: Path | str | None = None, progress: Progress | None = None
) -> ArchiveService:
    """Open (creating or upgrading) the archive database and return its service.

    ``db_path`` None means ``$READER_DB`` or the per-user data directory;
    ``progress(done, total)`` follows an upgrade that rebuilds the search index.
    """
    path = Path(db_path) if db_path else default_database_path()
    return ArchiveService(Store.open(path, progress))
