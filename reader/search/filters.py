"""A search request's filters as SQL conditions on the FTS rowid (bound parameters only)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.domain import SearchRequest
from reader.search.fts import ID_MASK, date_bound

_ARTICLE = f"(rowid & {ID_MASK})"


@dataclass(frozen=True)
class Filters:
    sql: str = ""
    """`` AND …`` conditions to append to a ``WHERE search_fts MATCH …`` clause."""
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
    if request.issue_id is not None:
        parts.append(f"{_ARTICLE} IN (SELECT id FROM articles WHERE issue_id = :issue_id)")
        params["issue_id"] = request.issue_id
    if request.kind is not None:
        parts.append(f"{_ARTICLE} IN (SELECT id FROM articles WHERE kind = :kind)")
        params["kind"] = str(request.kind)
    if request.person:
        parts.append(f"{_ARTICLE} IN (SELECT article_id FROM bylines WHERE name = :person)")
        params["person"] = request.person.strip()
    if request.entity:
        parts.append(
            f"{_ARTICLE} IN (SELECT m.article_id FROM mentions m"
            " JOIN entity_surfaces s ON s.id = m.surface_id"
            " WHERE s.canonical IN (SELECT canonical FROM entity_surfaces"
            " WHERE canonical = :entity OR text = :entity))"
        )
        params["entity"] = request.entity.strip()
    return Filters("".join(f" AND {part}" for part in parts), params)
