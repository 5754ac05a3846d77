"""A small archive built straight through the store models and reader.search.fts.

Shared by the search tests (imported as ``test_search_support``); it holds no tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, text

from reader.search.fts import SearchDocument, create_schema, index_articles
from reader.store.location import resolve
from reader.store.migrations import migrate
from reader.store.session import create_engine_for, create_sqlite_engine


@dataclass
class Doc:
    paragraphs: tuple[str, ...]
    title: str | None = None
    kicker: str | None = None
    subtitle: str | None = None
    bylines: tuple[tuple[str, str], ...] = ()
    """(role, name) pairs."""
    date: dt.date | None = None
    kind: str = "news"
    entities: tuple[tuple[str, str], ...] = ()
    """(surface text, canonical) pairs mentioned in the article."""
    extra: dict[str, object] = field(default_factory=dict)

    def document(self) -> SearchDocument:
        return SearchDocument(
            self.title,
            self.kicker,
            self.subtitle,
            tuple(name for _, name in self.bylines),
            self.paragraphs,
        )


def make_engine(path: Path, backend: object = None) -> Engine:
    """A new archive's engine: an SQLite file at ``path``, or on ``backend``'s server
    (the ``backend`` fixture of tests/conftest.py) a fresh database."""
    target = backend.database(path) if backend is not None else path  # type: ignore[attr-defined]
    if isinstance(target, str):
        engine = create_engine_for(resolve(target))
    else:
        engine = create_sqlite_engine(target)
    migrate(engine, create_schema)
    return engine


def indexed_archive(
    path: Path, docs: list[Doc], backend: object = None, per_issue: int = 100
) -> Engine:
    """An archive holding ``docs``, ``per_issue`` to an issue, whose generation has
    moved as after an indexing run (the caller disposes of the engine)."""
    from reader.search.related import bump_generation

    engine = make_engine(path, backend)
    for start in range(0, len(docs), per_issue):
        add_issue(engine, f"i{start}", None, docs[start : start + per_issue])
    with engine.begin() as connection:
        bump_generation(connection)
    return engine


def add_issue(engine: Engine, name: str, date: dt.date | None, docs: list[Doc]) -> list[int]:
    """Insert one issue with ``docs`` and index them; returns the article ids."""
    with engine.begin() as connection:
        source_id = connection.execute(
            text(
                "INSERT INTO source_files(path, name, size, mtime, sha256, status, error,"
                " indexed_at) VALUES (:p, :n, 0, 0, '', 'indexed', '', '2024-01-01 00:00:00')"
                " RETURNING id"
            ),
            {"p": f"/archive/{name}", "n": name},
        ).scalar_one()
        issue_id = connection.execute(
            text(
                "INSERT INTO issues(source_id, source_name, date, year, year_source,"
                " boilerplate, unplaced) VALUES (:s, :n, :d, :y, '', '[]', '[]') RETURNING id"
            ),
            {"s": source_id, "n": name, "d": date and date.isoformat(), "y": date and date.year},
        ).scalar_one()
        ids = []
        for ordinal, doc in enumerate(docs):
            article_id = connection.execute(
                text(
                    "INSERT INTO articles(key, issue_id, ordinal, title, display_title, kicker,"
                    " subtitle, kind, date, byline_lines, source_lines) VALUES (:key, :i, :o,"
                    " :t, :dt, :k, :s, :kind, :d, '[]', '[]') RETURNING id"
                ),
                {
                    "key": f"{name}-{ordinal}",
                    "i": issue_id,
                    "o": ordinal,
                    "t": doc.title,
                    "dt": doc.title or (doc.paragraphs[0][:20] if doc.paragraphs else "无题"),
                    "k": doc.kicker,
                    "s": doc.subtitle,
                    "kind": doc.kind,
                    "d": doc.date and doc.date.isoformat(),
                },
            ).scalar_one()
            ids.append(article_id)
            for position, body in enumerate(doc.paragraphs):
                connection.execute(
                    text("INSERT INTO paragraphs(article_id, position, text) VALUES (:a, :p, :t)"),
                    {"a": article_id, "p": position, "t": body},
                )
            for position, (role, person) in enumerate(doc.bylines):
                connection.execute(
                    text(
                        "INSERT INTO bylines(article_id, role, name, position)"
                        " VALUES (:a, :r, :n, :p)"
                    ),
                    {"a": article_id, "r": role, "n": person, "p": position},
                )
            for surface, canonical in doc.entities:
                connection.execute(
                    text(
                        "INSERT INTO entity_surfaces(type, text, canonical)"
                        " VALUES ('person', :t, :c) ON CONFLICT DO NOTHING"
                    ),
                    {"t": surface, "c": canonical},
                )
                connection.execute(
                    text(
                        'INSERT INTO mentions(article_id, surface_id, paragraph, start, "end",'
                        " role) SELECT :a, id, 0, 0, 1, '' FROM entity_surfaces"
                        " WHERE type = 'person' AND text = :t"
                    ),
                    {"a": article_id, "t": surface},
                )
        index_articles(connection, [(i, doc.document()) for i, doc in zip(ids, docs, strict=True)])
    return ids


def delete_issue(engine: Engine, name: str) -> None:
    """Remove an issue the way the indexer does: index first, then the rows."""
    from reader.search.fts import remove_articles

    with engine.begin() as connection:
        ids = [
            row[0]
            for row in connection.execute(
                text(
                    "SELECT a.id FROM articles a JOIN issues i ON i.id = a.issue_id"
                    " WHERE i.source_name = :n"
                ),
                {"n": name},
            )
        ]
        remove_articles(connection, ids)
        connection.execute(text("DELETE FROM source_files WHERE name = :n"), {"n": name})
