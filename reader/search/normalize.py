"""Character folding shared by the index, the query parser and the snippet finder.

Folding is one character to one character, so offsets found in folded text are
offsets in the original text too. After folding:

* full-width and half-width Latin letters, digits and punctuation are the same
  character (letters and digits become ASCII, punctuation becomes full-width);
* letters are lower case;
* every kind of whitespace is the ideographic space U+3000;
* no ASCII character other than ``[a-z0-9]`` is left, so FTS5's ``ascii``
  tokenizer sees every character as a token character.
"""

from __future__ import annotations

from functools import lru_cache

SPACE = "\u3000"
REPLACEMENT = "\ufffd"
BOUNDARY = "\u2029"
"""Put after each field and paragraph in the server's index text; folding never produces it."""
FOLD_FUNCTION = "reader_fold"
"""The name of :func:`fold` in SQL (registered on every SQLite connection of a store)."""
_LAST_CASED = 0x1FFFF  # no character above this has a case or is whitespace


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """Every character that folds to another, by code point."""
    table: dict[int, str] = {}
    for code in range(_LAST_CASED + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        folded = _fold_char(char)
        if folded != char:
            table[code] = folded
    return table


def _fold_char(char: str) -> str:
    code = ord(char)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII forms
        char = chr(code - 0xFEE0)
        code = ord(char)
    if char.isspace():
        return SPACE
    if code < 0x80:
        if char.isalnum():
            return char.lower()
        if 0x21 <= code <= 0x7E:  # ASCII punctuation → its full-width form
            return chr(code + 0xFEE0)
        return REPLACEMENT  # control characters
    lower = char.lower()
    return lower if len(lower) == 1 else char


@lru_cache(maxsize=1)
def _targets() -> frozenset[str]:
    return frozenset(fold_table().values())


def folds_onto(folded: str) -> bool:
    """Whether some other character folds onto a character of ``folded`` (a folded
    string). If not, ``folded`` occurs in ``fold(text)`` exactly where it occurs in
    ``text`` (folding is idempotent), so the text need not be folded to find it."""
    targets = _targets()
    return any(char in targets for char in folded)


def fold(text: str) -> str:
    """Fold ``text`` for matching; ``len(fold(text)) == len(text)``."""
    if len(text) >= LONG_TEXT:
        from reader.search.gramsets import fold_long  # noqa: PLC0415 - numpy, when needed

        return fold_long(text)
    return text.translate(fold_table())


LONG_TEXT = 64
"""From this length on, :func:`fold` looks characters up in an array: ``translate``
with a dict costs ~150 ns a character, the array lookup ~8 ns plus ~6 µs a call."""
