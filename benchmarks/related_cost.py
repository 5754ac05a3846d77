"""What the related-articles data costs at indexing time, measured in one run.

    .venv/bin/python benchmarks/related_cost.py [--articles 20000] [--rounds 2]

Generates a corpus (``make_corpus.py``), then indexes it into fresh archives with the
real indexer, alternating: once as shipped, once with the MinHash signatures neither
computed (in the pool's workers) nor stored (in the writing process). Reports the
fastest time of each (other jobs on a shared machine only ever add time) and the
share the signatures add. Goal (issue 15): ≤ 15 % of
indexing time.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

_WITHOUT = "READER_BENCH_NO_SIGNATURES"  # reader.store.writer.BENCH_NO_SIGNATURES


def index_once(corpus: Path, db: Path, signatures: bool) -> float:
    import os

    from reader.bootstrap import open_service

    # The pool's workers are spawned: they read the switch from the environment.
    os.environ[_WITHOUT] = "" if signatures else "1"
    service = open_service(db)
    started = time.perf_counter()
    try:
        for _event in service.index_paths([corpus]):
            pass
    finally:
        service.close()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    from make_corpus import make_corpus

    work = Path(tempfile.mkdtemp(prefix="reader-related-cost-"))
    try:
        corpus = work / "corpus"
        size = make_corpus(corpus, args.articles)
        times: dict[bool, list[float]] = {True: [], False: []}
        for round_number in range(args.rounds):
            for signatures in (True, False):
                db = work / f"{round_number}-{signatures}.sqlite3"
                times[signatures].append(index_once(corpus, db, signatures))
                db.unlink()
                print(
                    f"round {round_number + 1}: {'with' if signatures else 'without'}"
                    f" signatures {times[signatures][-1]:.1f} s",
                    flush=True,
                )
        # The fastest of each: on a shared machine other jobs only ever add time.
        with_, without = min(times[True]), min(times[False])
        share = (with_ - without) / with_ if with_ else 0.0
        print(
            f"{args.articles} articles ({size / 1e6:.1f} MB): indexing {with_:.1f} s with the"
            f" related-articles data, {without:.1f} s without: {share:.1%} of indexing time"
            f" ({size / 1e6 / with_:.2f} MB/s)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
