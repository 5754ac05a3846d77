"""The one way the UI calls the archive (after Anki's ``QueryOp``/``CollectionOp``).

A **query** reads off the UI thread and hands its result to a callback on the UI
thread. Queries on the same ``channel`` are latest-wins: a new one drops the answer of
the one before (a running SQLite query cannot be interrupted, so its answer is simply
ignored) and takes a queued one off the pool before it starts.

An **operation** writes: operations run one at a time, in order, off the UI thread,
with progress, items (indexing events) and cancel. When one succeeds, ``archiveChanged``
says what changed, and each panel decides what to refresh.

One error path for both: a :class:`~reader.errors.ReaderError` is one line (the
caller's ``failed`` callback, else ``failed`` for the status bar); anything else is
logged with its traceback (``reader.crashlog``) and ``crashed`` carries the one line
that names the log, for a dialog.

Widgets never hold the service. In tests (``READER_GUARD_UI_THREAD=1``) the service is
wrapped so that a call made from ``reader.ui`` code on the UI thread raises
:class:`ServiceCalledOnUIThread`, which fails the test.
"""

from __future__ import annotations

import enum
import logging
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread, QThreadPool, Signal

from reader.crashlog import user_message
from reader.progress import CancelToken

if TYPE_CHECKING:
    from reader.services import ArchiveService

log = logging.getLogger(__name__)

T = TypeVar("T")

GUARD_ENV = "READER_GUARD_UI_THREAD"


class Change(enum.Flag):
    """What an operation changed; ``archiveChanged`` carries it."""

    ARTICLES = enum.auto()
    """Issues and articles were added, replaced or removed (indexing)."""
    BOOKMARKS = enum.auto()
    """A bookmark or a note was added, edited or removed."""
    ENTITIES = enum.auto()
    """The entity index changed (a repair)."""
    SEARCH_INDEX = enum.auto()
    """The search index was rebuilt (a repair)."""
    EVERYTHING = ARTICLES | BOOKMARKS | ENTITIES | SEARCH_INDEX


class ServiceCalledOnUIThread(AssertionError):
    """A widget called the archive on the UI thread (tests only)."""


@dataclass(eq=False)
class Job(Generic[T]):
    """One query or operation in flight; ``cancel()`` asks an operation to stop and
    drops a query's answer."""

    channel: str | None = None
    ticket: int = 0
    token: CancelToken = field(default_factory=CancelToken)
    change: Change | None = None
    done: Callable[[Any], None] | None = None
    failed: Callable[[str], None] | None = None
    item: Callable[[Any], None] | None = None
    progress: Callable[[int, int], None] | None = None
    finished: bool = False
    failed_by_bug: bool = False
    """Set before ``failed`` runs when the failure was a bug (already shown by
    ``ArchiveOps.crashed``), so a caller does not show it a second time."""
    carrier: _Carrier | None = field(default=None, repr=False)

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    def report(self, done: int, total: int) -> None:
        """A ``Progress`` callback for the work (called in the worker thread)."""
        if self.carrier is not None:
            self.carrier.progress.emit(self, done, total)


class _Carrier(QObject):
    # Signals cross from the worker to the UI thread (queued: the carrier lives there).
    done = Signal(object, object)
    item = Signal(object, object)
    progress = Signal(object, int, int)
    failed = Signal(object, str, bool)


class _Run(QRunnable):
    def __init__(self, job: Job[Any], work: Callable[[], Any], carrier: _Carrier) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.job = job
        self._work = work
        self._carrier = carrier

    def run(self) -> None:
        from reader.errors import ReaderError
        from reader.progress import Cancelled

        job, carrier = self.job, self._carrier
        try:
            result = self._work()
            if job.item is not None and isinstance(result, Iterator):
                for value in result:
                    carrier.item.emit(job, value)
                result = None
        except Cancelled:
            result = None  # cancelling is a normal way to end: the caller asked for it
        except ReaderError as exc:
            # Classified: its message is the user's line (a wrapped driver error may
            # append more lines: those go to the log only).
            log.warning("%s", exc)
            lines = str(exc).strip().splitlines()
            carrier.failed.emit(job, lines[0] if lines else type(exc).__name__, False)
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged in full
            log.exception("background work failed")
            carrier.failed.emit(job, user_message(exc), True)
            return
        carrier.done.emit(job, result)


class ArchiveOps(QObject):
    archiveChanged = Signal(object)
    """A :class:`Change` after an operation succeeded."""
    failed = Signal(str)
    """A user error (ReaderError) nobody else displayed: one line for the status bar."""
    crashed = Signal(str)
    """A bug: one line naming the crash log, for a dialog."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service: ArchiveService | None = None
        self._raw: ArchiveService | None = None
        self._reads = QThreadPool(self)
        # Two readers: a slow query (an entity's articles) does not hold up a quick one.
        self._reads.setMaxThreadCount(2)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)  # operations run one at a time, in order
        self._tasks = QThreadPool(self)
        self._tasks.setMaxThreadCount(2)
        self._carrier = _Carrier(self)
        self._carrier.done.connect(self._on_done)
        self._carrier.item.connect(self._on_item)
        self._carrier.progress.connect(self._on_progress)
        self._carrier.failed.connect(self._on_failed)
        self._latest: dict[str, _Run] = {}
        self._runs: dict[int, _Run] = {}

    # -- the archive --------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self._service is not None

    @property
    def service(self) -> ArchiveService:
        """The archive as widgets see it (guarded in tests). Only for handing on."""
        if self._service is None:
            raise RuntimeError("the archive is not open yet")
        return self._service

    def set_service(self, service: ArchiveService) -> None:
        self._raw = service
        guarded = os.environ.get(GUARD_ENV) == "1"
        self._service = _UIThreadGuard(service) if guarded else service  # type: ignore[assignment]

    def close(self) -> None:
        """Wait for work in flight, then close the archive (the window is closing)."""
        self.wait()
        if self._raw is not None:
            self._raw.close()
        self._raw = self._service = None

    # -- queries and operations ---------------------------------------------------------
    def query(
        self,
        work: Callable[[ArchiveService], T],
        done: Callable[[T], None],
        *,
        channel: str | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> Job[T]:
        """Read off the UI thread; ``done(result)`` runs on the UI thread unless a newer
        query on the same ``channel`` superseded this one."""
        service = self.service
        job: Job[T] = Job(channel=channel, done=done, failed=failed)
        run = _Run(job, lambda: work(service), self._carrier)
        if channel is not None:
            previous = self._latest.get(channel)
            if previous is not None:
                previous.job.cancel()
                if self._reads.tryTake(previous):
                    self._forget(previous.job)
            job.ticket = previous.job.ticket + 1 if previous else 1
            self._latest[channel] = run
        self._start(self._reads, run)
        return job

    def operation(
        self,
        work: Callable[[ArchiveService, Job[T]], T],
        done: Callable[[T], None] | None = None,
        *,
        change: Change | None,
        failed: Callable[[str], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
        item: Callable[[Any], None] | None = None,
    ) -> Job[T]:
        """Write off the UI thread, after earlier operations. ``work(service, job)`` may
        report ``job.report(done, total)``, check ``job.token`` and, with ``item``,
        return an iterator whose values arrive one by one. On success ``done(result)``
        runs, then ``archiveChanged(change)`` (even when cancelled: part may be done)."""
        service = self.service
        job: Job[T] = Job(change=change, done=done, failed=failed, item=item, progress=progress)
        run = _Run(job, lambda: work(service, job), self._carrier)
        self._start(self._writes, run)
        return job

    def task(
        self,
        work: Callable[[Job[T]], T],
        done: Callable[[T], None],
        *,
        failed: Callable[[str], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Job[T]:
        """Work that needs no open archive (opening one): off the UI thread, same
        error path."""
        job: Job[T] = Job(done=done, failed=failed, progress=progress)
        run = _Run(job, lambda: work(job), self._carrier)
        self._start(self._tasks, run)
        return job

    def wait(self, msecs: int = -1) -> bool:
        """Block until every query, operation and task has ended."""
        for job in [run.job for run in self._runs.values()]:
            if job.channel is not None:
                job.cancel()
        ok = all(pool.waitForDone(msecs) for pool in (self._writes, self._reads, self._tasks))
        # Deliver what finished, so callers see a settled state.
        QCoreApplication.sendPostedEvents(self._carrier)
        return ok

    @property
    def busy(self) -> bool:
        return bool(self._runs)

    def _start(self, pool: QThreadPool, run: _Run) -> None:
        self._runs[id(run.job)] = run
        run.job.carrier = self._carrier
        pool.start(run)

    def _forget(self, job: Job[Any]) -> None:
        job.finished = True
        self._runs.pop(id(job), None)
        if job.channel is not None and self._latest.get(job.channel) is not None:
            if self._latest[job.channel].job is job:
                del self._latest[job.channel]

    def _superseded(self, job: Job[Any]) -> bool:
        return job.channel is not None and job.cancelled

    # -- delivery (UI thread) -----------------------------------------------------------
    def _on_item(self, job: Job[Any], value: object) -> None:
        if job.item is not None and not job.finished:
            job.item(value)

    def _on_progress(self, job: Job[Any], done: int, total: int) -> None:
        if job.progress is not None and not job.finished:
            job.progress(done, total)

    def _on_done(self, job: Job[Any], result: object) -> None:
        superseded = self._superseded(job)
        self._forget(job)
        if superseded:
            return
        if job.done is not None:
            job.done(result)
        if job.change is not None:
            self.archiveChanged.emit(job.change)

    def _on_failed(self, job: Job[Any], message: str, bug: bool) -> None:
        superseded = self._superseded(job)
        self._forget(job)
        if job.change is not None and not superseded:
            # A failed write may still have committed part of its work (indexing
            # commits file by file): let the panels look again.
            self.archiveChanged.emit(job.change)
        job.failed_by_bug = bug
        if bug:
            self.crashed.emit(message)
        if superseded:
            return
        if job.failed is not None:
            job.failed(message)  # also after a bug: the caller ends its "working" state
        elif not bug:
            self.failed.emit(message)


def _on_ui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def _called_from_ui_code() -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module.startswith("reader.ui") and module != __name__:
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


class _UIThreadGuard:
    """The service, refusing calls that ``reader.ui`` code makes on the UI thread."""

    def __init__(self, service: ArchiveService) -> None:
        self._wrapped = service

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._wrapped, name)
        if name.startswith("_") or not callable(value):
            return value

        def guarded(*args: Any, **kwargs: Any) -> Any:
            if _on_ui_thread() and _called_from_ui_code():
                raise ServiceCalledOnUIThread(
                    f"ArchiveService.{name}() called on the UI thread: use reader.ui.ops"
                )
            return value(*args, **kwargs)

        return guarded
