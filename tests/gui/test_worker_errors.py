"""A bug in background work reaches the window as one line that names its log file."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ui.ops import ArchiveOps


def test_a_failing_background_call_reports_one_line_and_a_log(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    ops = ArchiveOps()
    failures: list[str] = []
    with qtbot.waitSignal(ops.crashed, timeout=5000) as blocker:
        ops.task(lambda _job: 1 / 0, lambda _result: None, failed=failures.append)
    ops.wait()
    [message] = blocker.args
    assert failures == [message]
    assert message.startswith("内部错误 (unexpected error: ZeroDivisionError); details in ")
    assert "\n" not in message
    assert Path(message.rsplit(" ", 1)[1]).read_text(encoding="utf-8").count("ZeroDivisionError")
