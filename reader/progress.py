"""Cancellation for long work that runs as a generator (indexing, export)."""

from __future__ import annotations

import threading
from collections.abc import Callable

Progress = Callable[[int, int], None]
"""``progress(done, total)``: called from the worker as long work advances."""


class Cancelled(Exception):
    """Raised inside long work when its :class:`CancelToken` was set."""


class CancelToken:
    """Set from any thread (the UI's Cancel button); checked by the worker between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
