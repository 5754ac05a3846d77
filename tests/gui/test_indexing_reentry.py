"""A modal progress dialog's setValue() runs the event loop, so the next indexing
events, and the run's end, can arrive inside the handler of one event. They are applied
after it, in order: the label ends on the last file, and the end never meets a
half-updated dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressDialog, QWidget

from reader.domain import IndexEvent, IndexOutcome
from reader.ui.indexing import IndexingController


def test_events_arriving_inside_set_value_are_applied_in_order(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    controller = IndexingController(None, window)  # type: ignore[arg-type]  # never starts
    dialog = controller.dialog = QProgressDialog(window)
    events = [
        IndexEvent(n, 3, f"/archive/{name}.txt", IndexOutcome.INDEXED)
        for n, name in ((1, "a"), (2, "b"), (3, "c"))
    ]
    labels: list[str] = []
    ends: list[tuple[list[str], bool, str]] = []
    controller.finished.connect(
        lambda report, cancelled, error: ends.append((report.indexed, cancelled, error))
    )
    set_label, set_value = dialog.setLabelText, dialog.setValue

    def record_label(text: str) -> None:
        labels.append(text)
        set_label(text)

    def value_with_nested_delivery(value: int) -> None:
        set_value(value)
        # What a modal dialog's processEvents() may deliver at this point:
        if value == 1:
            controller._on_event(events[1])
        elif value == 2:
            controller._on_event(events[2])
            controller._on_finished()  # the run's end, queued right behind its last item

    dialog.setLabelText = record_label  # type: ignore[method-assign]
    dialog.setValue = value_with_nested_delivery  # type: ignore[method-assign]
    controller._on_event(events[0])
    assert labels == ["第 1 / 3 个文件：a.txt", "第 2 / 3 个文件：b.txt", "第 3 / 3 个文件：c.txt"]
    assert ends == [(["a.txt", "b.txt", "c.txt"], False, "")]
    assert controller.dialog is None
