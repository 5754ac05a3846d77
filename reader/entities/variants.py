"""Grouping of spelling variants across the archive (``官卫红`` → ``宫卫红``).

Two surfaces of one type are the same entity only with evidence on both sides:

* they differ in exactly one character, and that pair is listed as visually or
  phonetically close in ``resources/entities/confusables.txt`` (a one-character
  difference alone would merge 王强 and 王刚);
* they share a role (both printed after ``管委会主任``).  Entities without a role
  (places, organisations, untitled persons) are therefore never merged: a wrong merge
  hides an entity, a missed one only shows a duplicate.

The canonical name of a group is its most frequent spelling; the text is never changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.domain import EntityType
from reader.entities.lexicon import confusables


@dataclass(frozen=True)
class SurfaceStat:
    """How often one surface form was seen in the archive, and under which roles."""

    type: EntityType
    text: str
    count: int
    roles: frozenset[str] = frozenset()


def _close(a: str, b: str, table: dict[str, frozenset[str]]) -> bool:
    diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diffs) == 1 and diffs[0][1] in table.get(diffs[0][0], frozenset())


def group_variants(stats: Sequence[SurfaceStat]) -> dict[tuple[EntityType, str], str]:
    """Map every ``(type, surface)`` of ``stats`` to its canonical name."""
    table = confusables()
    merged: dict[tuple[EntityType, str], SurfaceStat] = {}
    for stat in stats:  # the same surface may be reported more than once
        key = (stat.type, stat.text)
        old = merged.get(key)
        merged[key] = (
            stat
            if old is None
            else SurfaceStat(stat.type, stat.text, old.count + stat.count, old.roles | stat.roles)
        )
    parent = {key: key for key in merged}

    def root(key: tuple[EntityType, str]) -> tuple[EntityType, str]:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    # Bucket by the surface with one position masked: only such pairs can be close.
    buckets: dict[tuple[EntityType, str], list[SurfaceStat]] = {}
    for stat in merged.values():
        if not stat.roles:
            continue
        for i in range(len(stat.text)):
            masked = stat.text[:i] + "\0" + stat.text[i + 1 :]
            buckets.setdefault((stat.type, masked), []).append(stat)
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                if a.roles & b.roles and _close(a.text, b.text, table):
                    parent[root((b.type, b.text))] = root((a.type, a.text))

    best: dict[tuple[EntityType, str], SurfaceStat] = {}
    for key, stat in merged.items():
        top = best.get(root(key))
        if top is None or (stat.count, top.text) > (top.count, stat.text):
            best[root(key)] = stat
    return {key: best[root(key)].text for key in merged}
