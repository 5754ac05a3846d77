"""Misplaced headlines: give an untitled story the headline printed elsewhere for it.

Layout sometimes separates a headline from its story (the headline ends up after the
story, near the footer). A headline is matched to a story only by what both say:
the share of the headline's character bigrams that also occur in the story's opening
paragraphs. Position plays no part, so a headline is never given to a story merely
because it stands next to it.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence

MATCH_THRESHOLD = 0.5
"""Minimum share of the headline's bigrams found in the story's opening.

On the archive, true pairs score 0.55–0.95 (``高新区召开秋冬季安全生产会议`` ↔
``…高新区秋冬季安全生产会议召开…`` scores 0.85). Stories of one issue share stock words
(高新区, 召开, 大气污染防治), so an unrelated story can reach 0.6 as well: hence the margin.
"""
MATCH_MARGIN = 0.15
"""How much better the story must match the headline than any other story in the
issue does: a headline names what is particular to its story."""
OPENING_CHARS = 400
"""How much of a story is compared: the lead names what the headline says."""


@functools.lru_cache(maxsize=4096)
def bigrams(text: str) -> frozenset[str]:
    """Adjacent pairs of letters and digits (punctuation and spaces dropped)."""
    # Cached: an issue's openings are compared with every candidate headline, and the
    # claiming loop asks again after each claim (a 100-story issue: ~10^4 comparisons).
    chars = "".join(filter(str.isalnum, text))
    return frozenset(map(operator.add, chars, chars[1:]))


def overlap(headline: str, story: str) -> float:
    """Share of the headline's bigrams present in the story's opening."""
    return _share(bigrams(headline), bigrams(story[:OPENING_CHARS]))


def _share(wanted: frozenset[str], present: frozenset[str]) -> float:
    if not wanted:
        return 0.0
    return len(wanted & present) / len(wanted)


def match_headlines(
    stories: Sequence[str],
    claimants: Sequence[int],
    headlines: Sequence[str],
    *,
    threshold: float = MATCH_THRESHOLD,
    margin: float = MATCH_MARGIN,
) -> dict[int, int]:
    """Pair untitled stories with orphan headlines: story index → headline index.

    ``stories`` are the openings of every story in the issue (titled ones too, as the
    competition a match must beat); only indices in ``claimants`` may take a headline.
    Best scores are paired first; each story and headline is used at most once.
    """
    openings = [bigrams(story[:OPENING_CHARS]) for story in stories]
    candidates: list[tuple[float, int, int]] = []
    for h, headline in enumerate(headlines):
        wanted = bigrams(headline)
        own = {s: _share(wanted, openings[s]) for s in claimants}
        passing = [s for s, score in own.items() if score >= threshold]
        if not passing:
            continue  # the rivals need scoring only for a headline some claimant could take
        column = sorted(((_share(wanted, o), s) for s, o in enumerate(openings)), reverse=True)
        for s in passing:
            # The best rival: the top score unless that is this story's own.
            rival = next((score for score, o in column if o != s), 0.0)
            if own[s] - rival >= margin:
                candidates.append((own[s], s, h))
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, s, h in candidates:
        if s in pairs or h in used:
            continue
        pairs[s] = h
        used.add(h)
    return pairs
