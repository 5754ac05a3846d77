"""Run every benchmark in turn: ``make bench`` (full size) or ``make bench ARGS=--quick``.

Each benchmark compares against its own baseline in the same run (an empty Qt window,
a LIKE scan and ripgrep, single- versus multi-process) because the machine is shared
and noisy; the figures in the README come from these runs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def plan(quick: bool) -> list[list[str]]:
    articles = "5000" if quick else "100000"
    return [
        ["startup_bench.py", "--runs", "3" if quick else "7"],
        ["export_bench.py"],
        ["entities_bench.py", "--mb", "5" if quick else "20"],
        ["entities_vs_lac.py"],
        # Needs the converted corpora (docs/entities.md); says "skipped" without them.
        ["entities_eval.py", "--split", "test", *(["--limit-docs", "20"] if quick else [])],
        ["search_bench.py", "--articles", articles],
        # The archive search_bench.py just made (its default --work).
        ["filter_latency.py", "--db", f"/tmp/reader-bench/archive-{articles}.sqlite3"],
        ["ui_latency.py", "--articles", *(["2000"] if quick else ["20000", "100000"])],
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args()
    failures = 0
    for script, *options in plan(args.quick):
        if not (HERE / script).exists():
            continue
        print(f"\n=== {script} {' '.join(options)}", flush=True)
        result = subprocess.run([sys.executable, str(HERE / script), *options], check=False)
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
