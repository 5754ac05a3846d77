"""Write PNGs of the app's main states: ``python -m reader.ui.screenshots OUTDIR``.

Runs over a fresh temporary database (the bundled seeds) and temporary settings, so
the pictures never depend on, or change, the user's archive. ``make screenshots``
runs it under xvfb-run; without any display it falls back to Qt's offscreen platform.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from reader.paths import BUNDLED_SEEDS_DIR

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


SEEDS_FILE_TIME = dt.datetime(2026, 1, 15, 12, 0).timestamp()
"""Two seeds never print their year: dated by the file's time, pinned here so the
pictures do not change with the day of the checkout."""


def main(argv: list[str] | None = None) -> int:
    """``OUTDIR [LANG] [--corpus DIR]``: with a folder of generated issues
    (``benchmarks/make_corpus.py``), also a picture of a search's timeline over years."""
    args = list(sys.argv[1:] if argv is None else argv)
    corpus = None
    if "--corpus" in args:
        at = args.index("--corpus")
        corpus = Path(args[at + 1])
        del args[at : at + 2]
    out = Path(args[0] if args else "docs/screenshots")
    language = args[1] if len(args) > 1 else "zh_CN"
    out.mkdir(parents=True, exist_ok=True)
    if not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtWidgets import QApplication

    from reader.ui.fonts import apply_ui_font
    from reader.ui.i18n import install_translators

    app = QApplication.instance() or QApplication(["archive-reader"])
    assert isinstance(app, QApplication)
    app.setFont(apply_ui_font(app.font()))
    install_translators(app, language)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(BUNDLED_SEEDS_DIR, seeds)
        for file in seeds.glob("*.txt"):
            os.utime(file, (SEEDS_FILE_TIME, SEEDS_FILE_TIME))
        written += _with_window(Path(tmp) / "seeds.sqlite3", seeds, out, _take_all)
        if corpus is not None:
            written += _with_window(Path(tmp) / "corpus.sqlite3", corpus, out, _take_timeline)
    for path in written:
        print(path)
    return 0


def _with_window(
    db: Path,
    folder: Path,
    out: Path,
    take: Callable[[object, Path, Callable[[], None]], list[Path]],
) -> list[Path]:
    from PySide6.QtCore import QSettings

    from reader.bootstrap import open_service
    from reader.ui import create_main_window

    service = open_service(db)
    try:
        for _event in service.index_paths([folder]):
            pass
    finally:
        service.close()
    settings = QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = create_main_window(db, settings=settings)
    window.resize(*SIZE)
    window.show()
    _settle()
    try:
        return take(window, out, _settle)
    finally:
        window.close()


def _take_timeline(window: object, out: Path, settle: Callable[[], None]) -> list[Path]:
    from reader.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    side = window.side_panel
    side.show_tab(side.search)
    side.search.search_for("安全生产")
    _wait(side.search.timelineLoaded)
    settle()
    path = out / "app-timeline.png"
    window.grab().save(str(path))
    return [path]


def _take_all(window: object, out: Path, settle: Callable[[], None]) -> list[Path]:
    from reader.bootstrap import open_service
    from reader.domain import SearchRequest
    from reader.ui.main_window import MainWindow
    from reader.ui.ops import Change

    assert isinstance(window, MainWindow)
    # The scenes are set up through a connection of their own, as a user's clicks
    # would have left them; the window reads everything through its ops.
    assert window.database_path is not None
    service = open_service(window.database_path)
    side = window.side_panel
    pane = window.article_pane
    written: list[Path] = []

    def shot(name: str) -> None:
        settle()
        path = out / f"app-{name}.png"
        window.grab().save(str(path))
        written.append(path)

    def open_and_wait(article_id: int, hits: object = ()) -> None:
        window.open_article(article_id, hits)  # type: ignore[arg-type]
        _wait(pane.articleOpened)

    try:
        # A recurring report, rich in entities, whose other instances are related.
        hits = service.search(SearchRequest("调度会 吕沛", limit=1)).hits
        first_id = hits[0].article.id if hits else service.all_article_ids()[0]
        open_and_wait(first_id)
        if not pane.related.count():
            _wait(pane.relatedLoaded)
        window.tree.setFocus()
        shot("article")

        side.show_tab(side.search)
        side.search.search_for("吕沛")
        _wait(side.search.timelineLoaded)
        if side.search.model.rowCount():
            row = min(1, side.search.model.rowCount() - 1)
            hit = side.search.model.hit(row)
            open_and_wait(hit.article.id, hit.matches)
            side.search.results.setCurrentIndex(side.search.model.index(row, 0))
        shot("search")

        ids = service.all_article_ids()
        for article_id, note in zip(
            ids[:: max(1, len(ids) // 4)][:4],
            ("", "吕沛讲话要点", "", "可作年终回顾素材"),
            strict=False,
        ):
            article = service.article(article_id)
            if article and not service.is_bookmarked(article.key):
                service.toggle_bookmark(article.key)
                if note:
                    service.set_bookmark_note(article.key, note)
        side.show_tab(side.bookmarks)
        window.ops.archiveChanged.emit(Change.BOOKMARKS)
        _wait(side.bookmarks.model.loaded)
        shot("bookmarks")

        open_and_wait(first_id)
        window.show_entity("吕沛")
        _wait(side.entities.cooccurrenceLoaded)
        shot("entities")

        side.show_tab(side.search)
        pane.action_show_source.setChecked(True)
        _wait(pane.sourceShown)
        shot("source")
        pane.action_show_source.setChecked(False)
    finally:
        service.close()
    return written


if __name__ == "__main__":
    raise SystemExit(main())
