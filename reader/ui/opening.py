"""Opening the archive: the one piece of work that runs before there is an archive to
hand to :class:`~reader.ui.ops.ArchiveOps` (it runs as an ``ops.task``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.services import ArchiveService


@dataclass(frozen=True)
class OpenedArchive:
    """The open archive and what the window needs to know about it at once."""

    service: ArchiveService
    search_index_damaged: bool = False
    """The cheap look at opening found the search index unusable or incomplete."""
    empty: bool = False
    """Nothing indexed yet (first start): the window indexes the bundled seeds."""
    last_article_id: int | None = None
    """The article open when the window last closed, if it still exists."""


def open_archive(
    db_path: Path | str | None,
    progress: Callable[[int, int], None] | None = None,
    last_article_key: str | None = None,
) -> OpenedArchive:
    """Open the archive (``reader.bootstrap.open_service``) and read what the window
    shows first; meant for a worker thread.

    The import is here, not at module level: it pulls in the store and SQLAlchemy,
    which is most of the start-up cost, and must not happen on the UI thread.
    ``progress(done, total)`` follows an upgrade that rebuilds the search index.
    """
    from reader.bootstrap import open_service

    service = open_service(db_path, progress)
    try:
        last = service.article_by_key(last_article_key) if last_article_key else None
        return OpenedArchive(
            service,
            search_index_damaged=service.search_index_looks_damaged(),
            empty=service.is_empty(),
            last_article_id=last.id if last else None,
        )
    except BaseException:
        service.close()
        raise
