"""A search request's filters as SQL conditions on the FTS rowid (bound parameters only)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.domain import SearchRequest
from reader.search.docids import SERVER_ID_MASK, date_bound
from reader.store.search_schema import SEARCH_DOCS
from reader.store.tables import ARTICLES, BYLINES, ENTITY_SURFACES, ISSUES, MENTIONS

# Names from the store's tables: ``{ARTICLES}`` renders the table's name, ``{_A.id}``
# the column's name qualified by it.
_A, _B, _I, _M, _S = ARTICLES.c, BYLINES.c, ISSUES.c, MENTIONS.c, ENTITY_SURFACES.c
_VARIANTS = ENTITY_SURFACES.alias("v")
_D = SEARCH_DOCS.c
_IN_ISSUE = f"SELECT {_A.id} FROM {ARTICLES} WHERE {_A.issue_id} = :issue_id"
_BY_PERSON = f"SELECT {_B.article_id} FROM {BYLINES} WHERE {_B.name} = :person"
_OF_KIND = f"SELECT {_A.id} FROM {ARTICLES} WHERE {_A.kind} = :kind"
_NAMING_ENTITY = (
    f"SELECT {_M.article_id} FROM {MENTIONS}"
    f" JOIN {ENTITY_SURFACES} ON {_S.id} = {_M.surface_id}"
    f" WHERE {_S.canonical} IN (SELECT {_VARIANTS.c.canonical}"
    f" FROM {ENTITY_SURFACES} {_VARIANTS.name}"
    f" WHERE {_VARIANTS.c.canonical} = :entity OR {_VARIANTS.c.text} = :entity)"
)


_HIT = "<hit>"
"""Stands for the table (or alias) whose ``rowid`` a condition refers to."""
_ARTICLE = "<article>"
"""Stands for the article id column of a base that has one (every article, no query)."""

Condition = tuple[str, str]
"""A filter's condition on a hit given by its docid ``rowid``, and the same condition on
a hit given by its article id (:data:`_ARTICLE`)."""


def _articles_in(articles: str, server: bool) -> Condition:
    """ "The hit is one of ``articles``" (a SELECT of ids).

    On PostgreSQL the article id is the docid's low bits. In the embedded index it is
    looked up in the docid map; ``+rowid`` keeps SQLite from handing the condition to
    FTS5 as a list of rowids to seek (one lookup per article passing the filter)."""
    by_article = f"{_ARTICLE} IN ({articles})"
    if server:
        return f"(rowid & {SERVER_ID_MASK}) IN ({articles})", by_article
    by_docid = (
        f"+rowid IN (SELECT {_D.docid} FROM {SEARCH_DOCS} WHERE {_D.article_id} IN ({articles}))"
    )
    return by_docid, by_article


def _per_hit(condition: str, server: bool, joins: str = "") -> Condition:
    """A condition on each hit's article, checked hit by hit (two index lookups each).

    For a filter that most articles pass (a kind, a range of publication dates) this
    beats the set of every passing article: a page stops after its first hits instead
    of waiting for the set (100,000 articles, ``会议`` among news: page 56 → 0.1 ms, the
    first 5,000 counted 57 → 9 ms). A rare kind pays for it in full counts (commentary:
    26 → 75 ms), which the window makes only in the background."""
    by_article = (
        f"EXISTS (SELECT 1 FROM {ARTICLES} {joins}WHERE {_A.id} = {_ARTICLE} AND {condition})"
    )
    if server:
        return _articles_in(f"SELECT {_A.id} FROM {ARTICLES} {joins}WHERE {condition}", True)
    by_docid = (
        f"EXISTS (SELECT 1 FROM {SEARCH_DOCS} JOIN {ARTICLES} ON {_A.id} = {_D.article_id}"
        f" {joins}WHERE {_D.docid} = {_HIT}.rowid AND {condition})"
    )
    return by_docid, by_article


@dataclass(frozen=True)
class Filters:
    sql: str = ""
    """`` AND …`` conditions to append to the FTS query's ``WHERE … MATCH …`` clause;
    on SQLite use :meth:`on`, which names the table the hits come from."""
    params: dict[str, object] = field(default_factory=dict)
    by_article: str = ""
    """The same conditions on a base that gives each hit's article id (:meth:`on_articles`)."""

    def on(self, table: str) -> str:
        """:attr:`sql` for hits from ``table`` (an FTS table, or an alias)."""
        return self.sql.replace(_HIT, table)

    def on_articles(self, article_id: str) -> str:
        """The conditions for hits whose article id is the column ``article_id``: no
        docid lookups (every article, filtered, with no query)."""
        return self.by_article.replace(_ARTICLE, article_id)


def build_filters(
    request: SearchRequest, server: bool = False, kind_per_hit: bool = True
) -> Filters:
    """The conditions of ``request``'s filters on the docid ``rowid`` of the embedded
    index, or (``server``) of the PostgreSQL index, whose docids are coded differently.
    ``kind_per_hit``: check the kind hit by hit (most articles are of it), not as the
    set of its articles."""
    parts: list[Condition] = []
    params: dict[str, object] = {}
    if request.date_from is not None:
        parts.append(("rowid >= :date_lo", "rowid >= :date_lo"))
        params["date_lo"] = date_bound(request.date_from, upper=False, server=server)
    if request.date_to is not None:
        parts.append(("rowid <= :date_hi", "rowid <= :date_hi"))
        params["date_hi"] = date_bound(request.date_to, upper=True, server=server)
    bounds = []
    if request.issue_from is not None:
        bounds.append(f"{_I.date} >= :issue_lo")
        params["issue_lo"] = request.issue_from.isoformat()
    if request.issue_to is not None:
        bounds.append(f"{_I.date} <= :issue_hi")
        params["issue_hi"] = request.issue_to.isoformat()
    # Filters that few articles pass first, as sets; then the broad ones, hit by hit.
    if request.issue_id is not None:
        parts.append(_articles_in(_IN_ISSUE, server))
        params["issue_id"] = request.issue_id
    if request.person:
        parts.append(_articles_in(_BY_PERSON, server))
        params["person"] = request.person.strip()
    if request.entity:
        parts.append(_articles_in(_NAMING_ENTITY, server))
        params["entity"] = request.entity.strip()
    if request.kind is not None:
        by_kind = f"{_A.kind} = :kind"
        parts.append(_per_hit(by_kind, server) if kind_per_hit else _articles_in(_OF_KIND, server))
        params["kind"] = str(request.kind)
    if bounds:
        issues = f"JOIN {ISSUES} ON {_I.id} = {_A.issue_id} "
        parts.append(_per_hit(" AND ".join(bounds), server, issues))
    return Filters(
        "".join(f" AND {by_docid}" for by_docid, _ in parts),
        params,
        "".join(f" AND {by_article}" for _, by_article in parts),
    )
