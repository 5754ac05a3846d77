"""``reader check``: what is wrong with an archive, and the repair of derived data.

The checks cost one pass over each table at most (SQLite's own checks do the
work): the file (``PRAGMA quick_check``), the schema version, rows whose parent is
gone (``PRAGMA foreign_key_check``), mentions that point nowhere, and the search
index (FTS5's integrity check and counts, in :mod:`reader.search.fts`).
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Connection, delete, select
from sqlalchemy import text as sql_text
from sqlalchemy.exc import DBAPIError

from reader.domain import HealthReport
from reader.store.models import EntitySurface, MentionRow, ParagraphRow

_PARENT_GONE = {
    "issues": "期次缺少源文件 (issues whose source file row is gone)",
    "articles": "文章缺少所属期次 (articles whose issue is gone)",
    "paragraphs": "段落缺少所属文章 (paragraphs whose article is gone)",
    "bylines": "署名缺少所属文章 (bylines whose article is gone)",
    "mentions": "实体提及缺少文章或实体 (mentions whose article or entity is gone)",
    "article_signatures": "相似签名缺少所属文章 (article signatures whose article is gone)",
}


def database_problems(connection: Connection) -> tuple[str, ...]:
    if connection.dialect.name == "postgresql":
        # The server keeps its own files consistent (WAL, checksums when enabled); what
        # can be missing is the archive's tables.
        from sqlalchemy import inspect

        from reader.store.models import Base

        present = set(inspect(connection).get_table_names())
        missing = sorted(set(Base.metadata.tables) - present)
        return (f"缺少数据表 (missing tables): {', '.join(missing)}",) if missing else ()
    try:
        verdicts = [row[0] for row in connection.execute(sql_text("PRAGMA quick_check"))]
    except DBAPIError as error:
        return (str(error.orig),)
    return () if verdicts == ["ok"] else (verdicts[0],)


def schema_problems(connection: Connection) -> tuple[str, ...]:
    from reader.store.migrations import SCHEMA_VERSION

    row = connection.execute(
        sql_text("SELECT value FROM meta WHERE key = 'schema_version'")
    ).first()
    found = int(row[0]) if row and str(row[0]).isdigit() else None
    if found == SCHEMA_VERSION:
        return ()
    return (
        f"数据库版本为 {found}，本程序为 {SCHEMA_VERSION}"
        f" (schema version {found}, this program expects {SCHEMA_VERSION})",
    )


def orphan_problems(connection: Connection) -> tuple[str, ...]:
    if connection.dialect.name == "postgresql":
        return ()  # the server enforces every foreign key: no row outlives its parent
    counts = Counter(row[0] for row in connection.execute(sql_text("PRAGMA foreign_key_check")))
    return tuple(
        f"{count} 行{_PARENT_GONE.get(table, table)} ({count} rows in {table})"
        for table, count in sorted(counts.items())
    )


def entity_problems(connection: Connection) -> tuple[str, ...]:
    found = []
    bad_spans = connection.scalar(
        select(sql_text("count(*)"))
        .select_from(MentionRow)
        .where((MentionRow.start < 0) | (MentionRow.end <= MentionRow.start))
    )
    if bad_spans:
        found.append(f"{bad_spans} 个实体提及的位置无效 ({bad_spans} mentions with an empty span)")
    outside = connection.scalar(
        select(sql_text("count(*)")).select_from(MentionRow).where(_outside_their_article())
    )
    if outside:
        found.append(
            f"{outside} 个实体提及指向不存在的段落 ({outside} mentions outside their article)"
        )
    unnamed = connection.scalar(
        select(sql_text("count(*)")).select_from(EntitySurface).where(EntitySurface.canonical == "")
    )
    if unnamed:
        found.append(f"{unnamed} 个实体没有规范名 ({unnamed} entities without a canonical name)")
    return tuple(found)


def _outside_their_article():  # type: ignore[no-untyped-def]
    """Mentions pointing into a paragraph their article does not have."""
    return (MentionRow.paragraph >= 0) & ~(
        select(ParagraphRow.id)
        .where(
            ParagraphRow.article_id == MentionRow.article_id,
            ParagraphRow.position == MentionRow.paragraph,
        )
        .exists()
    )


def check(connection: Connection) -> HealthReport:
    """Every check; a damaged file stops the rest (their answers would mean nothing)."""
    from reader.search import fts

    damage = database_problems(connection)
    if damage:
        return HealthReport(database=damage)
    return HealthReport(
        schema=schema_problems(connection),
        search_index=tuple(fts.problems(connection)),
        entities=entity_problems(connection),
        orphans=orphan_problems(connection),
    )


def remove_orphans(connection: Connection) -> None:
    """Delete the rows whose parent is gone (they cannot be shown or found), and the
    mentions that point nowhere. Bookmarks have no parent and are never touched."""
    on_server = connection.dialect.name == "postgresql"
    for table, rowid, _parent, _fk in (
        [] if on_server else list(connection.execute(sql_text("PRAGMA foreign_key_check")))
    ):
        if table in _PARENT_GONE:
            connection.execute(sql_text(f"DELETE FROM {table} WHERE rowid = :r"), {"r": rowid})
    connection.execute(
        delete(MentionRow).where((MentionRow.start < 0) | (MentionRow.end <= MentionRow.start))
    )
    connection.execute(delete(MentionRow).where(_outside_their_article()))
    connection.execute(
        delete(EntitySurface).where(
            ~select(MentionRow.id).where(MentionRow.surface_id == EntitySurface.id).exists()
        )
    )
