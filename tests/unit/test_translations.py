"""The English catalogue covers every interface string, and the shipped .qm is current."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

from reader.paths import RESOURCES_DIR

ROOT = Path(__file__).parents[2]
CATALOGUE = RESOURCES_DIR / "i18n" / "en.ts"
TR_CALL = re.compile(r"""\btr\(\s*"((?:[^"\\]|\\.)+)"\s*[,)]""")


def _messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(CATALOGUE).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_message_has_a_finished_english_translation() -> None:
    unfinished = [
        source
        for _, source, message in _messages()
        if message.find("translation") is None
        or message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        or not (message.findtext("translation") or "").strip()
    ]
    assert unfinished == []


def test_every_tr_string_in_the_ui_is_in_the_catalogue() -> None:
    sources = {source for _, source, _ in _messages()}
    files = [*sorted((ROOT / "reader" / "ui").rglob("*.py")), ROOT / "reader" / "app.py"]
    missing = {
        (path.name, literal)
        for path in files
        for literal in TR_CALL.findall(path.read_text("utf-8"))
        if "\\" not in literal and literal not in sources
    }
    assert missing == set(), "run resources/i18n/build_translations.py"


def test_shipped_qm_translates_the_catalogue() -> None:
    translator = QTranslator()
    assert translator.load(str(RESOURCES_DIR / "i18n" / "en.qm"))
    stale = [
        source
        for context, source, message in _messages()
        if message.get("numerus") != "yes"
        and translator.translate(context, source) != message.findtext("translation")
    ]
    assert stale == [], "run resources/i18n/build_translations.py"
