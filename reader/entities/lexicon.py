"""Word lists of the recogniser and the lazily loaded jieba dictionary.

Everything here is read on first use and cached for the life of the process, so that
``import reader.entities`` stays cheap (the GUI imports it at start-up) and jieba's
dictionary loads once per process, only when recognition is first needed.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.domain import EntityType
from reader.paths import RESOURCES_DIR

if TYPE_CHECKING:  # jieba is imported lazily; see load_lexicon()
    import jieba

RESOURCE_DIR = RESOURCES_DIR / "entities"

_TAG_TYPES = {"nr": EntityType.PERSON, "ns": EntityType.PLACE, "nt": EntityType.ORGANIZATION}


def _lines(name: str, directory: Path) -> list[str]:
    text = (directory / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _words(name: str, directory: Path) -> list[str]:
    return [word for line in _lines(name, directory) for word in line.split()]


@dataclass(frozen=True, eq=False)  # hashed by identity: caches key on it
class Lexicon:
    """All resources of the recogniser, loaded together."""

    tokenizer: jieba.Tokenizer
    user_names: dict[str, EntityType]
    stop: dict[EntityType, frozenset[str]]
    stop_tails: dict[EntityType, frozenset[str]]
    surnames: frozenset[str]
    titles: tuple[str, ...]
    qualifiers: tuple[str, ...]
    boundaries: frozenset[str]
    confusables: dict[str, frozenset[str]]
    grammar_tags: dict[str, str]
    """jieba's tag of every verb, preposition, conjunction, adverb, pronoun, particle,
    numeral, measure, time and direction word: the words a name never starts with."""

    def freq(self, word: str) -> int:
        """jieba's corpus frequency of ``word``; 0 for words it does not know."""
        return self.tokenizer.FREQ.get(word) or 0

    def crosses_word(self, text: str, cut: int) -> bool:
        """True when an ordinary word (jieba frequency ≥ 100) runs across ``cut``."""
        for a in range(max(0, cut - 3), cut):
            for b in range(cut + 1, min(len(text), cut + 3) + 1):
                if b - a <= 4 and self.freq(text[a:b]) >= 100:
                    return True
        return False

    def first_word(self, text: str, start: int, limit: int | None = None) -> str:
        """The longest dictionary word at ``start`` ending by ``limit`` (at least its
        first character)."""
        stop = min(len(text) if limit is None else limit, start + 4)
        for end in range(stop, start + 1, -1):
            if self.freq(text[start:end]):
                return text[start:end]
        return text[start : start + 1]

    def is_stopped(self, entity_type: EntityType, word: str) -> bool:
        return word in self.stop[entity_type]

    def has_stopped_tail(self, entity_type: EntityType, span: str) -> bool:
        """True when ``span`` ends with a generic word (镇干部 ends with 干部)."""
        tails = self.stop_tails[entity_type]
        return any(span[i:] in tails for i in range(max(0, len(span) - 4), len(span) - 1))


def _user_dictionary(directory: Path) -> tuple[Path, dict[str, EntityType]]:
    """Strip comments (jieba's loader does not know them) and read the tags."""
    entries = _lines("userdict.txt", directory)
    names: dict[str, EntityType] = {}
    for entry in entries:
        parts = entry.split()
        if len(parts) >= 2 and parts[-1] in _TAG_TYPES:
            names[parts[0]] = _TAG_TYPES[parts[-1]]
    body = "\n".join(entries) + "\n"
    digest = hashlib.sha1(body.encode("utf-8")).hexdigest()[:12]
    clean = Path(tempfile.gettempdir()) / f"reader-userdict-{digest}.txt"
    if not clean.exists():
        # Write then rename: pool workers may start at the same moment.
        partial = clean.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(body, encoding="utf-8")
        os.replace(partial, clean)
    return clean, names


def _stop_lists(
    directory: Path,
) -> tuple[dict[EntityType, frozenset[str]], dict[EntityType, frozenset[str]]]:
    whole: dict[EntityType, set[str]] = {t: set() for t in EntityType}
    tails: dict[EntityType, set[str]] = {t: set() for t in EntityType}
    for line in _lines("stoplist.txt", directory):
        kind, word = line.split(maxsplit=1)
        buckets = whole
        if kind.endswith("-tail"):
            buckets, kind = tails, kind.removesuffix("-tail")
        targets = list(EntityType) if kind == "*" else [EntityType(kind)]
        for target in targets:
            buckets[target].add(word.strip())
    return (
        {t: frozenset(words) for t, words in whole.items()},
        {t: frozenset(words) for t, words in tails.items()},
    )


def _confusables(directory: Path) -> dict[str, frozenset[str]]:
    close: dict[str, set[str]] = {}
    for group in _lines("confusables.txt", directory):
        for char in group:
            close.setdefault(char, set()).update(c for c in group if c != char)
    return {char: frozenset(others) for char, others in close.items()}


_GRAMMAR_TAGS = frozenset("v p c d r u m q mq uj ul ud uz uv ug f t tg".split())


def _grammar_tags(dictionary: Path) -> dict[str, str]:
    tags = {}
    with dictionary.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and parts[2] in _GRAMMAR_TAGS:
                tags[parts[0]] = parts[2]
    return tags


def load_lexicon(directory: Path = RESOURCE_DIR) -> Lexicon:
    """Build a fresh lexicon (tests use this with a different directory)."""
    import jieba  # noqa: PLC0415 - deliberately lazy: loading costs ~1 s

    jieba.setLogLevel(60)  # jieba logs "Building prefix dict" at INFO to stderr
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    userdict, user_names = _user_dictionary(directory)
    tokenizer.load_userdict(str(userdict))
    title_lines = _words("titles.txt", directory)
    stop, stop_tails = _stop_lists(directory)
    return Lexicon(
        tokenizer=tokenizer,
        user_names=user_names,
        stop=stop,
        stop_tails=stop_tails,
        surnames=frozenset(_words("surnames.txt", directory))
        | frozenset(line.split()[0] for line in _lines("surnames_full.txt", directory)),
        titles=tuple(sorted((t for t in title_lines if not t.startswith("q:")), key=len)[::-1]),
        qualifiers=tuple(sorted((t[2:] for t in title_lines if t.startswith("q:")), key=len)[::-1]),
        boundaries=frozenset(_words("boundaries.txt", directory)),
        confusables=_confusables(directory),
        grammar_tags=_grammar_tags(Path(jieba.__file__).with_name("dict.txt")),
    )


@functools.cache
def default_lexicon() -> Lexicon:
    """The process-wide lexicon: loaded on first call, then reused."""
    return load_lexicon()


def confusables(directory: Path = RESOURCE_DIR) -> dict[str, frozenset[str]]:
    """Only the confusable table: variant grouping needs no jieba."""
    return _confusables_cached(directory)


@functools.cache
def _confusables_cached(directory: Path) -> dict[str, frozenset[str]]:
    return _confusables(directory)
