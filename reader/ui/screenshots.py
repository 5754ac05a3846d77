"""Write PNGs of the app's main states: ``python -m reader.ui.screenshots OUTDIR``.

Runs over a fresh temporary database (the bundled seeds) and temporary settings, so
the pictures never depend on, or change, the user's archive. ``make screenshots``
runs it under xvfb-run; without any display it falls back to Qt's offscreen platform.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SIZE = (1440, 900)


def _wait(signal: object, timeout_ms: int = 30_000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def _settle() -> None:
    """Let layouts and paints happen (a few short event-loop turns)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(150, loop.quit)
    loop.exec()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    language = args[1] if len(args) > 1 else "zh_CN"
    out.mkdir(parents=True, exist_ok=True)
    if not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reader.ui import create_main_window
    from reader.ui.fonts import apply_ui_font
    from reader.ui.i18n import install_translators

    app = QApplication.instance() or QApplication(["archive-reader"])
    assert isinstance(app, QApplication)
    app.setFont(apply_ui_font(app.font()))
    install_translators(app, language)
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = create_main_window(Path(tmp) / "archive.sqlite3", settings=settings)
        if window.indexing_active:
            _wait(window.indexingFinished)
        window.resize(*SIZE)
        window.show()
        _settle()
        written = _take_all(window, out, _settle)
        window.close()
    for path in written:
        print(path)
    return 0


def _take_all(window: object, out: Path, settle: Callable[[], None]) -> list[Path]:
    from reader.domain import SearchRequest
    from reader.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    service = window.service
    side = window.side_panel
    written: list[Path] = []

    def shot(name: str) -> None:
        settle()
        path = out / f"app-{name}.png"
        window.grab().save(str(path))
        written.append(path)

    # An article rich in entities: the first hit for a frequently named person.
    hits = service.search(SearchRequest("吕沛", limit=1)).hits
    first_id = hits[0].article.id if hits else service.all_article_ids()[0]
    window.open_article(first_id)
    window.tree.setFocus()
    shot("article")

    side.show_tab(side.search)
    side.search.search_for("吕沛")
    _wait(side.search.searchFinished)
    if side.search.model.rowCount():
        hit = side.search.model.hit(min(1, side.search.model.rowCount() - 1))
        window.open_article(hit.article.id, hit.matches)
        side.search.results.setCurrentIndex(
            side.search.model.index(min(1, side.search.model.rowCount() - 1), 0)
        )
    shot("search")

    for article_id, note in zip(
        service.all_article_ids()[:: max(1, len(service.all_article_ids()) // 4)][:4],
        ("", "吕沛讲话要点", "", "可作年终回顾素材"),
        strict=False,
    ):
        article = service.article(article_id)
        if article and not service.is_bookmarked(article.key):
            service.toggle_bookmark(article.key)
            if note:
                service.set_bookmark_note(article.key, note)
    side.bookmarks.reload()
    side.show_tab(side.bookmarks)
    window.article_pane.sync_bookmark_state()
    shot("bookmarks")

    window.open_article(first_id)
    window.show_entity("吕沛")
    shot("entities")

    side.show_tab(side.search)
    window.article_pane.action_show_source.setChecked(True)
    shot("source")
    window.article_pane.action_show_source.setChecked(False)
    return written


if __name__ == "__main__":
    raise SystemExit(main())
