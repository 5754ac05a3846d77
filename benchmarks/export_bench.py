"""Export 100 articles (the seeds' articles, repeated) to PDF and print the time.

Goal: under 5 s. Run with ``QT_QPA_PLATFORM=offscreen .venv/bin/python
benchmarks/export_bench.py``.
"""

from __future__ import annotations

import dataclasses
import itertools
import sys
import tempfile
import time
from pathlib import Path

from reader.export import ExportOptions, ensure_gui_application, export_pdf
from reader.export.samples import seed_articles

COUNT = 100
GOAL_SECONDS = 5.0


def main() -> int:
    ensure_gui_application()
    seeds = seed_articles()
    articles = [
        dataclasses.replace(article, id=i)
        for i, article in zip(range(1, COUNT + 1), itertools.cycle(seeds), strict=False)
    ]
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "bench.pdf"
        start = time.perf_counter()
        result = export_pdf(articles, target, ExportOptions(highlight_entities=True))
        elapsed = time.perf_counter() - start
        size = target.stat().st_size
    verdict = "ok" if elapsed < GOAL_SECONDS else "SLOW"
    print(
        f"export_pdf: {result.article_count} articles, {result.page_count} pages, "
        f"{size / 1e6:.1f} MB in {elapsed:.2f} s (goal < {GOAL_SECONDS:.0f} s) {verdict}"
    )
    return 0 if elapsed < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
