"""The archive's service for widgets and models built before the archive is open."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.services import ArchiveService


class ServiceUser:
    """Mixin: ``service`` is the open archive, asked for only once it is open.

    The window is built (and shown) before a worker has opened the archive; each
    panel keeps ``_service`` None until ``set_service`` hands it over.
    """

    _service: ArchiveService | None = None

    @property
    def service(self) -> ArchiveService:
        if self._service is None:
            raise RuntimeError("the archive is not open yet")
        return self._service
