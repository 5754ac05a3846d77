"""文件 → 连接服务器…: the window opens a shared archive on PostgreSQL, remembers it,
and goes back to the local archive."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction

from reader.bootstrap import open_service
from reader.ui import settings as keys

from .helpers import WAIT_MS


def test_the_window_connects_to_a_server_and_back(
    qtbot, make_window, settings, seeded_db: Path, pinned_seeds: Path, pg_cluster, monkeypatch
) -> None:
    url = pg_cluster.create_database()
    server = open_service(url)
    try:
        for _event in server.index_paths([sorted(pinned_seeds.glob("*.txt"))[0]]):
            pass
        server_years = [p.year for p in server.years()]
        server_articles = len(server.all_article_ids())
    finally:
        server.close()
    assert server_articles > 0

    monkeypatch.setenv("READER_DB", str(seeded_db))  # "the local archive" of this test
    window = make_window(seeded_db)
    assert window.findChild(QAction, "actionConnectServer") is not None
    local_articles = len(window.service.all_article_ids())

    with qtbot.waitSignal(window.serviceReady, timeout=WAIT_MS):
        assert window.switch_archive(url)
    assert settings.value(keys.SERVER_URL) == url
    assert len(window.service.all_article_ids()) == server_articles
    tree = window.tree.model()
    qtbot.waitUntil(lambda: tree.rowCount() == len(server_years), timeout=WAIT_MS)

    with qtbot.waitSignal(window.serviceReady, timeout=WAIT_MS):
        assert window.switch_archive("")
    assert settings.value(keys.SERVER_URL) == ""
    assert len(window.service.all_article_ids()) == local_articles


def test_a_server_that_cannot_be_reached_says_so_in_one_line(
    qtbot, make_window, seeded_db: Path
) -> None:
    window = make_window(seeded_db)
    with qtbot.waitSignal(window.serviceFailed, timeout=WAIT_MS) as failed:
        window.switch_archive("postgresql://nobody@127.0.0.1:1/none")
    message = failed.args[0]
    assert "\n" not in message and "Traceback" not in message
    assert "password" not in message.lower() or "***" in message


pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
