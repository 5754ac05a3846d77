"""Entity recognition (persons, places, organisations, dates) and variant grouping.

Importing this package is cheap: jieba and the resource lists load on the first call
to :func:`recognise_article` / :func:`recognise_issue`, once per process.
"""

from reader.entities.recognise import recognise_article, recognise_issue
from reader.entities.variants import SurfaceStat, group_variants

__all__ = ["SurfaceStat", "group_variants", "recognise_article", "recognise_issue"]
