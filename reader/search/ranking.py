"""Relevance from the hits' own text (both backends score the same way).

A hit's score is BM25's shape without the IDF: for each positive term, its
occurrences weighted by field (headline fields 10, byline names 4, paragraphs 1),
saturated (``K1``) and normalised by the article's length against the average of the
hits ranked together (``B``). Hits with a term in a headline field come first, then
the higher score, then the newer (larger docid).

The index keeps no positions or term counts (document-level postings), so counts come
from the text: about 40 µs per article to read it on this machine, which is why only
lists of up to :data:`~reader.search.engine.RANK_ALL` hits are ranked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.search.normalize import fold, folds_onto
from reader.search.rows import ArticleFields

K1, B = 1.2, 0.75
HEAD_WEIGHT, BYLINE_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 1.0


def _counter(term: str) -> Callable[[str], int]:
    """Occurrences of ``term`` in a field's folded text (the stored text itself when no
    other character folds onto the term's: the same count, without folding)."""
    if folds_onto(term):
        return lambda field: fold(field).count(term)
    return lambda field: field.count(term)


def rank(
    hits: Sequence[tuple[int, ArticleFields]], terms: Sequence[str]
) -> list[tuple[int, float]]:
    """``(docid, score)`` of ``hits`` (docid, the article's fields) in result order;
    ``terms`` are the query's folded positive terms."""
    counters = [_counter(term) for term in terms]
    rows = []
    for docid, article in hits:
        heads = [f for f in (article.title, article.kicker, article.subtitle) if f]
        names = [name for name in article.byline_names if name]
        body = [paragraph for paragraph in article.paragraphs if paragraph]
        in_head = False
        weighted = []
        for count in counters:
            head_count = sum(map(count, heads))
            in_head = in_head or head_count > 0
            weighted.append(
                HEAD_WEIGHT * head_count
                + BYLINE_WEIGHT * sum(map(count, names))
                + BODY_WEIGHT * sum(map(count, body))
            )
        # Each field counted with the boundary after it, as the server's stored text.
        length = sum(len(field) + 1 for fields in (heads, names, body) for field in fields)
        rows.append((docid, in_head, length, weighted))
    if not rows:
        return []
    average = max(1.0, sum(row[2] for row in rows) / len(rows))
    scored = []
    for docid, in_head, length, weighted in rows:
        norm = K1 * (1 - B + B * length / average)
        score = sum(tf * (K1 + 1) / (tf + norm) for tf in weighted)
        scored.append((not in_head, -score, -docid, docid, score))
    scored.sort()
    return [(docid, score) for *_, docid, score in scored]
