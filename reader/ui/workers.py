"""Run service work off the UI thread and hand results back as Qt signals.

Two shapes of work exist: long generators (indexing) that report progress as they
go, and short calls (a search) whose answer may already be stale when it arrives.
Neither touches widgets from the worker thread; everything crosses over through
queued signals, so no ``processEvents()`` loops are needed anywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

from reader.crashlog import user_message

if TYPE_CHECKING:
    from reader.services import ArchiveService

log = logging.getLogger(__name__)


class GeneratorWorker(QThread):
    """Iterate a generator in a thread; every item becomes an ``item`` signal.

    The generator is created inside the thread (``factory``) so that any set-up it
    does (opening a session, reading files) also happens off the UI thread.
    """

    item = Signal(object)
    failed = Signal(str)
    """A user-facing message; the traceback goes to the log."""

    def __init__(self, factory: Callable[[], Iterator[Any]], parent: QObject | None = None):
        super().__init__(parent)
        self._factory = factory

    def run(self) -> None:
        from reader.progress import Cancelled

        try:
            for value in self._factory():
                self.item.emit(value)
        except Cancelled:
            # Cancelling is a normal way to end: the caller already knows it asked.
            pass
        except Exception as exc:  # noqa: BLE001 - reported to the user, logged in full
            log.exception("background work failed")
            self.failed.emit(user_message(exc))


class CallThread(QThread):
    """Run one call in its own thread; ``done(result)`` or ``failed(message)`` follows.

    For work that happens once and must not wait for a pool slot: opening the archive
    at start-up. ``result`` keeps the value too, for a caller that ``wait()``s instead
    of listening (a window closed while the call ran).
    """

    done = Signal(object)
    failed = Signal(str)
    """A user-facing one-line message."""
    progress = Signal(int, int)
    """(done, total) of a long call that reports through :meth:`report`."""

    def __init__(self, func: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._func = func
        self.result: Any = None

    def run(self) -> None:
        from reader.errors import ReaderError

        try:
            result = self._func()
        except ReaderError as exc:
            # Classified errors carry their own message, shown as one line (a wrapped
            # driver error may append more lines: those go to the log only).
            log.warning("%s", exc)
            message = str(exc).strip().splitlines()
            self.failed.emit(message[0] if message else type(exc).__name__)
            return
        except Exception as exc:  # noqa: BLE001 - reported to the user, logged in full
            log.exception("background call failed")
            self.failed.emit(user_message(exc))
            return
        self.result = result
        self.done.emit(result)

    def report(self, done: int, total: int) -> None:
        """Hand to the call as its progress callback (runs in this thread; the signal
        is queued to the receiver's)."""
        self.progress.emit(done, total)


@dataclass(frozen=True)
class OpenedArchive:
    service: ArchiveService
    search_index_damaged: bool
    """The cheap look at opening found the search index unusable or incomplete."""


def open_archive(
    db_path: Path | str | None, progress: Callable[[int, int], None] | None = None
) -> OpenedArchive:
    """Open the archive (``reader.bootstrap.open_service``) and take a quick look at
    its search index; meant for a worker thread.

    The import is here, not at module level: it pulls in the store and SQLAlchemy,
    which is most of the start-up cost, and must not happen on the UI thread.
    ``progress(done, total)`` follows an upgrade that rebuilds the search index.
    """
    from reader.bootstrap import open_service

    service = open_service(db_path, progress)
    try:
        damaged = service.search_index_looks_damaged()
    except Exception:
        service.close()
        raise
    return OpenedArchive(service, damaged)


class _CallSignals(QObject):
    # A QRunnable is not a QObject, so its signals live on a small carrier object.
    done = Signal(int, object)
    failed = Signal(int, str)


class _Call(QRunnable):
    def __init__(self, ticket: int, func: Callable[[], Any], signals: _CallSignals) -> None:
        super().__init__()
        self._ticket = ticket
        self._func = func
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._func()
        except Exception as exc:  # noqa: BLE001 - shown in the status line, logged in full
            log.exception("background call failed")
            self._signals.failed.emit(self._ticket, user_message(exc))
            return
        self._signals.done.emit(self._ticket, result)


class LatestCallRunner(QObject):
    """Run calls in a thread pool and deliver only the answer to the latest one.

    A database query cannot be interrupted half-way, so "cancelling" a stale
    request means numbering every request and dropping answers to old numbers.
    """

    resultReady = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticket = 0
        self._pool = QThreadPool(self)
        # One worker keeps SQLite readers from piling up while the user types fast.
        self._pool.setMaxThreadCount(1)
        self._signals = _CallSignals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)

    @property
    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def submit(self, func: Callable[[], Any]) -> int:
        self._ticket += 1
        # Queued runs that have not started yet are stale by definition.
        self._pool.clear()
        self._pool.start(_Call(self._ticket, func, self._signals))
        return self._ticket

    def invalidate(self) -> None:
        """Forget every request in flight (e.g. the query box was cleared)."""
        self._ticket += 1
        self._pool.clear()

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    def _on_done(self, ticket: int, result: object) -> None:
        if ticket == self._ticket:
            self.resultReady.emit(result)

    def _on_failed(self, ticket: int, message: str) -> None:
        if ticket == self._ticket:
            self.failed.emit(message)
