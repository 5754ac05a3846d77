"""Known-name matching: leftmost-longest, no overlaps, for any number of names."""

from __future__ import annotations

import random

from reader.domain import EntityType
from reader.entities.gazetteer import Gazetteer
from reader.entities.text import Span


def _brute_force(names: dict[str, EntityType], text: str) -> list[Span]:
    """Try every name at every position, longest first; jump past a match."""
    by_length = sorted((name for name in names if len(name) >= 2), key=len, reverse=True)
    found, pos = [], 0
    while pos < len(text):
        name = next((n for n in by_length if text.startswith(n, pos)), None)
        if name is None:
            pos += 1
            continue
        found.append(Span(pos, pos + len(name), names[name]))
        pos += len(name)
    return found


def test_leftmost_longest_without_overlaps() -> None:
    names = {
        "王小": EntityType.PERSON,
        "王小明": EntityType.PERSON,
        "小明天": EntityType.ORGANIZATION,
    }
    gazetteer = Gazetteer(names)
    assert list(gazetteer.find("王小明天来")) == [Span(0, 3, EntityType.PERSON)]
    assert list(gazetteer.find("老王小天")) == [Span(1, 3, EntityType.PERSON)]
    assert list(gazetteer.find("王")) == []
    # 小明天 cut short by the text's end is not the name 小明 (nor 3 characters long)
    short = Gazetteer({"小明天": EntityType.ORGANIZATION, "小明": EntityType.PERSON})
    assert list(short.find("看小明")) == [Span(1, 3, EntityType.PERSON)]
    assert list(Gazetteer({"王": EntityType.PERSON}).find("王")) == []  # one character: never


def test_many_names_match_as_a_brute_force_scan() -> None:
    rng = random.Random(12)
    alphabet = "王李张刘陈杨高新区小明华国强会议"
    kinds = list(EntityType)
    names = {
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))): rng.choice(kinds)
        for _ in range(3000)
    }
    gazetteer = Gazetteer(names)
    for _ in range(200):
        text = "".join(rng.choice(alphabet + "，的") for _ in range(rng.randint(0, 60)))
        assert list(gazetteer.find(text)) == _brute_force(names, text)
    extra = [("的的的", EntityType.PLACE)]
    assert list(gazetteer.extended(extra).find("的的的")) == [Span(0, 3, EntityType.PLACE)]
