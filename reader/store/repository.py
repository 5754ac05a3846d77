"""The store: opens the database and answers the service's queries with domain objects."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Row, func, literal, select, union_all
from sqlalchemy import text as sql_text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from reader.domain import (
    BYLINE_ROLE_CODES,
    BYLINE_ROLES,
    Article,
    ArticleKind,
    ArticleLocation,
    ArticleSummary,
    Bookmark,
    Byline,
    EntitySummary,
    EntityType,
    HealthReport,
    IssueSummary,
    LineSpan,
    Mention,
    PeriodSummary,
    SourceExcerpt,
)
from reader.errors import StoreError
from reader.progress import CancelToken, Progress
from reader.store.db_errors import database_message
from reader.store.location import DatabaseTarget, resolve
from reader.store.migrations import SCHEMA_VERSION, migrate
from reader.store.models import (
    ArticleRow,
    BookmarkRow,
    BylineRow,
    EntitySurface,
    Issue,
    MentionRow,
    SourceFile,
)
from reader.store.session import BUSY_TIMEOUT_MS, create_engine_for, create_session_factory
from reader.store.sources import read_excerpt
from reader.store.sqlfuncs import concat_distinct, month_text, year_text

T = TypeVar("T")

ROLE_OF_CODE = {code: role for role, code in BYLINE_ROLE_CODES.items()}
"""A stored byline code (``bylines.role``) → its :class:`Byline` field."""


WRITE_LOCK = 0x57524954
"""The advisory lock key ("WRIT") a write transaction on a server takes first."""


def _create_search_schema(connection: Connection) -> None:
    from reader.search.fts import create_schema

    create_schema(connection)


class Store:
    """One archive: an SQLite file or a PostgreSQL database. Each public method is its
    own unit of work (thread-safe)."""

    def __init__(self, path: Path | str | DatabaseTarget, progress: Progress | None = None) -> None:
        self.target = path if isinstance(path, DatabaseTarget) else resolve(path)
        self.path = self.target.path or Path(self.target.url)
        try:
            self.engine = create_engine_for(self.target)
            found = migrate(self.engine, _create_search_schema, progress)
        except SQLAlchemyError as error:
            reason = database_message(error) or "无法打开 (cannot open)"
            raise StoreError(f"{reason}: {self.target.display}") from error
        self.sessions = create_session_factory(self.engine)
        self.on_server = self.target.is_server
        self._user: str | None = None
        if found is not None and found != SCHEMA_VERSION:
            self.release_free_pages()  # an upgrade may have rebuilt the search index

    @classmethod
    def open(cls, path: Path | str | DatabaseTarget, progress: Progress | None = None) -> Store:
        """Open (creating or upgrading) the archive; ``progress`` follows a long upgrade."""
        return cls(path, progress)

    def close(self) -> None:
        self.engine.dispose()

    def health(self) -> HealthReport:
        """What ``reader check`` finds (:mod:`reader.store.health`)."""
        from reader.store import health

        with self.writing_connection() as connection:  # FTS5's integrity check is a write
            return health.check(connection)

    def repair(self, progress: Progress | None = None) -> None:
        """Rebuild everything derived from the stored text: remove rows whose parent is
        gone, regroup the entity index, rebuild the search index. Bookmarks and notes
        are never touched."""
        from reader.search import fts
        from reader.search.related import bump_generation, fill_missing
        from reader.store import health, writer

        with self.writing_connection() as connection:
            health.remove_orphans(connection)
            bump_generation(connection)  # mentions may be gone: entity filters changed
        writer.regroup_entities(self)
        with self.writing_connection() as connection:
            fts.rebuild(connection, progress)
        with self.writing_connection() as connection:
            fill_missing(connection)
        self.release_free_pages()

    def release_free_pages(self) -> None:
        """Hand the file's free pages back to the file system (``incremental_vacuum``).

        A large run ends with the search index merged into one segment; the pages of the
        merged segments are left free inside the file (21 MB = 0.14× the text at
        100,000 articles). Only an archive created with ``auto_vacuum=INCREMENTAL``
        (every new file: :mod:`reader.store.session`) can release them without
        rewriting the whole file; in an older one the pragma does nothing and the pages
        wait for reuse. Nothing to do on a server."""
        if self.on_server:
            return
        # A script steps the pragma to its end; a single execute() releases one page only.
        self._run_script("PRAGMA incremental_vacuum")

    def compact(self) -> tuple[int, int]:
        """Rewrite the file without its free pages (``VACUUM``), switching an archive
        created before schema v9 to ``auto_vacuum=INCREMENTAL`` on the way, so that
        later runs release their free pages themselves. Returns the file's size in
        bytes before and after (a server: nothing done, (0, 0)). Takes a while on a
        large archive (it writes the whole file once) and needs that much free disk."""
        if self.on_server or self.target.path is None:
            return 0, 0
        before = _file_bytes(self.target.path)
        self._run_script("PRAGMA auto_vacuum=INCREMENTAL; VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")
        return before, _file_bytes(self.target.path)

    def _run_script(self, script: str) -> None:
        """Run SQLite statements outside any transaction (``executescript`` commits
        first), on a connection of the pool."""
        raw = self.engine.raw_connection()
        try:
            raw.driver_connection.executescript(script)  # type: ignore[union-attr]
        finally:
            raw.close()

    @contextmanager
    def writing_connection(self) -> Iterator[Connection]:
        """A write transaction that on a server first takes the archive's write lock
        (``pg_advisory_xact_lock``, released at commit), as the indexer's transactions
        do: a repair and an indexer of one shared archive take turns. (On SQLite the
        file's own write lock does this.)"""
        with self.engine.begin() as connection:
            self.take_write_lock(connection)
            yield connection

    def take_write_lock(self, transaction: Connection | Session) -> None:
        """On a server, wait for the archive's write lock, held until ``transaction``
        ends (``pg_advisory_xact_lock``); every writer takes it first."""
        if self.on_server:
            transaction.execute(select(func.pg_advisory_xact_lock(WRITE_LOCK)))

    def wait_until_writable(
        self, limit: float, on_wait: Callable[[], None], cancel: CancelToken | None = None
    ) -> bool:
        """Wait (up to ``limit`` seconds) until no other process holds the write lock;
        ``on_wait`` is called once if it has to wait.  False when the limit ran out or
        ``cancel`` was cancelled.  On a server, readers never wait (MVCC) and writers
        take turns per file's transaction: nothing to wait for here."""
        if self.on_server:
            return True
        deadline = time.monotonic() + limit
        waited = False
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA busy_timeout=0")
            while True:
                try:
                    cursor.execute("BEGIN IMMEDIATE")
                    cursor.execute("ROLLBACK")
                    return True
                except sqlite3.OperationalError:
                    if time.monotonic() >= deadline or (cancel and cancel.cancelled):
                        return False
                    if not waited:
                        on_wait()
                        waited = True
                    time.sleep(0.25)
        finally:
            raw.cursor().execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            raw.close()

    def search_index_looks_damaged(self) -> bool:
        from reader.search import fts

        with self.engine.connect() as connection:
            return fts.looks_damaged(connection)

    def rebuild_search_index(self, progress: Progress | None = None) -> None:
        """Recreate the search index from the stored articles."""
        from reader.search import fts

        with self.writing_connection() as connection:
            fts.rebuild(connection, progress)
        self.release_free_pages()

    def session(self) -> Session:
        return self.sessions()

    def run(self, work: Callable[[Connection], T]) -> T:
        """Run read-only ``work`` on one connection (used by the search engine)."""
        with self.engine.connect() as connection:
            return work(connection)

    # -- counts and tree ----------------------------------------------------------------
    def article_count(self) -> int:
        with self.session() as session:
            return session.scalar(select(func.count(ArticleRow.id))) or 0

    def years(self) -> list[PeriodSummary]:
        year = year_text(Issue.date)
        return self._periods(year, None, None)

    def months(self, year: int | None) -> list[PeriodSummary]:
        month = month_text(Issue.date)
        return self._periods(month, year, "year")

    def _periods(self, bucket, year: int | None, within: str | None) -> list[PeriodSummary]:  # type: ignore[no-untyped-def]
        counts = (
            select(ArticleRow.issue_id, func.count(ArticleRow.id).label("n"))
            .group_by(ArticleRow.issue_id)
            .subquery()
        )
        statement = (
            select(bucket, func.count(Issue.id), func.coalesce(func.sum(counts.c.n), 0))
            .select_from(Issue)
            .outerjoin(counts, counts.c.issue_id == Issue.id)
            .group_by(bucket)
            .order_by(bucket.is_(None), bucket)
        )
        if within == "year":
            statement = statement.where(_year_clause(year))
        out = []
        with self.session() as session:
            for value, issues, articles in session.execute(statement):
                number = int(value) if value is not None else None
                if within == "year":
                    out.append(PeriodSummary(year, number, issues, int(articles)))
                else:
                    out.append(PeriodSummary(number, None, issues, int(articles)))
        return out

    def issues_in_month(self, year: int | None, month: int | None) -> list[IssueSummary]:
        statement = self._issue_summaries().where(_year_clause(year))
        if month is not None:
            statement = statement.where(month_text(Issue.date) == f"{month:02d}")
        return self._issue_rows(statement)

    def issues(self) -> list[IssueSummary]:
        return self._issue_rows(self._issue_summaries())

    def _issue_summaries(self):  # type: ignore[no-untyped-def]
        count = (
            select(func.count(ArticleRow.id))
            .where(ArticleRow.issue_id == Issue.id)
            .scalar_subquery()
        )
        inferred = Issue.year_source == "file-time"
        return select(Issue.id, Issue.source_name, Issue.date, count, inferred).order_by(
            Issue.date.is_(None), Issue.date, Issue.source_name
        )

    def _issue_rows(self, statement) -> list[IssueSummary]:  # type: ignore[no-untyped-def]
        with self.session() as session:
            return [
                IssueSummary(issue_id, name, date, count, bool(inferred))
                for issue_id, name, date, count, inferred in session.execute(statement)
            ]

    # -- articles -----------------------------------------------------------------------
    def articles_in_issue(self, issue_id: int) -> list[ArticleSummary]:
        statement = _summary_select().where(ArticleRow.issue_id == issue_id)
        return self._summaries(statement.order_by(ArticleRow.ordinal))

    def summaries(self, article_ids: Sequence[int]) -> list[ArticleSummary]:
        statement = _summary_select().where(ArticleRow.id.in_(list(article_ids)))
        by_id = {s.id: s for s in self._summaries(statement)}
        return [by_id[i] for i in article_ids if i in by_id]

    def _summaries(self, statement) -> list[ArticleSummary]:  # type: ignore[no-untyped-def]
        with self.session() as session:
            return [summary_from_row(row) for row in session.execute(statement)]

    def _many_summaries(self, statement) -> list[ArticleSummary]:  # type: ignore[no-untyped-def]
        """:meth:`_summaries` for lists that may run to tens of thousands: on SQLite the
        rows are read through the driver, because building SQLAlchemy's rows holds the
        GIL for tens of milliseconds at a stretch and the window's thread waits."""

        def read(connection: Connection) -> list[ArticleSummary]:
            if connection.dialect.name != "sqlite":
                return [summary_from_row(row) for row in connection.execute(statement)]
            compiled = statement.compile(dialect=connection.dialect)
            values = tuple(compiled.params[name] for name in compiled.positiontup or ())
            driver = connection.connection.driver_connection
            assert driver is not None
            rows = driver.execute(str(compiled), values).fetchall()
            return [summary_from_row(_with_dates(row)) for row in rows]  # type: ignore[arg-type]

        return self.run(read)

    def article_location(self, article_id: int) -> ArticleLocation | None:
        statement = (
            select(Issue.date, Issue.id)
            .join(ArticleRow, ArticleRow.issue_id == Issue.id)
            .where(ArticleRow.id == article_id)
        )
        with self.session() as session:
            row = session.execute(statement).first()
        if row is None:
            return None
        date, issue_id = row
        return ArticleLocation(
            article_id, date.year if date else None, date.month if date else None, issue_id
        )

    def article_ids_in_period(self, year: int | None, month: int | None) -> list[int]:
        """Every article of a year (``month`` None) or a month, in tree order."""
        statement = (
            select(ArticleRow.id)
            .join(Issue)
            .where(_year_clause(year))
            .order_by(Issue.date, Issue.source_name, ArticleRow.ordinal)
        )
        if year is not None and month is not None:
            statement = statement.where(month_text(Issue.date) == f"{month:02d}")
        with self.session() as session:
            return list(session.scalars(statement))

    def all_article_ids(self) -> list[int]:
        statement = (
            select(ArticleRow.id)
            .join(Issue)
            .order_by(Issue.date.is_(None), Issue.date, Issue.source_name, ArticleRow.ordinal)
        )
        with self.session() as session:
            return list(session.scalars(statement))

    def article(self, article_id: int) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def article_by_key(self, key: str) -> Article | None:
        with self.session() as session:
            article_id = session.scalar(select(ArticleRow.id).where(ArticleRow.key == key))
        return self.article(article_id) if article_id is not None else None

    def articles(self, article_ids: Sequence[int]) -> list[Article]:
        ids = list(article_ids)
        if not ids:
            return []
        with self.session() as session:
            rows = session.scalars(
                select(ArticleRow)
                .where(ArticleRow.id.in_(ids))
                .options(
                    selectinload(ArticleRow.paragraphs),
                    selectinload(ArticleRow.bylines),
                    selectinload(ArticleRow.issue).selectinload(Issue.source),
                )
            ).all()
            mentions = self._mentions_for(session, ids)
            by_id = {row.id: _article_from_row(row, mentions.get(row.id, ())) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def _mentions_for(self, session: Session, ids: list[int]) -> dict[int, tuple[Mention, ...]]:
        statement = (
            select(
                MentionRow.article_id,
                EntitySurface.text,
                EntitySurface.type,
                MentionRow.paragraph,
                MentionRow.start,
                MentionRow.end,
                EntitySurface.canonical,
                MentionRow.role,
            )
            .join(EntitySurface, EntitySurface.id == MentionRow.surface_id)
            .where(MentionRow.article_id.in_(ids))
            .order_by(MentionRow.article_id, MentionRow.paragraph, MentionRow.start)
        )
        found: dict[int, list[Mention]] = {}
        for article_id, text, kind, paragraph, start, end, canonical, role in session.execute(
            statement
        ):
            found.setdefault(article_id, []).append(
                Mention(text, EntityType(kind), paragraph, start, end, canonical, role or "")
            )
        return {key: tuple(value) for key, value in found.items()}

    def source_excerpt(self, article_id: int) -> SourceExcerpt | None:
        article = self.article(article_id)
        if article is None:
            return None
        with self.session() as session:
            source = session.scalar(
                select(SourceFile).join(Issue).where(Issue.id == article.issue_id)
            )
        assert source is not None
        return read_excerpt(source.path, source.name, source.sha256, article.source_lines)

    def skipped_sources(self) -> list[tuple[str, str]]:
        with self.session() as session:
            rows = session.execute(
                select(SourceFile.name, SourceFile.error)
                .where(SourceFile.status == "skipped")
                .order_by(SourceFile.name)
            )
            return [(name, error) for name, error in rows]

    def byline_names(self) -> list[str]:
        """Every name credited in a byline (any role), once each, sorted."""
        with self.session() as session:
            return list(session.scalars(select(BylineRow.name).distinct().order_by(BylineRow.name)))

    # -- entities -----------------------------------------------------------------------
    def entities(
        self, entity_type: EntityType | None, contains: str, limit: int | None
    ) -> list[EntitySummary]:
        occurrences = _entity_occurrences()
        count = func.count()
        statement = (
            select(
                occurrences.c.type,
                occurrences.c.canonical,
                concat_distinct(occurrences.c.surface),
                func.count(occurrences.c.article_id.distinct()),
                count,
            )
            .group_by(occurrences.c.type, occurrences.c.canonical)
            .order_by(count.desc(), occurrences.c.canonical)
        )
        if entity_type is not None:
            statement = statement.where(occurrences.c.type == entity_type.value)
        if contains:
            statement = statement.where(occurrences.c.surface.contains(contains, autoescape=True))
        if limit is not None:
            statement = statement.limit(limit)
        out = []
        with self.session() as session:
            for kind, canonical, surfaces, articles, mentions in session.execute(statement):
                aliases = tuple(sorted(s for s in (surfaces or "").split(",") if s != canonical))
                out.append(EntitySummary(EntityType(kind), canonical, aliases, articles, mentions))
        return out

    def articles_with_entity(
        self, canonical: str, entity_type: EntityType | None
    ) -> list[ArticleSummary]:
        occurrences = _entity_occurrences()
        matching = select(occurrences.c.article_id).where(occurrences.c.canonical == canonical)
        if entity_type is not None:
            matching = matching.where(occurrences.c.type == entity_type.value)
        statement = (
            _summary_select()
            .where(ArticleRow.id.in_(matching))
            .order_by(Issue.date.desc(), ArticleRow.ordinal)
        )
        return self._many_summaries(statement)

    def resolve_entity(self, name: str, entity_type: EntityType | None) -> str:
        """The canonical name of ``name``: itself when it is one, else the canonical
        name of the spelling ``name`` (the first by type), else ``name`` unchanged."""
        name = name.strip()
        with self.session() as session:
            known = select(EntitySurface.canonical).where(EntitySurface.canonical == name)
            spelled = select(EntitySurface.canonical).where(EntitySurface.text == name)
            if entity_type is not None:
                known = known.where(EntitySurface.type == entity_type.value)
                spelled = spelled.where(EntitySurface.type == entity_type.value)
            if session.scalar(known.limit(1)) is not None:
                return name
            found = session.scalar(spelled.order_by(EntitySurface.type).limit(1))
        return found if found is not None else name

    def entity_article_ids(self, canonical: str, entity_type: EntityType | None) -> list[int]:
        """The ids of :meth:`articles_with_entity`, without loading the articles."""
        occurrences = _entity_occurrences()
        matching = (
            select(occurrences.c.article_id).where(occurrences.c.canonical == canonical).distinct()
        )
        if entity_type is not None:
            matching = matching.where(occurrences.c.type == entity_type.value)
        with self.session() as session:
            return list(session.scalars(matching))

    def entity_occurrences(self) -> list[tuple[str, str, int]]:
        """Distinct (type, canonical, article id) of every occurrence that
        :meth:`articles_with_entity` counts (text mentions and byline names)."""
        from reader.search.driver import fetch_rows

        occurrences = _entity_occurrences()
        statement = select(
            occurrences.c.type, occurrences.c.canonical, occurrences.c.article_id
        ).distinct()

        def read(connection: Connection) -> list[tuple[str, str, int]]:
            # Through the driver, not SQLAlchemy's result rows: building nearly a
            # million Row objects holds the GIL for ~80 ms at a stretch, which a reading
            # thread must not do while the window's thread waits for it.
            sql = str(statement.compile(connection, compile_kwargs={"literal_binds": True}))
            return [
                (kind, name, int(article))
                for kind, name, article in fetch_rows(connection, sql, {})
            ]

        return self.run(read)

    # -- bookmarks ----------------------------------------------------------------------
    @property
    def user(self) -> str:
        """Whose bookmarks this store reads and writes: ``$READER_USER`` when set, else
        on a server the database user's name; "" for an SQLite file."""
        if self._user is None:
            override = os.environ.get("READER_USER", "")
            if override or not self.on_server:
                self._user = override
            else:
                with self.engine.connect() as connection:
                    self._user = str(connection.execute(sql_text("SELECT current_user")).scalar())
        return self._user

    def _mine(self):  # type: ignore[no-untyped-def]
        return BookmarkRow.owner == self.user

    def bookmarks(self, order: str) -> list[Bookmark]:
        with self.session() as session:
            rows = session.scalars(select(BookmarkRow).where(self._mine())).all()
            keys = [row.key for row in rows]
            summaries = {
                row.key: summary_from_row(row)
                for row in session.execute(_summary_select().where(ArticleRow.key.in_(keys)))
            }
        marks = [
            Bookmark(
                row.key,
                row.note,
                row.created_at,
                summaries.get(row.key),
                row.title_when_saved,
            )
            for row in rows
        ]
        if order == "issue":
            return sorted(marks, key=_issue_order, reverse=True)
        return sorted(marks, key=lambda mark: mark.created_at, reverse=True)

    def is_bookmarked(self, key: str) -> bool:
        with self.session() as session:
            return (
                session.scalar(select(BookmarkRow.id).where(BookmarkRow.key == key, self._mine()))
                is not None
            )

    def toggle_bookmark(self, key: str) -> bool:
        if self.is_bookmarked(key):
            self.remove_bookmark(key)
            return False
        return self.add_bookmark(key)

    def add_bookmark(self, key: str) -> bool:
        """Bookmark the article with ``key``; False when it already was."""
        with self.sessions.begin() as session:
            mine = select(BookmarkRow.id).where(BookmarkRow.key == key, self._mine())
            if session.scalar(mine) is not None:
                return False
            article = session.scalar(
                select(ArticleRow)
                .where(ArticleRow.key == key)
                .options(selectinload(ArticleRow.issue))
            )
            if article is None:
                raise StoreError(f"没有键为 {key} 的文章 (no article with key {key})")
            session.add(
                BookmarkRow(
                    owner=self.user,
                    key=key,
                    note="",
                    created_at=dt.datetime.now(),
                    title_when_saved=article.display_title,
                    issue_date_when_saved=article.issue.date,
                )
            )
            return True

    def set_bookmark_note(self, key: str, note: str) -> None:
        with self.sessions.begin() as session:
            row = session.scalar(select(BookmarkRow).where(BookmarkRow.key == key, self._mine()))
            if row is None:
                raise StoreError(f"没有这个书签 (no bookmark with key {key})")
            row.note = note

    def remove_bookmark(self, key: str) -> bool:
        """Remove the bookmark with ``key``; False when there was none."""
        with self.sessions.begin() as session:
            row = session.scalar(select(BookmarkRow).where(BookmarkRow.key == key, self._mine()))
            if row is None:
                return False
            session.delete(row)
            return True


def archive_exists(target: DatabaseTarget) -> bool:
    """Whether ``target`` holds an archive already (without creating anything): the
    SQLite file exists, or the server's database has the archive's tables."""
    if target.path is not None:
        return target.path.is_file()
    from sqlalchemy import inspect

    from reader.store.session import create_server_engine

    engine = create_server_engine(target.url)
    try:
        with engine.connect() as connection:
            return inspect(connection).has_table("meta")
    except SQLAlchemyError as error:
        reason = database_message(error) or "无法连接 (cannot connect)"
        raise StoreError(f"{reason}: {target.display}") from error
    finally:
        engine.dispose()


def _entity_occurrences():  # type: ignore[no-untyped-def]
    """Every place an entity occurs: recognised mentions in the text, and byline names.

    Byline people are persons everywhere in the archive, including the articles they
    sign; a byline has no paragraph offsets, so it is counted here rather than stored as
    a mention (the dump's mention offsets always point into a title or paragraph).
    """
    in_text = select(
        EntitySurface.type.label("type"),
        EntitySurface.canonical.label("canonical"),
        EntitySurface.text.label("surface"),
        MentionRow.article_id.label("article_id"),
    ).join(MentionRow, MentionRow.surface_id == EntitySurface.id)
    known_spelling = (
        select(EntitySurface.canonical)
        .where(EntitySurface.type == EntityType.PERSON.value, EntitySurface.text == BylineRow.name)
        .scalar_subquery()
    )
    in_bylines = select(
        literal(EntityType.PERSON.value).label("type"),
        func.coalesce(known_spelling, BylineRow.name).label("canonical"),
        BylineRow.name.label("surface"),
        BylineRow.article_id.label("article_id"),
    )
    return union_all(in_text, in_bylines).subquery()


def _with_dates(row: tuple) -> tuple:  # type: ignore[type-arg]
    """A summary row from the driver: the two dates come back as ISO text."""
    values = list(row)
    for at in (5, 7):  # ArticleRow.date, Issue.date in _summary_select's order
        if isinstance(values[at], str):
            values[at] = dt.date.fromisoformat(values[at]) if values[at] else None
    return tuple(values)


def _year_clause(year: int | None):  # type: ignore[no-untyped-def]
    if year is None:
        return Issue.date.is_(None)
    return year_text(Issue.date) == f"{year:04d}"


def _issue_order(mark: Bookmark) -> tuple[dt.date, dt.datetime]:
    date = mark.article.issue_date if mark.article else None
    return (date or dt.date.min, mark.created_at)


def _summary_select():  # type: ignore[no-untyped-def]
    return select(
        ArticleRow.id,
        ArticleRow.key,
        ArticleRow.display_title,
        ArticleRow.title,
        ArticleRow.kind,
        ArticleRow.date,
        ArticleRow.issue_id,
        Issue.date,
        Issue.source_name,
    ).join(Issue, Issue.id == ArticleRow.issue_id)


def summary_from_row(row: Row) -> ArticleSummary:  # type: ignore[type-arg]
    article_id, key, display_title, title, kind, date, issue_id, issue_date, source = row
    return ArticleSummary(
        article_id,
        key,
        display_title,
        title is None,
        ArticleKind(kind),
        date,
        issue_id,
        issue_date,
        source,
    )


def _article_from_row(row: ArticleRow, mentions: tuple[Mention, ...]) -> Article:
    names: dict[str, list[str]] = {role: [] for role in BYLINE_ROLES}
    for byline in row.bylines:
        names[ROLE_OF_CODE[byline.role]].append(byline.name)
    return Article(
        id=row.id,
        key=row.key,
        title=row.title,
        display_title=row.display_title,
        kicker=row.kicker,
        subtitle=row.subtitle,
        kind=ArticleKind(row.kind),
        date=row.date,
        byline=Byline(**{field: tuple(values) for field, values in names.items()}),
        byline_lines=tuple(json.loads(row.byline_lines)),
        paragraphs=tuple(p.text for p in row.paragraphs),
        mentions=mentions,
        issue_id=row.issue_id,
        issue_date=row.issue.date,
        source_name=row.issue.source_name,
        source_path=row.issue.source.path,
        source_lines=tuple(LineSpan(a, b) for a, b in json.loads(row.source_lines)),
        year_source=row.issue.year_source,
    )


def _file_bytes(path: Path) -> int:
    """The archive's size on disk: the file and its write-ahead log."""
    return sum(
        candidate.stat().st_size for candidate in (path, Path(f"{path}-wal")) if candidate.exists()
    )
