"""reader.ui.ops: queries off the UI thread (latest wins), operations that announce
what changed, one error path, and the guard that keeps widgets off the archive."""

from __future__ import annotations

import threading
import types
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QThread

from reader.errors import ReaderError
from reader.ui.ops import ArchiveOps, Change, ServiceCalledOnUIThread

from .helpers import ops_over


@pytest.fixture
def ops(seeded_db: Path):  # type: ignore[no-untyped-def]
    from reader.bootstrap import open_service

    operations = ops_over(open_service(seeded_db))
    yield operations
    operations.close()


def test_a_query_runs_off_the_ui_thread_and_answers_on_it(qtbot, ops: ArchiveOps) -> None:
    threads: list[object] = []
    answers: list[tuple[int, object]] = []

    def work(service):  # type: ignore[no-untyped-def]
        threads.append(QThread.currentThread())
        return len(service.all_article_ids())

    ops.query(work, lambda n: answers.append((n, QThread.currentThread())))
    qtbot.waitUntil(lambda: bool(answers), timeout=5_000)
    ui = QCoreApplication.instance().thread()  # type: ignore[union-attr]
    assert threads[0] is not ui
    assert answers[0][0] > 0 and answers[0][1] is ui


def test_the_latest_query_on_a_channel_wins(qtbot, ops: ArchiveOps) -> None:
    release = threading.Event()
    answers: list[str] = []

    def slow(_service):  # type: ignore[no-untyped-def]
        release.wait(5)
        return "old"

    ops.query(slow, answers.append, channel="c")
    ops.query(lambda _s: "middle", answers.append, channel="c")  # queued, then replaced
    ops.query(lambda _s: "new", answers.append, channel="c")
    release.set()
    qtbot.waitUntil(lambda: not ops.busy, timeout=5_000)
    assert answers == ["new"]


def test_an_operation_announces_its_change(qtbot, ops: ArchiveOps) -> None:
    key = ops._raw.articles_in_issue(ops._raw.issues()[0].id)[0].key  # type: ignore[union-attr]
    with qtbot.waitSignal(ops.archiveChanged, timeout=5_000) as changed:
        ops.operation(lambda service, _job: service.toggle_bookmark(key), change=Change.BOOKMARKS)
    assert changed.args == [Change.BOOKMARKS]
    assert ops._raw.is_bookmarked(key)  # type: ignore[union-attr]


def test_a_user_error_is_one_line_and_a_bug_a_dialog_line(qtbot, ops: ArchiveOps) -> None:
    def user_error(_service):  # type: ignore[no-untyped-def]
        raise ReaderError("档案正忙 (archive busy)\nBackground on this error at: …")

    with qtbot.waitSignal(ops.failed, timeout=5_000) as failed:
        ops.query(user_error, lambda _r: None)
    assert failed.args == ["档案正忙 (archive busy)"]
    with qtbot.waitSignal(ops.crashed, timeout=5_000) as crashed:
        ops.query(lambda _s: 1 / 0, lambda _r: None)
    assert "ZeroDivisionError" in crashed.args[0] and "\n" not in crashed.args[0]


def test_the_guard_refuses_ui_code_calling_the_archive_on_the_ui_thread(
    make_window, seeded_db: Path
) -> None:
    window = make_window(seeded_db)
    # Test code may look at the archive directly …
    assert window.service.all_article_ids()
    # … but code in reader.ui may not, on the UI thread.
    widget_code = types.FunctionType(
        (lambda service: service.all_article_ids()).__code__,
        {"__name__": "reader.ui.widgets.some_panel"},
    )
    with pytest.raises(ServiceCalledOnUIThread, match="all_article_ids"):
        widget_code(window.service)
