"""A bug in background work reaches the window as one line that names its log file."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ui.workers import CallThread


def test_a_failing_background_call_reports_one_line_and_a_log(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    thread = CallThread(lambda: 1 / 0)
    with qtbot.waitSignal(thread.failed, timeout=5000) as blocker:
        thread.start()
    thread.wait()
    [message] = blocker.args
    assert message.startswith("内部错误 (unexpected error: ZeroDivisionError); details in ")
    assert "\n" not in message
    assert Path(message.rsplit(" ", 1)[1]).read_text(encoding="utf-8").count("ZeroDivisionError")
