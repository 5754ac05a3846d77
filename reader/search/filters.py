"""A search request's filters as SQL conditions on the FTS rowid (bound parameters only)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.domain import SearchRequest
from reader.search.fts import ID_MASK, date_bound
from reader.store.tables import ARTICLES, BYLINES, ENTITY_SURFACES, ISSUES, MENTIONS

# Names from the store's tables: ``{ARTICLES}`` renders the table's name, ``{_A.id}``
# the column's name qualified by it.
_A, _B, _I, _M, _S = ARTICLES.c, BYLINES.c, ISSUES.c, MENTIONS.c, ENTITY_SURFACES.c
_VARIANTS = ENTITY_SURFACES.alias("v")
_ARTICLE = f"(rowid & {ID_MASK})"
_IN_ISSUE = f"{_ARTICLE} IN (SELECT {_A.id} FROM {ARTICLES} WHERE {_A.issue_id} = :issue_id)"
_PUBLISHED = (
    f"{_ARTICLE} IN (SELECT {_A.id} FROM {ARTICLES} JOIN {ISSUES} ON {_I.id} = {_A.issue_id}"
    " WHERE {bounds})"
)
_OF_KIND = f"{_ARTICLE} IN (SELECT {_A.id} FROM {ARTICLES} WHERE {_A.kind} = :kind)"
_BY_PERSON = f"{_ARTICLE} IN (SELECT {_B.article_id} FROM {BYLINES} WHERE {_B.name} = :person)"
_NAMING_ENTITY = (
    f"{_ARTICLE} IN (SELECT {_M.article_id} FROM {MENTIONS}"
    f" JOIN {ENTITY_SURFACES} ON {_S.id} = {_M.surface_id}"
    f" WHERE {_S.canonical} IN (SELECT {_VARIANTS.c.canonical}"
    f" FROM {ENTITY_SURFACES} {_VARIANTS.name}"
    f" WHERE {_VARIANTS.c.canonical} = :entity OR {_VARIANTS.c.text} = :entity))"
)


@dataclass(frozen=True)
class Filters:
    sql: str = ""
    """`` AND …`` conditions to append to the FTS query's ``WHERE … MATCH …`` clause."""
    params: dict[str, object] = field(default_factory=dict)


def build_filters(request: SearchRequest) -> Filters:
    parts: list[str] = []
    params: dict[str, object] = {}
    if request.date_from is not None:
        parts.append("rowid >= :date_lo")
        params["date_lo"] = date_bound(request.date_from, upper=False)
    if request.date_to is not None:
        parts.append("rowid <= :date_hi")
        params["date_hi"] = date_bound(request.date_to, upper=True)
    bounds = []
    if request.issue_from is not None:
        bounds.append(f"{_I.date} >= :issue_lo")
        params["issue_lo"] = request.issue_from.isoformat()
    if request.issue_to is not None:
        bounds.append(f"{_I.date} <= :issue_hi")
        params["issue_hi"] = request.issue_to.isoformat()
    if bounds:
        parts.append(_PUBLISHED.format(bounds=" AND ".join(bounds)))
    if request.issue_id is not None:
        parts.append(_IN_ISSUE)
        params["issue_id"] = request.issue_id
    if request.kind is not None:
        parts.append(_OF_KIND)
        params["kind"] = str(request.kind)
    if request.person:
        parts.append(_BY_PERSON)
        params["person"] = request.person.strip()
    if request.entity:
        parts.append(_NAMING_ENTITY)
        params["entity"] = request.entity.strip()
    return Filters("".join(f" AND {part}" for part in parts), params)
