"""The known-word table the tagger's features look words up in.

Sources, all general (none drawn from any evaluation text), listed with their licences
in docs/entities.md:

* jieba's dictionary (MIT): every word, and its ``ns``/``nt``/``nr``/``nrt`` tags;
* ``admin_divisions.txt``: China's administrative divisions, full and short names;
* ``places_extra.txt``, ``organisations.txt``: countries, cities, landmarks, rivers,
  well-known bodies and their abbreviations;
* ``surnames_full.txt``, ``titles.txt``: surnames and titles;
* the paper's own ``userdict.txt``;
* the name suffixes of the rules in ``spans.py``.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from reader.entities import features as f
from reader.entities.features import WordTable

_JIEBA_TAGS = {"ns": f.PLACE, "nt": f.ORG, "nr": f.PERSON, "nrt": f.PERSON, "nrfg": f.PERSON}
_USER_TAGS = {"ns": f.PLACE, "nt": f.ORG, "nr": f.PERSON}


def _rows(path: Path) -> Iterator[list[str]]:
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split()


def jieba_dictionary() -> Path:
    import jieba  # noqa: PLC0415 - lazy, like the rest of the recogniser

    return Path(jieba.__file__).with_name("dict.txt")


def _suffixes(pattern: re.Pattern[str]) -> list[str]:
    """The literal suffixes of a rule regex (``局(?![面势])`` → ``局``)."""
    return [re.sub(r"\(\?[!=].*?\)", "", alt) for alt in pattern.pattern.split("|")]


def table_words(directory: Path) -> Iterator[tuple[str, int]]:
    from reader.entities.spans import ORG_SUFFIX_RE, PLACE_SUFFIX_RE  # noqa: PLC0415

    for row in _rows(jieba_dictionary()):
        yield row[0], f.WORD | (_JIEBA_TAGS.get(row[2], 0) if len(row) > 2 else 0)
    for row in _rows(directory / "admin_divisions.txt"):
        yield row[0], f.PLACE
        if len(row) > 2 and row[2] != "-":
            yield row[2], f.PLACE
    for row in _rows(directory / "places_extra.txt"):
        yield row[0], f.PLACE
    for row in _rows(directory / "organisations.txt"):
        yield row[0], f.ORG
    for row in _rows(directory / "userdict.txt"):
        if row[-1] in _USER_TAGS:
            yield row[0], _USER_TAGS[row[-1]]
    for row in _rows(directory / "surnames_full.txt"):
        yield row[0], f.SURNAME
    for row in _rows(directory / "titles.txt"):
        for word in row:
            yield word.removeprefix("q:"), f.TITLE
    for word in _suffixes(ORG_SUFFIX_RE):
        yield word, f.ORG_SUFFIX
    for word in _suffixes(PLACE_SUFFIX_RE):
        yield word, f.PLACE_SUFFIX


def build_table(directory: Path) -> WordTable:
    return WordTable.build(table_words(directory))


def cached_table(directory: Path) -> WordTable:
    """The table, built once per version of its sources and kept in the temp folder:
    building it takes a few seconds, loading it a few milliseconds, and every indexing
    worker process needs it."""
    digest = hashlib.sha1(f"{f.TABLE_LAYOUT} {f.HASH_BITS} {f.MAX_WORD} {f.PREFIX}".encode())
    for path in [jieba_dictionary(), *sorted(directory.glob("*.txt"))]:
        digest.update(path.name.encode() + path.read_bytes())
    cache = Path(tempfile.gettempdir()) / f"reader-wordtable-{digest.hexdigest()[:16]}.npz"
    try:
        with np.load(cache) as data:
            return WordTable(data["keys"], data["kinds"], int(data["probes"]), data["single"])
    except (OSError, KeyError, ValueError):
        pass  # absent or damaged: build it again
    table = build_table(directory)
    partial = cache.with_name(f"{cache.stem}.{os.getpid()}.tmp.npz")
    try:
        arrays = table.arrays()
        np.savez(
            partial,
            keys=arrays["keys"],
            kinds=arrays["kinds"],
            probes=arrays["probes"],
            single=arrays["single"],
        )
        os.replace(partial, cache)  # pool workers may build it at the same moment
    except OSError:
        partial.unlink(missing_ok=True)  # a read-only temp folder only costs time
    return table
