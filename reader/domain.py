"""Plain dataclasses shared by every layer: no Qt, no SQLAlchemy.

Newspaper terms keep their Chinese name here once:
``kicker`` = 引题 (line above the headline), ``subtitle`` = 副题,
``dateline`` = 电头 ``本报讯（记者… 通讯员…）``, ``credit`` = 图片署名 ``本报记者 X 摄``,
``author line`` = 评论署名 ``□高亢``.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field, fields
from typing import ClassVar


class ArticleKind(enum.StrEnum):
    NEWS = "news"
    PHOTO = "photo"
    COMMENTARY = "commentary"


class EntityType(enum.StrEnum):
    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"
    DATE = "date"


TITLE_PARAGRAPH = -1
"""Paragraph index used by a :class:`Mention` that lies in the article title."""


@dataclass(frozen=True)
class Byline:
    """People credited for an article, by role, in printed order.

    The fields are the roles; :data:`BYLINE_ROLES` lists them and
    :data:`BYLINE_ROLE_CODES` gives the code each is stored under. Code that handles
    every role loops over those rather than spelling the four out.
    """

    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()

    def all_names(self) -> tuple[str, ...]:
        """Every credited name, role by role in :data:`BYLINE_ROLES` order."""
        return tuple(name for _, names in self.by_role() for name in names)

    def by_role(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """``(role, names)`` for every role in :data:`BYLINE_ROLES` order, empty ones too."""
        return tuple((role, getattr(self, role)) for role in BYLINE_ROLES)

    def merged(self, other: Byline) -> Byline:
        """This byline with ``other``'s names appended, role by role."""
        return Byline(**{role: getattr(self, role) + getattr(other, role) for role in BYLINE_ROLES})


BYLINE_ROLES: tuple[str, ...] = tuple(f.name for f in fields(Byline))
"""The byline roles, in printed order: the field names of :class:`Byline`
(``reporters``, ``correspondents``, ``photographers``, ``authors``). The CLI's JSON keys
and the UI's role labels use these names."""

BYLINE_ROLE_CODES: dict[str, str] = {
    "reporters": "reporter",  # 记者
    "correspondents": "correspondent",  # 通讯员
    "photographers": "photographer",  # 摄影
    "authors": "author",  # 作者 (评论署名)
}
"""Role → the code the archive stores with each credited name (``bylines.role``)."""


@dataclass(frozen=True)
class LineSpan:
    """An inclusive range of 1-based line numbers of the decoded source file."""

    first: int
    last: int


@dataclass(frozen=True)
class ParsedArticle:
    """One article as the parser found it.

    ``byline_lines`` holds the printed byline text verbatim (the dateline prefix
    ``本报讯（记者A 通讯员B）``, a photo credit line, a ``□`` author line), so that
    every source character has exactly one home; ``byline`` holds the names.
    """

    title: str | None
    kicker: str | None
    subtitle: str | None
    kind: ArticleKind
    date: dt.date | None
    byline: Byline
    byline_lines: tuple[str, ...]
    paragraphs: tuple[str, ...]
    display_title: str
    source_lines: tuple[LineSpan, ...] = ()
    """Where the article's text stands in the source file (for the source view)."""


@dataclass(frozen=True)
class ParsedIssue:
    """One source file parsed into articles, in reading order."""

    source_name: str
    date: dt.date | None
    articles: tuple[ParsedArticle, ...]
    boilerplate: tuple[str, ...] = ()
    """WeChat footer lines and the paper's name: never article text."""
    unplaced: tuple[str, ...] = ()
    """Text the parser could not attach to any article (kept, never dropped)."""
    year: int | None = None
    year_source: str = ""
    """How ``year`` was decided: ``explicit`` (stated in the issue), ``name`` (the file
    name), ``folder``, ``archive`` (given by the caller), ``file-time`` (the latest year
    not after the file's modification day); a stored year keeps its first source."""


@dataclass(frozen=True)
class Mention:
    """One recognised entity occurrence inside an article.

    ``paragraph`` is an index into ``ParsedArticle.paragraphs`` or
    :data:`TITLE_PARAGRAPH`; ``start``/``end`` are character offsets into that text,
    so ``text == paragraph_text[start:end]`` always holds.
    """

    text: str
    type: EntityType
    paragraph: int
    start: int
    end: int
    canonical: str = ""
    role: str = ""
    """For persons found through a title (``管委会主任``): that title. Evidence for
    grouping spelling variants; empty when unknown."""

    def with_canonical(self, canonical: str) -> Mention:
        return Mention(
            self.text, self.type, self.paragraph, self.start, self.end, canonical, self.role
        )


# ----------------------------------------------------------------------------------------
# Read side: what the service layer hands to the CLI, the UI and the exporter.
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleLocation:
    """Where an article sits in the issue tree (``year``/``month`` None: undated)."""

    article_id: int
    year: int | None
    month: int | None
    issue_id: int


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    key: str
    display_title: str
    untitled: bool
    kind: ArticleKind
    date: dt.date | None
    issue_id: int
    issue_date: dt.date | None
    source_name: str


@dataclass(frozen=True)
class Article:
    """A stored article with everything the reading pane and the exporter show."""

    id: int
    key: str
    title: str | None
    display_title: str
    kicker: str | None
    subtitle: str | None
    kind: ArticleKind
    date: dt.date | None
    byline: Byline
    byline_lines: tuple[str, ...]
    paragraphs: tuple[str, ...]
    mentions: tuple[Mention, ...]
    issue_id: int
    issue_date: dt.date | None
    source_name: str
    source_path: str
    source_lines: tuple[LineSpan, ...] = ()
    year_source: str = ""
    """How the issue's year was decided (``ParsedIssue.year_source``)."""


@dataclass(frozen=True)
class IssueSummary:
    id: int
    source_name: str
    date: dt.date | None
    article_count: int
    year_inferred: bool = False
    """The issue never states its year; it was inferred from the file's time."""


@dataclass(frozen=True)
class PeriodSummary:
    """A year (``month`` None) or a month of the issue tree, with counts."""

    year: int | None
    month: int | None
    issue_count: int
    article_count: int


@dataclass(frozen=True)
class EntitySummary:
    """An entity of the archive, identified by ``(type, canonical)``."""

    type: EntityType
    canonical: str
    aliases: tuple[str, ...]
    article_count: int
    mention_count: int


@dataclass(frozen=True)
class Bookmark:
    key: str
    note: str
    created_at: dt.datetime
    article: ArticleSummary | None
    """None when the bookmarked article is no longer in the archive (shown as missing)."""
    title_when_saved: str = ""


@dataclass(frozen=True)
class SourceExcerpt:
    """The article's lines as they stand in its source file."""

    source_name: str
    source_path: str
    lines: tuple[tuple[int, str], ...]
    """(1-based line number, line text) pairs."""
    note: str = ""
    """Why the excerpt may be incomplete, e.g. the file changed since indexing."""


class IndexOutcome(enum.StrEnum):
    INDEXED = "indexed"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    REMOVED = "removed"


@dataclass(frozen=True)
class IndexEvent:
    """Progress of an indexing run: one per file (preceded, for the files to parse, by
    a ``surveying`` event each in the first pass), then a final summary (``done``)."""

    position: int
    total: int
    path: str
    outcome: IndexOutcome | None = None
    message: str = ""
    article_count: int = 0
    done: bool = False
    surveying: bool = False
    """A first-pass event: the file was read (for the archive-wide year and names),
    not stored yet; ``outcome`` is None. The stored outcome follows later."""


@dataclass
class IndexReport:
    indexed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SearchRequest:
    """A user query plus filters. ``limit`` None means every hit."""

    query: str
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    issue_id: int | None = None
    kind: ArticleKind | None = None
    person: str | None = None
    """Reporter/author/photographer/correspondent name."""
    entity: str | None = None
    """Canonical entity name; aliases match too."""
    limit: int | None = 20
    offset: int = 0
    issue_from: dt.date | None = None
    """Publication (issue) date bounds, as a timeline buckets by; ``date_from`` and
    ``date_to`` bound the article's own date (its dateline, else the issue's)."""
    issue_to: dt.date | None = None
    exact_total: bool = True
    """False: a page may come with an estimated total when counting every hit would
    cost more than the page (``SearchResults.total_exact``); the window asks for the
    exact total separately. Every hit list (``limit`` None) is counted exactly."""


@dataclass(frozen=True)
class MatchSpan:
    """A match inside one field of an article: ``field`` is ``title``, ``kicker``,
    ``subtitle``, ``byline`` or ``paragraph``; ``paragraph`` indexes the paragraphs
    (``TITLE_PARAGRAPH`` for the headline fields)."""

    field: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class SearchHit:
    article: ArticleSummary
    score: float
    snippet: str
    """Plain text around the best match; the match is wrapped in ``【`` ``】``."""
    snippet_spans: tuple[tuple[int, int], ...]
    """Offsets of the matches inside ``snippet`` with the markers removed."""
    matches: tuple[MatchSpan, ...]


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    hits: tuple[SearchHit, ...]
    elapsed_ms: float = 0.0
    error: str = ""
    """A user-facing message when the query could not be understood."""
    total_exact: bool = True
    """False: ``total`` is an estimate (only when the request allowed one)."""
    complete: bool = True
    """False: the page may be short. It is the start of the exact page, found within a
    bounded check of the candidates (only when the request allowed an estimated total);
    the same request with ``exact_total`` gives the whole page."""


@dataclass(frozen=True)
class HealthReport:
    """What ``reader check`` found, one line per problem and area.

    ``database`` (damage to the file itself) and ``schema`` (a version this program
    does not know) are not repairable here; ``search_index``, ``entities`` and
    ``orphans`` (rows whose parent is gone) are derived data that ``--repair`` rebuilds
    or removes from the stored text, never touching bookmarks or notes.
    """

    database: tuple[str, ...] = ()
    search_index: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    orphans: tuple[str, ...] = ()
    schema: tuple[str, ...] = ()

    AREAS: ClassVar[tuple[str, ...]] = (
        "database",
        "schema",
        "search_index",
        "entities",
        "orphans",
    )

    @property
    def problems(self) -> list[tuple[str, str]]:
        """(area, message) of every problem, in :attr:`AREAS` order."""
        return [(area, line) for area in self.AREAS for line in getattr(self, area)]

    @property
    def healthy(self) -> bool:
        return not self.problems

    @property
    def repairable(self) -> bool:
        """Everything found is derived data (the file and its schema are sound)."""
        return not (self.database or self.schema)


# ----------------------------------------------------------------------------------------
# Exploring: timelines, co-occurrence, related articles (issue 15).
# ----------------------------------------------------------------------------------------

TIMELINE_PERIODS: tuple[str, ...] = ("month", "year")
"""The ``by`` values of a timeline: periods ``2025-11`` (month) or ``2025`` (year)."""


@dataclass(frozen=True)
class TimelineBucket:
    """One period of a timeline: ``articles`` found in it, of ``total`` articles."""

    period: str
    """``2025-11`` (by month) or ``2025`` (by year), of the issue (publication) date."""
    articles: int
    total: int


@dataclass(frozen=True)
class Timeline:
    """Hits per period, oldest first: every period that has issues between the first
    and last dated issue (of the archive, or of the request's date range), zeros
    included. Articles of an undated issue are in no bucket."""

    query: str
    by: str
    buckets: tuple[TimelineBucket, ...]


@dataclass(frozen=True)
class Cooccurrence:
    """An entity named in ``articles`` articles together with another one."""

    canonical: str
    type: EntityType
    articles: int


@dataclass(frozen=True)
class RelatedArticle:
    """An article similar to another: ``score`` in [0, 1], larger is more similar;
    ``near_duplicate``: the same text printed again (text reuse)."""

    id: int
    title: str
    date: dt.date | None
    score: float
    near_duplicate: bool
