"""Train the entity tagger's weights (resources/entities/tagger.npz).

    .venv/bin/python scripts/train_entity_model.py --data /path/to/nerdata \
        [--train msra,cluener,resume,weibo] [--epochs 6] [--out resources/entities/tagger.npz]

Data: ``<data>/<corpus>/{train,dev}.jsonl``, one sentence a line:
``{"doc": …, "text": …, "entities": [[start, end, "PER"|"LOC"|"ORG"], …]}``
(docs/entities.md says which public corpora and how they were converted).  The model is
a multinomial logistic regression over the hashed features of reader.entities.features,
trained by AdaGrad on mini-batches; weights that never moved are not stored.
Deterministic for a given seed.  The corpora are not part of this repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.domain import EntityType  # noqa: E402
from reader.entities.features import HASH_BITS, WordTable, features, join  # noqa: E402
from reader.entities.lexicon import RESOURCE_DIR  # noqa: E402
from reader.entities.tagger import TAGS, quantise, tag_index  # noqa: E402
from reader.entities.vocab import build_table  # noqa: E402

LABEL_TYPES = {"PER": EntityType.PERSON, "LOC": EntityType.PLACE, "ORG": EntityType.ORGANIZATION}


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def labels(sentence: dict) -> np.ndarray:
    y = np.zeros(len(sentence["text"]), dtype=np.int64)
    for start, end, kind in sentence["entities"]:
        entity_type = LABEL_TYPES[kind]
        if end - start == 1:
            y[start] = tag_index("S", entity_type)
            continue
        y[start] = tag_index("B", entity_type)
        y[start + 1 : end - 1] = tag_index("I", entity_type)
        y[end - 1] = tag_index("E", entity_type)
    return y


def featurise(sentences: list[dict], table: WordTable) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for lo in range(0, len(sentences), 2000):
        batch = sentences[lo : lo + 2000]
        x, offsets = join([s["text"] for s in batch])
        ids = features(x, table)
        keep = np.concatenate(
            [np.arange(o, o + len(s["text"])) for o, s in zip(offsets, batch, strict=True)]
        )
        xs.append(ids[keep].astype(np.int32))
        ys.append(np.concatenate([labels(s) for s in batch]))
    return np.concatenate(xs), np.concatenate(ys)


def train(x: np.ndarray, y: np.ndarray, epochs: int, rate: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n_tags = len(TAGS)
    weights = np.zeros((1 << HASH_BITS, n_tags), dtype=np.float32)
    squares = np.full((1 << HASH_BITS, n_tags), 1e-6, dtype=np.float32)
    batch = 512
    for epoch in range(epochs):
        began = time.perf_counter()
        order = rng.permutation(len(y))
        loss = 0.0
        for lo in range(0, len(order), batch):
            rows = order[lo : lo + batch]
            ids = x[rows]
            scores = weights[ids].sum(axis=1)
            scores -= scores.max(axis=1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=1, keepdims=True)
            truth = y[rows]
            loss -= float(np.log(probs[np.arange(len(rows)), truth] + 1e-9).sum())
            probs[np.arange(len(rows)), truth] -= 1.0
            unique, inverse = np.unique(ids.ravel(), return_inverse=True)
            grad = np.empty((len(unique), n_tags), dtype=np.float32)
            spread = np.repeat(probs, ids.shape[1], axis=0)
            for tag in range(n_tags):
                grad[:, tag] = np.bincount(inverse, spread[:, tag], minlength=len(unique))
            squares[unique] += grad * grad
            weights[unique] -= rate * grad / np.sqrt(squares[unique])
        print(
            f"epoch {epoch + 1}: loss {loss / len(y):.4f} ({time.perf_counter() - began:.0f} s)",
            flush=True,
        )
    return weights


def evaluate(
    weights: np.ndarray, sentences: list[dict], table: WordTable, bias: list[float]
) -> None:
    from reader.entities.tagger import Tagger  # noqa: PLC0415

    tagger = Tagger.from_dense(weights, table)
    tagger.set_type_bias(bias)
    counts = {t: [0, 0, 0] for t in LABEL_TYPES.values()}
    for lo in range(0, len(sentences), 500):
        batch = sentences[lo : lo + 500]
        for sentence, spans in zip(
            batch, tagger.tag_texts([s["text"] for s in batch]), strict=True
        ):
            gold = {(s, e, LABEL_TYPES[k]) for s, e, k in sentence["entities"]}
            found = {(s.start, s.end, s.type) for s in spans.spans}
            for key in found:
                counts[key[2]][1] += 1
                counts[key[2]][0] += key in gold
            for key in gold:
                counts[key[2]][2] += 1
    for entity_type, (tp, predicted, expected) in counts.items():
        p, r = tp / max(predicted, 1), tp / max(expected, 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        print(f"  {entity_type.value:13} P {p:.3f} R {r:.3f} F1 {f1:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument(
        "--train", default="msra,cluener,resume,weibo", help="corpora, comma separated"
    )
    parser.add_argument(
        "--address-corpora",
        default="cluener",
        help="corpora whose LOC spans are postal addresses: their sentences with LOC are left out",
    )
    parser.add_argument("--dev", default="msra", help="the corpus whose dev split is reported")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--rate", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument(
        "--type-bias",
        default="1.0,0.9,0.6",
        help="added to person, place, organisation tag scores (tuned for F1 on dev)",
    )
    parser.add_argument("--out", type=Path, default=RESOURCE_DIR / "tagger.npz")
    args = parser.parse_args()
    table = build_table(RESOURCE_DIR)
    corpora = args.train.split(",")
    addresses = set(args.address_corpora.split(","))
    train_set = [
        s
        for c in corpora
        for s in read(args.data / c / "train.jsonl")
        if c not in addresses or all(kind != "LOC" for _, _, kind in s["entities"])
    ]
    began = time.perf_counter()
    x, y = featurise(train_set, table)
    print(f"{len(y)} positions, {x.shape[1]} features each ({time.perf_counter() - began:.0f} s)")
    # A feature seen fewer than --min-count times is left out (row 0 stays zero): it
    # would mostly learn noise and cost a stored row.
    counts = np.bincount(x.ravel(), minlength=1 << HASH_BITS)
    x[counts[x] < args.min_count] = 0
    weights = train(x, y, args.epochs, args.rate, args.seed)
    weights[0] = 0
    bias = [float(b) for b in args.type_bias.split(",")]
    print(f"dev {args.dev} (the tagger alone, mention level):")
    evaluate(weights, read(args.data / args.dev / "dev.jsonl"), table, bias)
    rows = np.nonzero(np.abs(weights).max(axis=1) > 0)[0]
    values, scale = quantise(weights[rows])
    np.savez_compressed(
        args.out, rows=rows.astype(np.int32), values=values, scale=scale, type_bias=np.array(bias)
    )
    print(f"{len(rows)} rows written to {args.out}")


if __name__ == "__main__":
    main()
