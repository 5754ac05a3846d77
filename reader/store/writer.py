"""The write side of indexing: one transaction per file, search index kept in step."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.orm import Session

from reader.domain import BYLINE_ROLE_CODES, Mention, ParsedArticle, ParsedIssue
from reader.search.driver import chunks, execute, executemany, marks
from reader.store import identity
from reader.store.codec import base_key, unique_key
from reader.store.models import (
    ArticleRow,
    EntitySurface,
    Issue,
    MentionRow,
    SourceFile,
)
from reader.store.repository import Store
from reader.store.tables import (
    ARTICLES,
    BYLINES,
    ENTITY_SURFACES,
    ISSUES,
    MENTIONS,
    PARAGRAPHS,
    SOURCE_FILES,
    bulk_insert,
)

if TYPE_CHECKING:
    from reader.search.fts import SearchDocument
    from reader.store.indexer import Candidate, Prepared


def known_sources(store: Store) -> dict[str, tuple[str, str, str]]:
    """path → (sha256, status, error) of every file seen before."""
    with store.session() as session:
        rows = session.execute(
            select(SourceFile.path, SourceFile.sha256, SourceFile.status, SourceFile.error)
        )
        return {path: (digest, status, error) for path, digest, status, error in rows}


def stored_years(
    store: Store,
) -> tuple[dict[str, tuple[int, str]], dict[str, tuple[int, str]]]:
    """The year (and its source) stored for each indexed file, by path and by text
    digest: a file indexed again keeps its year unless the file itself names one."""
    by_path: dict[str, tuple[int, str]] = {}
    by_digest: dict[str, tuple[int, str]] = {}
    with store.session() as session:
        rows = session.execute(
            select(SourceFile.path, SourceFile.text_digest, Issue.year, Issue.year_source)
            .join(Issue, Issue.source_id == SourceFile.id)
            .where(SourceFile.status == "indexed")
        )
        for path, digest, year, source in rows:
            if year is None:
                continue
            by_path[path] = (year, source)
            if digest:
                by_digest[digest] = (year, source)
    return by_path, by_digest


def byline_names(store: Store) -> list[str]:
    return store.byline_names()


def _remove_source(session: Session, source_id: int) -> None:
    from reader.search.fts import remove_articles

    article_ids = list(
        session.scalars(select(ArticleRow.id).join(Issue).where(Issue.source_id == source_id))
    )
    if article_ids:
        from reader.search.related import bump_generation

        remove_articles(session.connection(), article_ids)
        bump_generation(session.connection())
    session.execute(delete(SourceFile).where(SourceFile.id == source_id))


def text_digests(store: Store) -> dict[str, str]:
    """text digest → path of every indexed source that has one."""
    with store.session() as session:
        rows = session.execute(
            select(SourceFile.text_digest, SourceFile.path).where(
                SourceFile.status == "indexed", SourceFile.text_digest.is_not(None)
            )
        )
        return {digest: path for digest, path in rows if digest}


def record_skip(store: Store, path: Path, error: str, candidate: Candidate | None = None) -> None:
    """Remember a file that could not be indexed (and drop what it held before)."""
    try:
        stat = path.stat()
        size, mtime = stat.st_size, stat.st_mtime
    except OSError:
        size, mtime = 0, 0.0
    with writing(store) as session:
        existing = session.scalar(select(SourceFile.id).where(SourceFile.path == str(path)))
        if existing is not None:
            _remove_source(session, existing)
        session.add(
            SourceFile(
                path=str(path),
                name=path.name,
                size=size,
                mtime=mtime,
                sha256=candidate.sha256 if candidate else "",
                status="skipped",
                error=error,
                indexed_at=dt.datetime.now(),
            )
        )


# The bulk statements below go to the driver's executemany, past SQLAlchemy's per-row
# parameter processing; their text is built once from the store's tables.
_INSERT_ARTICLE = bulk_insert(
    ARTICLES,
    "key",
    "issue_id",
    "ordinal",
    "title",
    "display_title",
    "kicker",
    "subtitle",
    "kind",
    "date",
    "byline_lines",
    "source_lines",
)
_ISSUE_ARTICLE_IDS = (
    f"SELECT {ARTICLES.c.id} FROM {ARTICLES} WHERE {ARTICLES.c.issue_id} = ?"
    f" ORDER BY {ARTICLES.c.ordinal}"
)
_INSERT_PARAGRAPH = bulk_insert(PARAGRAPHS, "article_id", "position", "text")
_INSERT_BYLINE = bulk_insert(BYLINES, "article_id", "role", "name", "position")
_INSERT_SURFACE = bulk_insert(
    ENTITY_SURFACES, "type", "text", "canonical", on_conflict_do_nothing=True
)
_SURFACE_IDS = (
    f"SELECT {ENTITY_SURFACES.c.type}, {ENTITY_SURFACES.c.text}, {ENTITY_SURFACES.c.id}"
    f" FROM {ENTITY_SURFACES} WHERE {ENTITY_SURFACES.c.text} IN"
)
_INSERT_MENTION = bulk_insert(
    MENTIONS, "article_id", "surface_id", "paragraph", "start", "end", "role"
)


@contextmanager
def writing(store: Store) -> Iterator[Session]:
    """A write transaction. On a server it first takes the archive's write lock
    (``pg_advisory_xact_lock``, released at commit), so two indexers of one shared
    archive take turns per file as they do on SQLite (whose write lock is the file's);
    readers never wait for it."""
    with store.sessions.begin() as session:
        store.take_write_lock(session)
        yield session


SurfaceIds = dict[tuple[str, str], int]
"""(entity type, surface text) → entity_surfaces.id, remembered across one indexing run."""


def store_issue(store: Store, prepared: Prepared, surfaces: SurfaceIds | None = None) -> int:
    """Replace whatever the file held with its newly parsed issue; returns the article count.

    Core statements, not ORM objects: this runs once per file in a run of thousands.
    """
    from reader.search.fts import IndexText, index_articles

    issue = prepared.issue
    assert issue is not None
    candidate = prepared.candidate
    with writing(store) as session:
        # The file this one replaces (itself before an edit, or a renamed original) goes
        # first, and its articles' keys pass to the new articles that resemble them.
        replaced = identity.replaced_sources(
            session, candidate.path, candidate.text_digest, issue.date
        )
        old_keys = identity.signatures(session, replaced)
        for source_id in replaced:
            _remove_source(session, source_id)
        carried = identity.carried_keys(issue.articles, old_keys)
        connection = session.connection()
        source_id = connection.execute(
            insert(SOURCE_FILES).returning(SOURCE_FILES.c.id),
            {
                "path": str(candidate.path),
                "name": candidate.path.name,
                "size": candidate.size,
                "mtime": candidate.mtime,
                "sha256": candidate.sha256,
                "text_digest": candidate.text_digest or None,
                "status": "indexed",
                "error": "",
                "indexed_at": dt.datetime.now(),
            },
        ).scalar_one()
        issue_id = connection.execute(
            insert(ISSUES).returning(ISSUES.c.id),
            {
                "source_id": source_id,
                "source_name": issue.source_name,
                "date": issue.date,
                "year": issue.year,
                "year_source": issue.year_source,
                "boilerplate": json.dumps(list(issue.boilerplate), ensure_ascii=False),
                "unplaced": json.dumps(list(issue.unplaced), ensure_ascii=False),
            },
        ).scalar_one()
        article_ids = _insert_articles(connection, issue_id, issue, carried)
        _insert_children(connection, article_ids, issue)
        _insert_mentions(connection, article_ids, prepared.mentions, surfaces)
        documents: list[SearchDocument | IndexText] = (
            list(prepared.search_columns)
            if len(prepared.search_columns) == len(issue.articles)
            else [search_document(article) for article in issue.articles]
        )
        dates = [article.date or issue.date for article in issue.articles]
        index_articles(connection, list(zip(article_ids, documents, strict=True)), dates)
        _insert_signatures(connection, article_ids, prepared)
    return len(issue.articles)


def _insert_signatures(connection: Connection, article_ids: list[int], prepared: Prepared) -> None:
    """The articles' MinHash signatures (related articles), computed by the worker."""
    from reader.search.related import store_signatures

    if signatures_disabled():
        from reader.search.related import bump_generation

        bump_generation(connection)  # as storing the signatures does: the archive changed
        return
    issue = prepared.issue
    assert issue is not None
    signatures = list(prepared.signatures)
    if len(signatures) != len(issue.articles):
        signatures = [article_signatures(article) for article in issue.articles]
    store_signatures(
        connection,
        [
            (article_id, text, head)
            for article_id, (text, head) in zip(article_ids, signatures, strict=True)
        ],
    )


BENCH_NO_SIGNATURES = "READER_BENCH_NO_SIGNATURES"
"""Set to 1 only by ``benchmarks/related_cost.py``: index without the related-articles
data, to measure what it costs in the same run."""


def signatures_disabled() -> bool:
    return os.environ.get(BENCH_NO_SIGNATURES) == "1"


def article_signatures(article: ParsedArticle) -> tuple[bytes, bytes | None]:
    """What the related-articles data holds of a parsed article."""
    from reader.search.minhash import signatures

    return signatures(article.title, article.subtitle, article.paragraphs)


def search_document(article: ParsedArticle) -> SearchDocument:
    """What the search index holds of a parsed article."""
    from reader.search.fts import SearchDocument

    return SearchDocument(
        title=article.title,
        kicker=article.kicker,
        subtitle=article.subtitle,
        byline_names=article.byline.all_names(),
        paragraphs=article.paragraphs,
    )


def set_bulk_merging(store: Store, bulk: bool) -> None:
    """Tell the search index a large run starts (or ended): merge less often meanwhile."""
    from reader.search.fts import set_bulk_merging as set_fts_bulk_merging

    with store.engine.begin() as connection:
        set_fts_bulk_merging(connection, bulk)


def optimize_search_index(store: Store) -> None:
    """Merge the FTS segments after a large run: fewer segments, faster queries; then
    release the pages the merged segments left free."""
    from reader.search.fts import optimize

    with store.engine.begin() as connection:
        optimize(connection)
    store.release_free_pages()


def _existing_keys(connection: Connection, bases: list[str]) -> set[str]:
    """Keys already taken by ``bases`` or their ``-N`` siblings (one query in the usual case)."""
    unique = sorted(set(bases))
    found = set(connection.scalars(select(ArticleRow.key).where(ArticleRow.key.in_(unique))))
    taken = set(found)
    for base in found:
        # A range on the unique index finds the -N siblings of a story printed twice.
        taken.update(
            connection.scalars(
                select(ArticleRow.key).where(ArticleRow.key > base, ArticleRow.key < base + "~")
            )
        )
    return taken


def _insert_articles(
    connection: Connection, issue_id: int, issue: ParsedIssue, carried: dict[int, str]
) -> list[int]:
    if not issue.articles:
        return []
    date_iso = issue.date.isoformat() if issue.date else ""
    bases = [base_key(article, date_iso) for article in issue.articles]
    taken = _existing_keys(connection, bases) | set(carried.values())
    rows: list[tuple[object, ...]] = [
        (
            carried[ordinal] if ordinal in carried else unique_key(base, taken),
            issue_id,
            ordinal,
            article.title,
            article.display_title,
            article.kicker,
            article.subtitle,
            article.kind.value,
            article.date.isoformat() if article.date else None,
            json.dumps(list(article.byline_lines), ensure_ascii=False),
            json.dumps([[s.first, s.last] for s in article.source_lines]),
        )
        for ordinal, (article, base) in enumerate(zip(issue.articles, bases, strict=True))
    ]
    executemany(connection, _INSERT_ARTICLE, rows)
    found = execute(connection, _ISSUE_ARTICLE_IDS, (issue_id,))
    return [row[0] for row in found]


def _insert_children(connection: Connection, article_ids: list[int], issue: ParsedIssue) -> None:
    paragraphs: list[tuple[object, ...]] = []
    bylines: list[tuple[object, ...]] = []
    for article_id, article in zip(article_ids, issue.articles, strict=True):
        paragraphs.extend(
            (article_id, position, text) for position, text in enumerate(article.paragraphs)
        )
        position = 0
        for role, names in article.byline.by_role():
            for name in names:
                bylines.append((article_id, BYLINE_ROLE_CODES[role], name, position))
                position += 1
    executemany(connection, _INSERT_PARAGRAPH, paragraphs)
    executemany(connection, _INSERT_BYLINE, bylines)


MentionValues = tuple[str, str, int, int, int, str]
"""A mention as the indexer's workers send it: (type, text, paragraph, start, end,
role). Plain values: unpickling a dataclass with an enum cost the writing process
more than all the rest of a worker's result (1.1 of 1.9 CPU-seconds for 18 MB)."""


def mention_values(mentions: Iterable[Mention]) -> tuple[MentionValues, ...]:
    return tuple((m.type.value, m.text, m.paragraph, m.start, m.end, m.role) for m in mentions)


def _insert_mentions(
    connection: Connection,
    article_ids: list[int],
    mentions: Sequence[Sequence[MentionValues]],
    known_ids: SurfaceIds | None,
) -> None:
    surface_ids: SurfaceIds = known_ids if known_ids is not None else {}
    pairs = {(row[0], row[1]) for group in mentions for row in group} - surface_ids.keys()
    executemany(connection, _INSERT_SURFACE, [(kind, text, text) for kind, text in sorted(pairs)])
    for chunk in chunks(sorted({text for _, text in pairs})):
        found = execute(connection, f"{_SURFACE_IDS} ({marks(len(chunk))})", chunk)
        surface_ids.update({(kind, text): sid for kind, text, sid in found})
    executemany(
        connection,
        _INSERT_MENTION,
        [
            (article_id, surface_ids[(kind, text)], paragraph, start, end, role)
            for article_id, group in zip(article_ids, mentions, strict=True)
            for kind, text, paragraph, start, end, role in group
        ],
    )


def remove_vanished(store: Store, roots: list[Path], present: set[str]) -> Iterator[str]:
    """Drop files that were indexed from one of ``roots`` and are no longer there."""
    if not roots:
        return
    with store.session() as session:
        known = list(session.execute(select(SourceFile.id, SourceFile.path)))
    for source_id, path in known:
        if path in present:
            continue
        if any(path.startswith(str(root) + os.sep) for root in roots):
            with writing(store) as session:
                _remove_source(session, source_id)
            yield path


def regroup_entities(store: Store) -> None:
    """Recompute canonical names for spelling variants across the whole archive."""
    from reader.domain import EntityType
    from reader.entities import SurfaceStat, group_variants

    with writing(store) as session:
        # Counted on the surface index alone, then joined (not join, then count).
        per_surface = (
            select(MentionRow.surface_id, func.count().label("mentions"))
            .group_by(MentionRow.surface_id)
            .subquery()
        )
        counts = session.execute(
            select(
                EntitySurface.id,
                EntitySurface.type,
                EntitySurface.text,
                EntitySurface.canonical,
                per_surface.c.mentions,
            ).join(per_surface, per_surface.c.surface_id == EntitySurface.id)
        ).all()
        roles: dict[int, set[str]] = defaultdict(set)
        for surface_id, role in session.execute(
            select(MentionRow.surface_id, MentionRow.role).where(MentionRow.role != "").distinct()
        ):
            roles[surface_id].add(role)
        stats = [
            SurfaceStat(EntityType(kind), text, count, frozenset(roles[sid]))
            for sid, kind, text, _canonical, count in counts
        ]
        mapping = group_variants(stats)
        changed = False
        for sid, kind, text, canonical, _count in counts:
            wanted = mapping.get((EntityType(kind), text), text)
            if wanted != canonical:
                changed = True
                session.execute(
                    update(EntitySurface).where(EntitySurface.id == sid).values(canonical=wanted)
                )
        if changed:
            # Entity names changed: the indexes derived from them must be built again.
            from reader.search.related import bump_generation

            bump_generation(session.connection())
