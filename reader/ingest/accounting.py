"""Character accounting: proof that parsing lost and invented nothing.

Every character of the decoded file that is not whitespace, not a zero-width format
character and not Markdown heading markup (``#``/``##`` before a heading) must appear in
exactly one place of the parsed issue: an article's title, kicker, subtitle,
byline lines or paragraphs, or the issue's boilerplate or unplaced text. The indexer
can run this as a self-check; the tests run it on the seeds and on generated issues.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from reader.domain import ParsedIssue
from reader.ingest.blocks import clean_line, is_ignorable, normalise_newlines


def _count(texts: Iterable[str]) -> Counter[str]:
    counter: Counter[str] = Counter()
    for text in texts:
        counter.update(ch for ch in text if not is_ignorable(ch))
    return counter


def source_characters(text: str) -> Counter[str]:
    """The characters a parse of ``text`` must account for."""
    return _count(clean_line(raw)[0] for raw in normalise_newlines(text).split("\n"))


def issue_texts(issue: ParsedIssue) -> list[str]:
    """Every text field of the parsed issue that holds source characters."""
    texts: list[str] = []
    for article in issue.articles:
        texts.extend(t for t in (article.kicker, article.title, article.subtitle) if t)
        texts.extend(article.byline_lines)
        texts.extend(article.paragraphs)
    texts.extend(issue.boilerplate)
    texts.extend(issue.unplaced)
    return texts


def accounted_characters(issue: ParsedIssue) -> Counter[str]:
    """The multiset of visible characters held by the parsed issue."""
    return _count(issue_texts(issue))


def unaccounted(text: str, issue: ParsedIssue) -> tuple[Counter[str], Counter[str]]:
    """``(missing, extra)``: characters lost by the parse, and characters it invented."""
    source, parsed = source_characters(text), accounted_characters(issue)
    return source - parsed, parsed - source
