"""Small pure helpers the store needs: content hashing and stable article keys.

Nothing here touches a file; reading a source file again is :mod:`reader.store.sources`.
"""

from __future__ import annotations

import hashlib

from reader.domain import ParsedArticle


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def base_key(article: ParsedArticle, issue_date_iso: str) -> str:
    """A key that survives re-indexing: derived from what the article says, not from ids.

    Headline + opening words + issue date identify an article even when the file is
    re-laid-out or renamed. A story printed twice gets a ``-2`` suffix (see the writer).
    """
    body = "".join(article.paragraphs)[:80]
    seed = "\x1f".join((article.title or "", article.display_title, body, issue_date_iso))
    return hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]


def unique_key(base: str, taken: set[str]) -> str:
    key, counter = base, 2
    while key in taken:
        key = f"{base}-{counter}"
        counter += 1
    taken.add(key)
    return key
