"""Interface language: Chinese in the source, English from ``resources/i18n/en.qm``."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from reader.paths import RESOURCES_DIR

I18N_DIR = RESOURCES_DIR / "i18n"
LANGUAGES = ("zh_CN", "en")


def choose_language(requested: str | None = None) -> str:
    """``requested`` (from ``--lang``) or the system locale; Chinese unless English-like."""
    if requested:
        return "en" if requested.lower().startswith("en") else "zh_CN"
    name = QLocale.system().name()
    return "zh_CN" if name.startswith("zh") or name in ("C", "") else "en"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Install our translation and Qt's own (dialog buttons) for ``language``.

    The translators are returned and also parented to the app, because Qt only
    keeps a pointer: a translator that Python frees stops translating.
    """
    installed: list[QTranslator] = []
    # Month names and the like follow the chosen language, not the machine's locale.
    QLocale.setDefault(QLocale(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    if language != "zh_CN":
        ours = QTranslator(app)
        if ours.load(str(I18N_DIR / f"{language}.qm")):
            app.installTranslator(ours)
            installed.append(ours)
    return installed
