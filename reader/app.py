"""GUI entry point (``archive-reader``): arguments, display check, QApplication."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

NO_DISPLAY_MESSAGE = (
    "archive-reader: no display found (DISPLAY/WAYLAND_DISPLAY unset); "
    "run it under a virtual X server: xvfb-run -a archive-reader (or xvfb-run -a make run)"
)


def has_display(environ: dict[str, str] | None = None) -> bool:
    """Whether Qt can open a window; an explicit QT_QPA_PLATFORM (e.g. offscreen) counts."""
    env = os.environ if environ is None else environ
    return any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="archive-reader", description="报刊档案阅读器")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="archive database (default: $READER_DB or the per-user data directory)",
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="interface language")
    # Qt's own options (-platform, -style …) pass through to QApplication.
    args, _qt_args = parser.parse_known_args(argv)
    args.qt_args = _qt_args
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not has_display():
        # Without this Qt aborts with a plugin traceback that tells the user nothing.
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication

    from reader.ui import create_main_window
    from reader.ui.fonts import apply_ui_font
    from reader.ui.i18n import choose_language, install_translators
    from reader.ui.settings import APPLICATION, ORGANIZATION

    app = QApplication.instance() or QApplication(["archive-reader", *args.qt_args])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setFont(apply_ui_font(app.font()))
    install_translators(app, choose_language(args.lang))
    try:
        # The window shows at once; the archive (and SQLAlchemy) opens in a worker and
        # a failure to open it is reported in a dialog (see create_main_window).
        window = create_main_window(args.db, open_in_background=True)
    except Exception as exc:  # noqa: BLE001 - one clear line instead of a traceback
        print(f"archive-reader: {exc}", file=sys.stderr)
        return 1
    sys.excepthook = _report_unexpected
    window.show()
    return app.exec()


def _report_unexpected(kind: type[BaseException], error: BaseException, tb: object) -> None:
    """An error on the UI thread that nothing caught: one line in a dialog, the
    traceback in a log file (never a traceback on the terminal only)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from reader.crashlog import user_message

    message = user_message(error.with_traceback(tb))  # type: ignore[arg-type]
    print(f"archive-reader: {message}", file=sys.stderr)
    if QApplication.instance() is not None:
        QMessageBox.critical(QApplication.activeWindow(), "报刊档案阅读器", message)


if __name__ == "__main__":
    raise SystemExit(main())
