"""Start-up time of the desktop app over an existing database.

    .venv/bin/python benchmarks/startup_bench.py [--runs 5] [--budget 1.0]

Indexes the bundled seeds into a temporary database once, then starts a fresh
interpreter per run that runs the real GUI entry point (``reader.app.main``) over it
and records two moments, counted from launching the process (interpreter start-up
and imports included):

* window interactive: the event loop is first idle with the main window visible;
* archive shown: the window's ``serviceReady`` was handled (the archive, opened in a
  worker thread, is attached) and the issue tree has its first year row (read by
  another worker).

The budget applies to the first (median); the second is printed too, as is an empty
PySide6 window for context. Each run also checks that jieba was never imported and
whether SQLAlchemy was already imported when the window became interactive (it should
not be: the store opens off the UI thread). Exits 1 when the median exceeds the
budget, jieba was loaded, or the archive never showed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView

app = QApplication(["archive-reader"])
report = {}

def finish():
    report["jieba"] = "jieba" in sys.modules
    print(json.dumps(report), flush=True)
    app.quit()

def archive_shown(*_args):
    # The tree's years arrive from a worker once the archive is attached.
    tree = window.findChild(QTreeView, "issueTree")
    if tree is not None and tree.model().rowCount() > 0:
        report["shown"] = time.monotonic()
        finish()

def attached(*_args):
    archive_shown()
    if "shown" not in report:
        window.tree.tree_model.childrenLoaded.connect(archive_shown)

def failed(message):
    report["error"] = message
    finish()

def interactive():
    global window
    report["ready"] = time.monotonic()
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
    report["visible"] = any(w.isVisible() for w in shown)
    report["sqlalchemy"] = "sqlalchemy" in sys.modules
    if sys.argv[1] == "--baseline" or not shown:
        finish()
        return
    window = shown[0]
    if window.service_ready:
        attached()
    else:
        window.serviceReady.connect(attached)
        window.serviceFailed.connect(failed)

QTimer.singleShot(0, interactive)  # runs once the event loop is up, i.e. the window is live
QTimer.singleShot(30_000, finish)  # never hang the benchmark
if sys.argv[1] == "--baseline":
    window = QMainWindow()
    window.show()
    app.exec()
else:
    from reader.app import main  # the real GUI entry point, as archive-reader runs it
    main(["--db", sys.argv[1]])
"""


def build_database(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from reader.bootstrap import open_service
    from reader.paths import BUNDLED_SEEDS_DIR

    path = folder / "archive.sqlite3"
    service = open_service(path)
    for _event in service.index_paths([BUNDLED_SEEDS_DIR]):
        pass
    service.close()
    return path


def run_once(db: Path | str, config: Path) -> dict[str, Any]:
    """One fresh process; the moments are returned in seconds since its launch."""
    env = dict(os.environ)
    # The app reads QSettings from the XDG config dir: point it at a scratch folder.
    env["XDG_CONFIG_HOME"] = str(config)
    if not any(env.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    start = time.monotonic()  # CLOCK_MONOTONIC is shared by all processes on Linux
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=ROOT,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("{"))
    report = json.loads(line)
    if not report.get("visible"):
        raise SystemExit("the main window was not visible when the event loop started")
    if "error" in report:
        raise SystemExit(f"the archive could not be opened: {report['error']}")
    for moment in ("ready", "shown"):
        if moment in report:
            report[moment] -= start
    return report


def _summary(label: str, values: list[float]) -> str:
    return (
        f"{label}: median {statistics.median(values):.3f} s, "
        f"min {min(values):.3f} s, max {max(values):.3f} s over {len(values)} runs"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=1.0, help="seconds (median)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = build_database(Path(tmp))
        config = Path(tmp) / "config"
        run_once(db, config)  # warm the OS file cache; not counted
        reports = [run_once(db, config) for _ in range(args.runs)]
        # Context: an empty PySide6 window on the same machine, same moment.
        baseline = statistics.median(run_once("--baseline", config)["ready"] for _ in range(3))
    interactive = [r["ready"] for r in reports]
    shown = [r["shown"] for r in reports if "shown" in r]
    jieba = any(r["jieba"] for r in reports)
    sqlalchemy = any(r["sqlalchemy"] for r in reports)
    median = statistics.median(interactive)
    print(f"empty PySide6 window (baseline): median {baseline:.3f} s")
    print(
        _summary("window interactive", interactive)
        + f" (budget {args.budget:.1f} s); SQLAlchemy imported by then: "
        + ("yes" if sqlalchemy else "no")
    )
    if shown:
        print(_summary("archive shown (tree populated)", shown))
    if len(shown) < len(reports):
        print(f"archive not shown in {len(reports) - len(shown)} of {len(reports)} runs")
    print(f"jieba loaded: {'yes' if jieba else 'no'}")
    ok = median < args.budget and not jieba and len(shown) == len(reports)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
