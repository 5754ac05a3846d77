"""Item models over :class:`reader.services.ArchiveService` results (no SQL, no widgets)."""
