"""Where the query terms occur in an article: match spans and a short snippet.

Matching is done on folded text (:func:`~reader.search.normalize.fold` keeps
lengths), so spans are offsets into the original stored text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.domain import TITLE_PARAGRAPH, MatchSpan
from reader.search.normalize import fold, folds_onto
from reader.search.rows import ArticleFields

CONTEXT = 40
OPEN, CLOSE = "【", "】"
ELLIPSIS = "…"


@dataclass(frozen=True)
class _Field:
    name: str
    index: int
    text: str


def _fields(article: ArticleFields) -> list[_Field]:
    fields = [
        _Field(name, TITLE_PARAGRAPH, value)
        for name, value in (
            ("title", article.title),
            ("kicker", article.kicker),
            ("subtitle", article.subtitle),
        )
        if value
    ]
    fields += [_Field("byline", i, name) for i, name in enumerate(article.byline_names)]
    fields += [_Field("paragraph", i, text) for i, text in enumerate(article.paragraphs)]
    return fields


def find_spans(
    text: str, terms: Sequence[str], must_fold: bool = True
) -> list[tuple[int, int, int]]:
    """``(start, end, term_index)`` of every occurrence of every folded term in ``text``,
    overlapping occurrences merged (the lowest term index is kept).

    ``must_fold=False`` (allowed when no term :func:`folds_onto`) searches ``text``
    as it is, which gives the same spans without folding it."""
    folded = fold(text) if must_fold else text
    found: list[tuple[int, int, int]] = []
    for index, term in enumerate(terms):
        if not term:
            continue
        position = folded.find(term)
        while position >= 0:
            found.append((position, position + len(term), index))
            position = folded.find(term, position + 1)
    found.sort()
    merged: list[tuple[int, int, int]] = []
    for start, end, index in found:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), min(last[2], index))
        else:
            merged.append((start, end, index))
    return merged


def _field_spans(
    article: ArticleFields, terms: Sequence[str]
) -> list[tuple[_Field, list[tuple[int, int, int]]]]:
    must_fold = any(folds_onto(term) for term in terms)
    return [(field, find_spans(field.text, terms, must_fold)) for field in _fields(article)]


def match_spans(article: ArticleFields, terms: Sequence[str]) -> tuple[MatchSpan, ...]:
    """Every match in title, kicker, subtitle, byline names and paragraphs, in that order.

    ``paragraph`` is :data:`TITLE_PARAGRAPH` for the headline fields, the index of the
    name in ``byline_names`` for ``byline``, and the paragraph index otherwise.
    """
    return _matches(_field_spans(article, terms))


def _matches(
    field_spans: list[tuple[_Field, list[tuple[int, int, int]]]],
) -> tuple[MatchSpan, ...]:
    return tuple(
        MatchSpan(field.name, field.index, start, end)
        for field, spans in field_spans
        for start, end, _ in spans
    )


def snippet_and_matches(
    article: ArticleFields, terms: Sequence[str]
) -> tuple[str, tuple[tuple[int, int], ...], tuple[MatchSpan, ...]]:
    """:func:`snippet` and :func:`match_spans` at once (each field searched once)."""
    field_spans = _field_spans(article, terms)
    text_, offsets = _snippet(article, field_spans)
    return text_, offsets, _matches(field_spans)


def snippet(
    article: ArticleFields, terms: Sequence[str]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Text around the best match with matches wrapped in 【】, and the match offsets
    inside the snippet with the markers removed.

    The best match is in the paragraph with the most distinct terms (then the most
    matches, then the earliest); a headline or byline is used only when no paragraph
    matches; with no match at all the snippet is the article's opening.
    """
    return _snippet(article, _field_spans(article, terms))


def _snippet(
    article: ArticleFields, field_spans: list[tuple[_Field, list[tuple[int, int, int]]]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    best: tuple[int, int, int] | None = None
    best_field: _Field | None = None
    best_spans: list[tuple[int, int, int]] = []
    for field, spans in field_spans:
        if not spans:
            continue
        in_body = 1 if field.name == "paragraph" else 0
        rank = (in_body, len({index for _, _, index in spans}), len(spans))
        if best is None or rank > best:
            best, best_field, best_spans = rank, field, spans
    if best_field is None:
        opening = next((p for p in article.paragraphs if p), article.title or "")
        cut = opening[: 2 * CONTEXT]
        return (cut + ELLIPSIS if len(opening) > len(cut) else cut), ()
    return _window(best_field.text, best_spans)


def _window(
    text: str, spans: list[tuple[int, int, int]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    first_start, first_end, _ = spans[0]
    start = max(0, first_start - CONTEXT)
    end = min(len(text), first_end + CONTEXT)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    marked: list[str] = [prefix]
    plain_offsets: list[tuple[int, int]] = []
    cursor = start
    plain_length = len(prefix)
    for span_start, span_end, _ in spans:
        if span_start >= end:
            break
        span_end = min(span_end, end)
        marked.append(text[cursor:span_start])
        plain_length += span_start - cursor
        marked.append(OPEN + text[span_start:span_end] + CLOSE)
        plain_offsets.append((plain_length, plain_length + span_end - span_start))
        plain_length += span_end - span_start
        cursor = span_end
    marked.append(text[cursor:end])
    marked.append(suffix)
    return "".join(marked), tuple(plain_offsets)
