"""The search index's tables: the one definition of their names, columns and DDL.

They are part of the store's schema like the ORM tables of :mod:`reader.store.models`,
but FTS5 virtual tables cannot be created by ``metadata.create_all``, so they are
declared here as Core ``Table`` objects of their own :data:`SEARCH_METADATA` (for
their names and columns) and created by :func:`create_statements`. What the columns
hold and how they are queried: :mod:`reader.search.fts`.

* :data:`SEARCH_FTS`: every article, the distinct characters and bigrams of all its fields;
* :data:`SEARCH_HEAD`: those of the headline fields, for the articles that have one;
* :data:`SEARCH_DOCS`: article id → docid (the FTS rowid), for removal.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, Table, Text

SEARCH_METADATA = MetaData()
"""Not ``Base.metadata``: ``create_all`` must never create these tables."""

COLUMNS = ("article_grams",)
"""The main table's one column: the article's distinct characters and bigrams."""
HEAD_COLUMNS = ("headline_grams",)
"""The headline table's one column: those of the headline fields."""

FTS5_OPTIONS = "content='', tokenize='ascii', detail=none, columnsize=0"
"""Contentless, one token per space-separated gram, document-level postings only (which
articles hold a gram, not where: a longer term is checked against the stored text)."""
FTS5_SHADOWS = ("data", "idx", "docsize", "config", "content")
"""The suffixes of the shadow tables FTS5 keeps for each virtual table."""

SEARCH_FTS = Table("search_fts", SEARCH_METADATA, *(Column(name, Text) for name in COLUMNS))
SEARCH_HEAD = Table("search_head", SEARCH_METADATA, *(Column(name, Text) for name in HEAD_COLUMNS))
SEARCH_DOCS = Table(
    "search_docs",
    SEARCH_METADATA,
    Column("article_id", Integer, primary_key=True, autoincrement=False),
    Column("docid", Integer, nullable=False, unique=True),
)

FTS_TABLE = SEARCH_FTS.name
HEAD_TABLE = SEARCH_HEAD.name
MAP_TABLE = SEARCH_DOCS.name


def create_statements() -> list[str]:
    """The DDL of the three tables (``IF NOT EXISTS``: idempotent)."""
    article_id, docid = SEARCH_DOCS.c.article_id.name, SEARCH_DOCS.c.docid.name
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        f"{', '.join(COLUMNS)}, {FTS5_OPTIONS})",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {HEAD_TABLE} USING fts5("
        f"{', '.join(HEAD_COLUMNS)}, {FTS5_OPTIONS})",
        f"CREATE TABLE IF NOT EXISTS {MAP_TABLE} ("
        f"{article_id} INTEGER PRIMARY KEY, {docid} INTEGER NOT NULL UNIQUE)",
    ]


# -- PostgreSQL -----------------------------------------------------------------------
# On a server the index is one ordinary table with GIN indexes (no FTS5): per article
# its docid (same date-ordered number as the FTS rowid), the folded text of its head,
# byline and body fields (each field followed by the BOUNDARY), and the distinct
# characters and character bigrams of that text as ``text[]`` (``grams``; the head's
# alone in ``head_grams``). A term of one or two characters is exactly
# ``grams @> ARRAY[term]``; a longer one is ``grams @>`` its bigrams (the GIN index
# finds the candidates) and ``strpos`` on the text (exactness). See reader.search.pg_engine.
from sqlalchemy import BigInteger, Index  # noqa: E402
from sqlalchemy.dialects.postgresql import ARRAY  # noqa: E402

SERVER_SEARCH_METADATA = MetaData()
"""The server's search table: created only on PostgreSQL."""

SEARCH_GRAMS = Table(
    "search_grams",
    SERVER_SEARCH_METADATA,
    Column("article_id", BigInteger, primary_key=True, autoincrement=False),
    Column("docid", BigInteger, nullable=False),
    Column("head", Text, nullable=False),
    Column("byline", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("grams", ARRAY(Text), nullable=False),
    Column("head_grams", ARRAY(Text), nullable=False),
)
Index("ix_search_grams_docid", SEARCH_GRAMS.c.docid)
Index("ix_search_grams_grams", SEARCH_GRAMS.c.grams, postgresql_using="gin")
Index("ix_search_grams_head", SEARCH_GRAMS.c.head_grams, postgresql_using="gin")
GRAMS_TABLE = SEARCH_GRAMS.name
