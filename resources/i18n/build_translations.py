"""Refresh the translation sources and compile the English catalogue.

    .venv/bin/python resources/i18n/build_translations.py

``zh_CN.ts`` lists every UI string (the source language is Chinese); ``en.ts`` holds
the English translations and keeps existing ones when lupdate refreshes it;
``en.qm`` is what the app loads. Needs pyside6-lupdate / pyside6-lrelease, which
the PySide6 wheel installs next to the interpreter.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 into this interpreter's venv")
    return found


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "reader" / "ui").rglob("*.py"))
    sources.append(str(ROOT / "reader" / "app.py"))
    lupdate, lrelease = _tool("pyside6-lupdate"), _tool("pyside6-lrelease")
    for language, ts in (("zh_CN", "zh_CN.ts"), ("en", "en.ts")):
        subprocess.run(
            [lupdate, *sources, "-locations", "none", "-no-obsolete", "-source-language", "zh_CN",
             "-target-language", language, "-ts", str(HERE / ts)],
            check=True,
        )
    subprocess.run([lrelease, str(HERE / "en.ts"), "-qm", str(HERE / "en.qm")], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
