"""A small hierarchy of classified errors; each carries a one-line user message."""


class ReaderError(Exception):
    """Base of every error the CLI and GUI show to a person as one clear line."""


class DecodeError(ReaderError):
    """A source file is empty, binary, too large, or in an unknown encoding."""


class ParseError(ReaderError):
    """A decoded file holds nothing that can be read as an issue."""


class StoreError(ReaderError):
    """The database cannot be opened, upgraded or written."""


class ExportError(ReaderError):
    """A PDF could not be written (no CJK font, unwritable path, cancelled)."""


class FontUnavailableError(ExportError):
    """No installed font can render and embed Chinese text faithfully."""
