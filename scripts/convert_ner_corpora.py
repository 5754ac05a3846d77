#!/usr/bin/env python3
"""Convert public Chinese NER corpora into one uniform JSONL format.

Stand-alone, standard library only.

Input : <root>/raw/<corpus>/...   (raw files as copied from the public repos,
                                  see README.md for repo / path / commit)
Output: <root>/<corpus>/{train,dev,test}.jsonl, one object per line:
        {"doc": "<id>", "text": "<sentence>", "entities": [[start, end, TYPE], ...]}
        offsets are character offsets into text, end exclusive,
        TYPE in {"PER", "LOC", "ORG"}.
        <root>/stats.json with per-split counts.

Usage:  python3 convert.py [--root /work/nerdata] [--extract]
        --extract re-copies the raw files from the bare git mirrors under
        /work/.mirror (needs `git`); without it the files in raw/ are used.

Rules:
  * sentence = one block of "char<TAB>tag" lines separated by blank lines
    (or one JSON line for CLUENER); text is the plain concatenation of chars.
  * a split missing in the source is carved deterministically:
      no dev  -> dev = last 10% (floor) of the train sentences, in file order;
      no test -> the source's (labelled) dev is used as test, and dev is carved
                 from train as above.
  * "doc": consecutive sentences of a split are grouped in file order into
    pseudo-documents of 20 sentences: "<corpus>-<split>-0000", ...
  * entity types not mapped to PER/LOC/ORG are dropped (not merged into O
    neighbours).
"""
import argparse
import io
import json
import os
import subprocess
import sys
import zipfile
from collections import Counter

DOC_SIZE = 20
TYPES = ("PER", "LOC", "ORG")

MIRROR = "/work/.mirror"

# where every raw file comes from: (local file, mirror git dir, path in repo)
SOURCES = {
    "msra": [
        ("MSRA.zip", "zhooufeng+Data/repo", "MSRA.zip"),
    ],
    "cluener": [
        ("train.json", "hemingkx+CLUENER2020/repo/.git", "BERT-CRF/data/clue/train.json"),
        ("test.json", "hemingkx+CLUENER2020/repo/.git", "BERT-CRF/data/clue/test.json"),
    ],
    "weibo": [
        ("weiboNER_2nd_conll.train", "hltcoe+golden-horse/repo", "data/weiboNER_2nd_conll.train"),
        ("weiboNER_2nd_conll.dev", "hltcoe+golden-horse/repo", "data/weiboNER_2nd_conll.dev"),
        ("weiboNER_2nd_conll.test", "hltcoe+golden-horse/repo", "data/weiboNER_2nd_conll.test"),
    ],
    "resume": [
        ("train.char.bmes", "jiesutd+LatticeLSTM/repo", "ResumeNER/train.char.bmes"),
        ("dev.char.bmes", "jiesutd+LatticeLSTM/repo", "ResumeNER/dev.char.bmes"),
        ("test.char.bmes", "jiesutd+LatticeLSTM/repo", "ResumeNER/test.char.bmes"),
    ],
}

MSRA_MAP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
WEIBO_MAP = {"PER.NAM": "PER", "LOC.NAM": "LOC", "GPE.NAM": "LOC", "ORG.NAM": "ORG"}
RESUME_MAP = {"NAME": "PER", "LOC": "LOC", "ORG": "ORG"}
CLUENER_MAP = {"name": "PER", "address": "LOC", "organization": "ORG",
               "company": "ORG", "government": "ORG"}


# ----------------------------------------------------------------- reading
def extract(root):
    for corpus, files in SOURCES.items():
        d = os.path.join(root, "raw", corpus)
        os.makedirs(d, exist_ok=True)
        for local, gitdir, path in files:
            data = subprocess.run(
                ["git", "--git-dir", os.path.join(MIRROR, gitdir), "show", "HEAD:" + path],
                check=True, stdout=subprocess.PIPE).stdout
            with open(os.path.join(d, local), "wb") as f:
                f.write(data)
            print("extracted", corpus, local, len(data), "bytes")


def read_columns(lines, char_of=None):
    """Yield (chars, tags) per blank-line separated block of 'char<ws>tag' lines."""
    chars, tags = [], []
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            if chars:
                yield chars, tags
            chars, tags = [], []
            continue
        if "\t" in line:
            tok, tag = line.split("\t")
        else:
            parts = line.split(" ")
            if len(parts) != 2:
                raise ValueError("bad line %d: %r" % (n, line))
            tok, tag = parts
        if char_of:
            tok = char_of(tok)
        if len(tok) != 1:
            raise ValueError("token is not one char at line %d: %r" % (n, line))
        chars.append(tok)
        tags.append(tag.strip())
    if chars:
        yield chars, tags


LENIENT = Counter()  # I/M/E tags that had to open a span (no matching B)


def tags_to_spans(tags, typemap):
    """Decode BIO / BIOES / BMES tags leniently into [start, end, TYPE] spans.

    B/S start a span; I/M/E continue the open span of the same raw type
    (or start one if none is open); E/S close it; O closes.  Spans whose raw
    type is not in typemap are dropped.
    """
    spans = []
    cur = None  # [start, end, rawtype]

    def close():
        nonlocal cur
        if cur is not None:
            t = typemap.get(cur[2])
            if t:
                spans.append([cur[0], cur[1], t])
        cur = None

    for i, tag in enumerate(tags):
        if tag == "O" or tag == "":
            close()
            continue
        prefix, _, raw = tag.partition("-")
        if prefix in ("B", "S"):
            close()
            cur = [i, i + 1, raw]
        elif prefix in ("I", "M", "E"):
            if cur is not None and cur[2] == raw and cur[1] == i:
                cur[1] = i + 1
            else:
                close()
                LENIENT[raw] += 1
                cur = [i, i + 1, raw]
        else:
            raise ValueError("unknown tag %r" % tag)
        if prefix in ("E", "S"):
            close()
    close()
    return spans


def column_file(path, typemap, char_of=None, text=None):
    if text is None:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    out = []
    for chars, tags in read_columns(io.StringIO(text), char_of):
        out.append(("".join(chars), tags_to_spans(tags, typemap)))
    return out


def weibo_char(tok):
    # weiboNER_2nd_conll tokens are "<char><position-in-word digits>", e.g. "科0"
    # A few tokens in the source are two U+FFFD replacement characters (an
    # emoji already broken upstream); they are collapsed to one U+FFFD so that
    # one token stays one character.
    if tok.startswith("\ufffd\ufffd"):
        tok = tok[1:]
    c, pos = tok[0], tok[1:]
    if not pos or any(ch not in "0123456789" for ch in pos):
        raise ValueError("unexpected weibo token %r" % tok)
    return c


def cluener_file(path, stats):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            obj = json.loads(line)
            text = obj["text"]
            spans = []
            for label, ents in (obj.get("label") or {}).items():
                t = CLUENER_MAP.get(label)
                for surface, offs in ents.items():
                    for s, e in offs:  # inclusive end in the source
                        if text[s:e + 1] != surface:
                            stats["cluener_surface_mismatch"] += 1
                            continue
                        if t:
                            spans.append([s, e + 1, t])
            out.append((text, spans))
    return out


# ----------------------------------------------------------------- helpers
def resolve_overlaps(sents, counter, name):
    """Sort spans; drop exact duplicates; on overlap keep the longer (then earlier)."""
    res = []
    for text, spans in sents:
        uniq = sorted({tuple(s) for s in spans}, key=lambda s: (s[0], -(s[1] - s[0])))
        kept = []
        for s in sorted(uniq, key=lambda s: (-(s[1] - s[0]), s[0])):
            if any(not (s[1] <= k[0] or s[0] >= k[1]) for k in kept):
                counter[name + "_overlap_dropped"] += 1
                continue
            kept.append(s)
        kept.sort(key=lambda s: s[0])
        res.append((text, [list(s) for s in kept]))
    return res


def carve_dev(train):
    n_dev = len(train) // 10
    return train[:len(train) - n_dev], train[len(train) - n_dev:]


def write_split(root, corpus, split, sents):
    d = os.path.join(root, corpus)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, split + ".jsonl"), "w", encoding="utf-8") as f:
        for i, (text, spans) in enumerate(sents):
            doc = "%s-%s-%04d" % (corpus, split, i // DOC_SIZE)
            f.write(json.dumps({"doc": doc, "text": text, "entities": spans},
                               ensure_ascii=False) + "\n")


def verify_and_count(path):
    c = Counter()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            obj = json.loads(line)
            text, ents = obj["text"], obj["entities"]
            assert isinstance(obj["doc"], str) and obj["doc"], (path, n)
            assert isinstance(text, str) and text, (path, n)
            prev_end = 0
            for s, e, t in ents:
                assert 0 <= s < e <= len(text), (path, n, s, e)
                assert s >= prev_end, ("overlap/unsorted", path, n)
                assert t in TYPES, (path, n, t)
                prev_end = e
                c[t] += 1
            c["sentences"] += 1
            c["chars"] += len(text)
    return c


# ----------------------------------------------------------------- corpora
def build(root):
    raw = os.path.join(root, "raw")
    notes = Counter()
    corpora = {}

    # MSRA (SIGHAN 2006 bakeoff, MSRA part) char-level BIO; train + test only
    zpath = os.path.join(raw, "msra", "MSRA.zip")
    with zipfile.ZipFile(zpath) as z:
        tr = column_file(None, MSRA_MAP, text=z.read("msra_train_bio").decode("utf-8"))
        te = column_file(None, MSRA_MAP, text=z.read("msra_test_bio").decode("utf-8"))
    tr, dv = carve_dev(tr)
    corpora["msra"] = {"train": tr, "dev": dv, "test": te}

    # CLUENER2020: train + (labelled) dev; dev used as test, dev carved from train
    tr = cluener_file(os.path.join(raw, "cluener", "train.json"), notes)
    te = cluener_file(os.path.join(raw, "cluener", "test.json"), notes)
    tr, dv = carve_dev(tr)
    corpora["cluener"] = {"train": tr, "dev": dv, "test": te}

    notes.update({"msra_lenient_starts": sum(LENIENT.values())}); LENIENT.clear()

    # Weibo NER, revised (2nd) annotation; NAM mentions only
    corpora["weibo"] = {
        s: column_file(os.path.join(raw, "weibo", "weiboNER_2nd_conll." + s),
                       WEIBO_MAP, char_of=weibo_char)
        for s in ("train", "dev", "test")}

    notes.update({"weibo_lenient_starts:" + k: v for k, v in LENIENT.items()}); LENIENT.clear()

    # Resume NER (BMES)
    corpora["resume"] = {
        s: column_file(os.path.join(raw, "resume", s + ".char.bmes"), RESUME_MAP)
        for s in ("train", "dev", "test")}

    notes.update({"resume_lenient_starts:" + k: v for k, v in LENIENT.items()}); LENIENT.clear()

    stats = {}
    for corpus, splits in corpora.items():
        stats[corpus] = {}
        for split in ("train", "dev", "test"):
            sents = resolve_overlaps(splits[split], notes, corpus)
            write_split(root, corpus, split, sents)
            c = verify_and_count(os.path.join(root, corpus, split + ".jsonl"))
            stats[corpus][split] = {
                "sentences": c["sentences"], "docs": (c["sentences"] + DOC_SIZE - 1) // DOC_SIZE,
                "chars": c["chars"], "PER": c["PER"], "LOC": c["LOC"], "ORG": c["ORG"]}
    stats["_notes"] = dict(notes)
    with open(os.path.join(root, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1, ensure_ascii=False)
    return stats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--extract", action="store_true")
    a = ap.parse_args()
    if a.extract:
        extract(a.root)
    stats = build(a.root)
    print("%-8s %-5s %9s %6s %10s %7s %7s %7s" % (
        "corpus", "split", "sentences", "docs", "chars", "PER", "LOC", "ORG"))
    for corpus, splits in stats.items():
        if corpus.startswith("_"):
            continue
        for split, c in splits.items():
            print("%-8s %-5s %9d %6d %10d %7d %7d %7d" % (
                corpus, split, c["sentences"], c["docs"], c["chars"], c["PER"], c["LOC"], c["ORG"]))
    print("notes:", stats["_notes"])
    print("verified: all spans in range, sorted, non-overlapping, types in", TYPES)


if __name__ == "__main__":
    sys.exit(main())
