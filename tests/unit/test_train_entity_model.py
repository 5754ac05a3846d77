"""The training script runs end to end and writes weights the tagger loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.domain import EntityType
from reader.entities.lexicon import RESOURCE_DIR
from reader.entities.tagger import Tagger
from reader.entities.vocab import cached_table

ROOT = Path(__file__).resolve().parents[2]

SENTENCES = [
    ("张明在北京会见了李华。", [[0, 2, "PER"], [3, 5, "LOC"], [8, 10, "PER"]]),
    ("上海市人民政府发布通知。", [[0, 7, "ORG"]]),
    ("王芳来到广州。", [[0, 2, "PER"], [4, 6, "LOC"]]),
]


def test_training_writes_loadable_weights(tmp_path: Path) -> None:
    corpus = tmp_path / "data" / "tiny"
    corpus.mkdir(parents=True)
    for split in ("train", "dev"):
        with (corpus / f"{split}.jsonl").open("w", encoding="utf-8") as out:
            for text, entities in SENTENCES * 20:
                out.write(json.dumps({"doc": "d", "text": text, "entities": entities}) + "\n")
    weights = tmp_path / "tagger.npz"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "train_entity_model.py"),
            "--data",
            str(tmp_path / "data"),
            "--train",
            "tiny",
            "--dev",
            "tiny",
            "--address-corpora",
            "",
            "--epochs",
            "3",
            "--min-count",
            "1",
            "--out",
            str(weights),
        ],
        check=True,
        capture_output=True,
    )
    tagger = Tagger.load(weights, cached_table(RESOURCE_DIR))
    spans = tagger.tag_texts(["张明来到北京。"])[0].spans
    assert (0, 2, EntityType.PERSON) in {(s.start, s.end, s.type) for s in spans}
