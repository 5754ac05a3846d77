"""Related articles: candidates from shared LSH bands, scored by estimated Jaccard.

The signatures are computed at index time (in the indexer's workers,
:func:`reader.search.minhash.signatures`) and stored one row per article
(:data:`~reader.store.tables.SIGNATURES`), appended with the article in the file's
transaction and deleted with it (foreign-key cascade). The band index is not a table:
rows keyed by random 63-bit hashes would be written at random places of a large
B-tree by every file's transaction (24 rows per article); instead
:class:`BandIndex` reads every signature once (about 0.3 s per 100,000 articles),
computes the band keys with numpy and keeps them sorted in memory, and is built again
when the archive's :data:`GENERATION_KEY` in ``meta`` changed (the writer bumps it in
every transaction that adds or removes articles).

For one article: the members of its 24 buckets (at most :data:`BUCKET_CAP` each) are
the candidates, the :data:`SCORED` sharing the most bands are scored from their
stored signatures (:func:`reader.search.minhash.score`), best first, ties by id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection

from reader.domain import RelatedArticle
from reader.progress import Progress
from reader.search import minhash
from reader.search.driver import chunks, executemany, fetch_rows, marks
from reader.store.tables import ARTICLES, ISSUES, META, SIGNATURES, bulk_insert

GENERATION_KEY = "signatures_generation"
"""``meta`` key: changes whenever articles (and so signatures) are added or removed."""
BUCKET_CAP = 2000
"""Members read from one bucket: a bucket of formulaic headlines can hold thousands."""
SCORED = 400
"""Candidates scored exactly (those sharing the most bands)."""

_S, _A, _I, _M = SIGNATURES.c, ARTICLES.c, ISSUES.c, META.c
_INSERT = bulk_insert(SIGNATURES, "article_id", "text_minhash", "head_minhash")
_ALL = f"SELECT {_S.article_id}, {_S.text_minhash}, {_S.head_minhash} FROM {SIGNATURES}"
_SOME = _ALL + f" WHERE {_S.article_id} IN"
_GENERATION = f"SELECT {_M.value} FROM {META} WHERE {_M.key} = ?"
_BUMP = (
    f"INSERT INTO {META} ({_M.key.name}, {_M.value.name}) VALUES (?, '1')"
    f" ON CONFLICT ({_M.key.name}) DO UPDATE SET {_M.value.name} ="
    f" CAST(CAST({_M.value} AS INTEGER) + 1 AS TEXT)"
)
_MISSING = (
    f"SELECT {_A.id} FROM {ARTICLES}"  # no signature yet
    f" WHERE {_A.id} NOT IN (SELECT {_S.article_id} FROM {SIGNATURES})"
)
_SUMMARIES = (
    f"SELECT {_A.id}, {_A.display_title}, {_I.date} FROM {ARTICLES}"
    f" JOIN {ISSUES} ON {_I.id} = {_A.issue_id} WHERE {_A.id} IN"
)

Signatures = tuple[bytes, bytes | None]


def store_signatures(
    connection: Connection, rows: Sequence[tuple[int, bytes, bytes | None]]
) -> None:
    """Insert (article id, text signature, headline signature) rows."""
    executemany(connection, _INSERT, list(rows))
    bump_generation(connection)


def bump_generation(connection: Connection) -> None:
    executemany(connection, _BUMP, [(GENERATION_KEY,)])


def generation(connection: Connection) -> str:
    rows = fetch_rows(connection, _GENERATION, (GENERATION_KEY,))
    return str(rows[0][0]) if rows else ""


def fill_missing(connection: Connection, progress: Progress | None = None) -> int:
    """Compute and store the signatures of every article that has none (an archive
    from before schema v6, or a repair); returns how many."""
    from reader.search.fts import stored_documents

    missing = [row[0] for row in fetch_rows(connection, _MISSING, ())]
    done = 0
    for chunk in chunks(missing):
        documents = stored_documents(connection, chunk)
        rows = []
        for article_id in chunk:
            document = documents.get(article_id)
            if document is None:
                continue
            text, head = minhash.signatures(document.title, document.subtitle, document.paragraphs)
            rows.append((article_id, text, head))
        executemany(connection, _INSERT, rows)
        done += len(chunk)
        if progress is not None:
            progress(done, len(missing))
    if missing:
        bump_generation(connection)
    return len(missing)


@dataclass(frozen=True)
class _Bands:
    keys: np.ndarray
    """Every band key of every article, sorted (int64)."""
    ids: np.ndarray
    """The article id of each key (int64)."""


class BandIndex:
    """The LSH buckets of every stored signature, in memory (sorted keys)."""

    def __init__(self, connection: Connection) -> None:
        self.generation = generation(connection)
        rows = fetch_rows(connection, _ALL, ())
        ids = np.array([row[0] for row in rows], dtype=np.int64)
        text = minhash.stack([row[1] for row in rows], minhash.TEXT_BINS)
        text_keys = minhash.band_keys(text, minhash.TEXT_ROWS, head=False)
        titled = [number for number, row in enumerate(rows) if row[2] is not None]
        head = minhash.stack([rows[number][2] for number in titled], minhash.HEAD_BINS)
        head_keys = minhash.band_keys(head, minhash.HEAD_ROWS, head=True)
        keys = np.concatenate([text_keys.ravel(), head_keys.ravel()])
        owners = np.concatenate(
            [
                np.repeat(ids, text_keys.shape[1]),
                np.repeat(ids[titled], head_keys.shape[1]),
            ]
        )
        order = np.argsort(keys, kind="stable")
        self._bands = _Bands(keys[order], owners[order])

    def candidates(self, keys: np.ndarray) -> dict[int, int]:
        """Article id → number of the ``keys`` (buckets) it is in."""
        bands = self._bands
        found: dict[int, int] = {}
        lo = np.searchsorted(bands.keys, keys, side="left")
        hi = np.searchsorted(bands.keys, keys, side="right")
        for start, end in zip(lo.tolist(), hi.tolist(), strict=True):
            for article_id in bands.ids[start : min(end, start + BUCKET_CAP)].tolist():
                found[article_id] = found.get(article_id, 0) + 1
        return found


def _signatures(connection: Connection, article_ids: Sequence[int]) -> dict[int, Signatures]:
    out: dict[int, Signatures] = {}
    for chunk in chunks(list(article_ids)):
        for article_id, text, head in fetch_rows(
            connection, f"{_SOME} ({marks(len(chunk))})", chunk
        ):
            out[article_id] = (text, head)
    return out


def related(
    connection: Connection, index: BandIndex, article_id: int, limit: int
) -> list[RelatedArticle]:
    """The articles most similar to ``article_id``, best first, never itself."""
    own = _signatures(connection, [article_id]).get(article_id)
    if own is None or limit <= 0:
        return []
    text = minhash.from_bytes(own[0], minhash.TEXT_BINS)
    head = minhash.from_bytes(own[1], minhash.HEAD_BINS)
    assert text is not None
    keys = [minhash.band_keys(text[None, :], minhash.TEXT_ROWS, head=False)[0]]
    if head is not None:
        keys.append(minhash.band_keys(head[None, :], minhash.HEAD_ROWS, head=True)[0])
    shared = index.candidates(np.concatenate(keys))
    shared.pop(article_id, None)
    best = sorted(shared, key=lambda other: (-shared[other], other))[:SCORED]
    scored: list[tuple[float, int, bool]] = []
    for other, (other_text, other_head) in _signatures(connection, best).items():
        theirs = minhash.from_bytes(other_text, minhash.TEXT_BINS)
        if theirs is None:
            continue
        text_similarity = minhash.similarity(text, theirs)
        their_head = minhash.from_bytes(other_head, minhash.HEAD_BINS)
        head_similarity = (
            minhash.similarity(head, their_head)
            if head is not None and their_head is not None
            else None
        )
        value = minhash.score(text_similarity, head_similarity)
        scored.append((value, other, text_similarity >= minhash.NEAR_DUPLICATE))
    scored.sort(key=lambda item: (-item[0], item[1]))
    top = scored[:limit]
    summaries: dict[int, tuple[str, dt.date | None]] = {}
    ids = [other for _, other, _ in top]
    for chunk in chunks(ids):
        for found_id, title, date in fetch_rows(
            connection, f"{_SUMMARIES} ({marks(len(chunk))})", chunk
        ):
            summaries[found_id] = (title, _as_date(date))
    return [
        RelatedArticle(other, *summaries[other], round(value, 6), duplicate)
        for value, other, duplicate in top
        if other in summaries
    ]


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        return dt.date.fromisoformat(value[:10])
    return None
