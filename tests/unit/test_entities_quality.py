"""Precision and recall of entity recognition on the hand-labelled seed articles."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from reader.domain import TITLE_PARAGRAPH, EntityType, ParsedArticle
from reader.entities import recognise_issue
from reader.ingest import parse_issue

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "entities"
LABELS = FIXTURES / "labelled.json"
HELDOUT = FIXTURES / "heldout.json"
SEEDS = ROOT / "seeds"

Key = tuple[int, int, int, EntityType]


def _texts(article: ParsedArticle) -> list[tuple[int, str]]:
    texts = [(TITLE_PARAGRAPH, article.title)] if article.title else []
    return texts + list(enumerate(article.paragraphs))


def gold_mentions(article: ParsedArticle, entities: dict[str, list[str]]) -> set[Key]:
    """Every occurrence of a labelled string, leftmost-longest across all strings."""
    names = sorted(
        ((text, EntityType(kind)) for kind, texts in entities.items() for text in texts),
        key=lambda item: -len(item[0]),
    )
    gold: set[Key] = set()
    for paragraph, text in _texts(article):
        pos = 0
        while pos < len(text):
            for name, kind in names:
                if text.startswith(name, pos):
                    gold.add((paragraph, pos, pos + len(name), kind))
                    pos += len(name)
                    break
            else:
                pos += 1
    return gold


def evaluate(
    labels_path: Path = LABELS, sources: tuple[Path, ...] = tuple(sorted(SEEDS.glob("*.txt")))
) -> dict[EntityType, tuple[int, int, int]]:
    """(true positives, predicted, gold) per type over all labelled articles."""
    labels = json.loads(labels_path.read_text(encoding="utf-8"))["articles"]
    tp: Counter[EntityType] = Counter()
    predicted: Counter[EntityType] = Counter()
    expected: Counter[EntityType] = Counter()
    for path in sources:
        issue = parse_issue(path.read_text(encoding="utf-8"), path.name, fallback_year=2025)
        # The archive's earlier byline names, as the indexer passes them.
        results = recognise_issue(issue, frozenset({"付凯明", "赵根志", "马雅宁"}))
        for article, mentions in zip(issue.articles, results, strict=True):
            head = article.title or article.paragraphs[0]
            label = next(
                (a for a in labels if a["source"] == path.name and head.startswith(a["start"])),
                None,
            )
            if label is None:
                continue
            gold = gold_mentions(article, label["entities"])
            found = {(m.paragraph, m.start, m.end, m.type) for m in mentions}
            for key in found:
                predicted[key[3]] += 1
                tp[key[3]] += key in gold
            for key in gold:
                expected[key[3]] += 1
    return {t: (tp[t], predicted[t], expected[t]) for t in EntityType}


def evaluate_heldout() -> dict[EntityType, tuple[int, int, int]]:
    return evaluate(HELDOUT, (FIXTURES / "heldout_issue.txt",))


@pytest.fixture(scope="module")
def scores() -> dict[EntityType, tuple[int, int, int]]:
    return evaluate()


def test_fixture_covers_every_seed_and_enough_articles() -> None:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["articles"]
    assert len(labels) >= 15
    assert {a["source"] for a in labels} == {p.name for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize(
    ("kind", "floor"),
    [
        (EntityType.PERSON, 0.95),
        (EntityType.PLACE, 0.9),
        (EntityType.ORGANIZATION, 0.9),
        (EntityType.DATE, 0.9),
    ],
)
def test_precision_and_recall(
    scores: dict[EntityType, tuple[int, int, int]], kind: EntityType, floor: float
) -> None:
    tp, predicted, gold = scores[kind]
    assert gold > 0
    precision, recall = tp / max(predicted, 1), tp / gold
    assert precision >= floor, f"{kind}: precision {precision:.3f} ({tp}/{predicted})"
    assert recall >= floor, f"{kind}: recall {recall:.3f} ({tp}/{gold})"


def test_heldout_issue_with_unseen_names() -> None:
    """Rules must carry over to people and companies the seeds never name."""
    tp = sum(v[0] for v in evaluate_heldout().values())
    predicted = sum(v[1] for v in evaluate_heldout().values())
    gold = sum(v[2] for v in evaluate_heldout().values())
    assert tp / predicted >= 0.9 and tp / gold >= 0.85


if __name__ == "__main__":  # prints the figures quoted in docs/entities.md
    for name, figures in (("seeds", evaluate()), ("held-out", evaluate_heldout())):
        print(name)
        for entity_type, (tp, predicted, gold) in figures.items():
            print(
                f"  {entity_type.value:13} P={tp / max(predicted, 1):.3f} ({tp}/{predicted})"
                f"  R={tp / max(gold, 1):.3f} ({tp}/{gold})"
            )
