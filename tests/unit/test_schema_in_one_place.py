"""The schema is defined in reader/store only (issue 14): no module outside it spells a
table or column of the store in SQL. Names must come from the ``Table`` objects
(``reader.store.tables``, ``reader.store.search_schema``)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from reader.store.models import Base
from reader.store.search_schema import FTS5_SHADOWS, SEARCH_FTS, SEARCH_HEAD, SEARCH_METADATA

READER = Path(__file__).resolve().parents[2] / "reader"
STORE = READER / "store"

SQL_KEYWORD = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|JOIN|INTO|VALUES|MATCH|CREATE|DROP|ALTER"
    r"|ORDER BY|GROUP BY)\b"
)
# Bound parameters (``:issue_id``) and quoted SQL strings (``'delete'``) name no column.
NOT_NAMES = re.compile(r":\w+|'[^']*'")
# SQLite's own catalog has columns named like the store's (type, name).
SQLITE_MASTER_COLUMNS = {"type", "name", "tbl_name", "rootpage", "sql"}


def _tables() -> set[str]:
    tables = set(Base.metadata.tables) | set(SEARCH_METADATA.tables)
    shadows = {f"{table}_{suffix}" for table in SEARCH_METADATA.tables for suffix in FTS5_SHADOWS}
    return tables | shadows


def _columns() -> set[str]:
    metadata = list(Base.metadata.tables.values()) + list(SEARCH_METADATA.tables.values())
    return {column.name for table in metadata for column in table.columns}


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of string statements (module, class, function and attribute docstrings)."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def _literals(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of each string literal; an f-string's literal parts are joined with
    ``{}`` where a value is interpolated."""
    skip = _docstrings(tree)
    found: list[tuple[int, str]] = []
    in_fstring: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                in_fstring.add(id(value))
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    parts.append(value.value)
                else:
                    parts.append("{}")
            found.append((node.lineno, "".join(parts)))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and id(node) not in in_fstring
        ):
            found.append((node.lineno, node.value))
    return found


def _search_names() -> set[str]:
    """Names of the search tables and of the FTS5 columns: never a plain word (nor a
    JSON key, unlike ``article_id``), so a string that is exactly one of them is a
    definition outside the store."""
    fts_columns = {column.name for table in (SEARCH_FTS, SEARCH_HEAD) for column in table.columns}
    return _tables() - set(Base.metadata.tables) | fts_columns


def schema_names_in_sql(source: str) -> list[str]:
    """Each SQL string literal of ``source`` that spells a table or column name, and
    each literal that is a search table's or column's name."""
    tables, columns, search_names = _tables(), _columns(), _search_names()
    problems = []
    for line, literal in _literals(ast.parse(source)):
        if literal in search_names:
            problems.append(f"line {line}: {literal!r}")
            continue
        if not SQL_KEYWORD.search(literal):
            continue
        words = set(re.findall(r"[A-Za-z_]\w*", NOT_NAMES.sub(" ", literal)))
        named = (words & tables) | (words & columns)
        if "sqlite_master" in words:
            named -= SQLITE_MASTER_COLUMNS
        if named:
            problems.append(f"line {line}: {sorted(named)} in {literal!r}")
    return problems


def test_no_module_outside_the_store_spells_the_schema() -> None:
    found = []
    for path in sorted(READER.rglob("*.py")):
        if STORE in path.parents:
            continue
        for problem in schema_names_in_sql(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(READER.parent)} {problem}")
    assert not found, "table or column names spelled outside reader/store:\n" + "\n".join(found)


def test_the_check_sees_spelled_names() -> None:
    assert schema_names_in_sql('SQL = "SELECT id FROM articles WHERE issue_id = :issue_id"')
    assert schema_names_in_sql('sql = f"SELECT {x} FROM {t} WHERE text = ?"')
    assert schema_names_in_sql('sql = f"SELECT count(*) FROM search_docs"')
    assert schema_names_in_sql('sql = f"DROP TABLE search_fts_data"')
    assert schema_names_in_sql('sql = f"INSERT INTO {t}(article_id, docid) VALUES (?, ?)"')
    assert schema_names_in_sql('FTS_TABLE = "search_fts"')
    assert schema_names_in_sql('HEAD_COLUMNS = ("headline_grams",)')


def test_the_check_allows_names_from_tables() -> None:
    source = '''
"""Docstrings may say articles and search_fts: SELECT id FROM articles."""
sql = f"SELECT {A.c.id} FROM {A} WHERE {A.c.issue_id} = :issue_id"
fts = f"SELECT rowid FROM {T} WHERE {T} MATCH :match ORDER BY rowid DESC LIMIT :limit"
command = f"INSERT INTO {T}({T}, rank) VALUES ('delete', 1)"
catalog = "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (:a, :b)"
message = "articles not in search (from the index)"
as_json = {"articles": 3, "article_id": 1}
'''
    assert schema_names_in_sql(source) == []
