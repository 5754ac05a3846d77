"""After ``kill -9`` of ``reader index``, its pool workers end within seconds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from reader.paths import BUNDLED_SEEDS_DIR


def _children(pid: int) -> list[int]:
    result = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(line) for line in result.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie is gone, whoever reaps it


def test_workers_end_when_the_indexer_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "issues"
    folder.mkdir()
    seeds = sorted(BUNDLED_SEEDS_DIR.glob("*.txt"))
    for number in range(80):  # enough files for the process pool
        text = seeds[number % len(seeds)].read_text(encoding="utf-8")
        (folder / f"{number:03d}.txt").write_text(text + f"\n第{number}号\n", encoding="utf-8")
    indexer = subprocess.Popen(
        [sys.executable, "-m", "reader", "index", str(folder), "--db", str(tmp_path / "a.db")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and indexer.poll() is None:
            time.sleep(0.2)
            workers = _children(indexer.pid)
        assert workers, "the indexer never started its pool"
        time.sleep(1.0)
        os.kill(indexer.pid, signal.SIGKILL)
        indexer.wait()
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        if indexer.poll() is None:
            indexer.kill()
        for pid in workers:  # never leave orphans behind, even when the test fails
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
