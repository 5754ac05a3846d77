"""SQLAlchemy 2.0 typed models. The schema version lives in ``meta``; see migrations.py.

The search tables (FTS5) are declared in :mod:`reader.store.search_schema`, written
and read by :mod:`reader.search.fts`, and kept in step by the indexer inside the same
transaction as these rows. Core handles on these tables: :mod:`reader.store.tables`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(String)


class SourceFile(Base):
    """A file that was offered for indexing, indexed or skipped (with its error)."""

    __tablename__ = "source_files"
    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str] = mapped_column(String)
    size: Mapped[int]
    mtime: Mapped[float]
    sha256: Mapped[str] = mapped_column(String(64))
    text_digest: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    """SHA-256 of the decoded text without white space: the same issue in another file
    (a copy, another encoding, other line breaks) has the same digest."""
    status: Mapped[str] = mapped_column(String(16))  # "indexed" | "skipped"
    error: Mapped[str] = mapped_column(Text, default="")
    indexed_at: Mapped[dt.datetime]
    issue: Mapped[Issue | None] = relationship(
        back_populates="source", cascade="all, delete-orphan", passive_deletes=True
    )


class Issue(Base):
    __tablename__ = "issues"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("source_files.id", ondelete="CASCADE"), unique=True
    )
    source_name: Mapped[str] = mapped_column(String)
    date: Mapped[dt.date | None]
    year: Mapped[int | None]
    year_source: Mapped[str] = mapped_column(String(16), default="")
    boilerplate: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of lines
    unplaced: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of blocks
    source: Mapped[SourceFile] = relationship(back_populates="issue")
    articles: Mapped[list[ArticleRow]] = relationship(
        back_populates="issue",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ArticleRow.ordinal",
    )
    __table_args__ = (Index("ix_issues_date", "date"),)


class ArticleRow(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"))
    ordinal: Mapped[int]
    title: Mapped[str | None] = mapped_column(Text)
    display_title: Mapped[str] = mapped_column(Text)
    kicker: Mapped[str | None] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    date: Mapped[dt.date | None]
    byline_lines: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    source_lines: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[first, last], …]
    issue: Mapped[Issue] = relationship(back_populates="articles")
    paragraphs: Mapped[list[ParagraphRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ParagraphRow.position"
    )
    bylines: Mapped[list[BylineRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="BylineRow.position"
    )
    __table_args__ = (
        Index("ix_articles_issue", "issue_id", "ordinal"),
        Index("ix_articles_date", "date"),
        Index("ix_articles_kind", "kind"),
    )


class ParagraphRow(Base):
    __tablename__ = "paragraphs"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    __table_args__ = (Index("ix_paragraphs_article", "article_id", "position"),)


class BylineRow(Base):
    """One credited name; ``role`` is a code of :data:`reader.domain.BYLINE_ROLE_CODES`."""

    __tablename__ = "bylines"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String)
    position: Mapped[int]
    __table_args__ = (
        Index("ix_bylines_article", "article_id"),
        Index("ix_bylines_name", "name"),
    )


class EntitySurface(Base):
    """One spelling of an entity; ``canonical`` groups spelling variants."""

    __tablename__ = "entity_surfaces"
    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(String)
    canonical: Mapped[str] = mapped_column(String)
    __table_args__ = (
        UniqueConstraint("type", "text"),
        Index("ix_entity_surfaces_canonical", "canonical"),
    )


class MentionRow(Base):
    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    surface_id: Mapped[int] = mapped_column(ForeignKey("entity_surfaces.id"))
    paragraph: Mapped[int]
    start: Mapped[int]
    end: Mapped[int]
    role: Mapped[str] = mapped_column(String, default="")
    __table_args__ = (
        Index("ix_mentions_article", "article_id"),
        Index("ix_mentions_surface", "surface_id"),
        # The few titled mentions, for regrouping spellings without reading every row.
        Index(
            "ix_mentions_role",
            "surface_id",
            "role",
            sqlite_where=sql_text("role != ''"),
            postgresql_where=sql_text("role != ''"),
        ),
    )


class ArticleSignature(Base):
    """An article's MinHash signatures (:mod:`reader.search.minhash`), for related
    articles: the low 16 bits of each bin of the text (64 bins) and of the headline (16
    bins; None for an untitled article), little-endian. Derived data, written with the
    article."""

    __tablename__ = "article_signatures"
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    text_minhash: Mapped[bytes] = mapped_column(LargeBinary)
    head_minhash: Mapped[bytes | None] = mapped_column(LargeBinary)


class BookmarkRow(Base):
    """User data: kept by the article's stable key, never by id, and never cascaded."""

    __tablename__ = "bookmarks"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String, default="", server_default="")
    """Whose bookmark: on a server the database user's name (each reader has their
    own bookmarks and notes); "" in a desktop's SQLite file."""
    key: Mapped[str] = mapped_column(String)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]
    title_when_saved: Mapped[str] = mapped_column(Text, default="")
    issue_date_when_saved: Mapped[dt.date | None]
    __table_args__ = (UniqueConstraint("owner", "key", name="uq_bookmarks_owner_key"),)
