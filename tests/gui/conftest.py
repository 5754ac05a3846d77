"""GUI test fixtures: offscreen Qt, a temporary database and temporary settings.

Nothing here touches the user's settings or data directory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402


@pytest.fixture(autouse=True)
def guard_ui_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any archive call that reader.ui code makes on the UI thread fails the test
    (``reader.ui.ops``): the window must never wait on the archive."""
    monkeypatch.setenv("READER_GUARD_UI_THREAD", "1")


@pytest.fixture(autouse=True)
def temp_settings_location(tmp_path: Path) -> Iterator[Path]:
    # Any QSettings built with the INI format and user scope lands here, not in ~.
    location = tmp_path / "settings"
    location.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(location))
    yield location


@pytest.fixture
def settings(temp_settings_location: Path) -> QSettings:
    return QSettings(str(temp_settings_location / "archive-reader.ini"), QSettings.Format.IniFormat)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns that it cannot propagate size hints whenever a
    # window is shown, or raise one (a tooltip does); that is the test platform
    # talking, not the app.
    for item in items:
        if "tests/gui" in str(item.path).replace("\\", "/"):
            item.add_marker(
                pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
            )


@pytest.fixture
def make_window(qtbot, settings):  # type: ignore[no-untyped-def]
    """Build a main window over a database; waits for first-start indexing if any."""
    from reader.ui import create_main_window

    def build(db_path: Path):  # type: ignore[no-untyped-def]
        window = create_main_window(db_path, settings=settings)
        qtbot.addWidget(window)
        if window.indexing_active:
            with qtbot.waitSignal(window.indexingFinished, timeout=60_000):
                pass
        return window

    return build
