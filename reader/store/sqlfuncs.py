"""SQL functions spelled differently by SQLite and PostgreSQL, as Core constructs that
render the right text for the connection's dialect."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class year_text(FunctionElement[str]):  # noqa: N801 - reads like a SQL function
    """The year of a date as 4 digits (``strftime('%Y', d)`` / ``to_char(d, 'YYYY')``)."""

    type = String()
    inherit_cache = True


class month_text(FunctionElement[str]):  # noqa: N801
    """The month of a date as 2 digits."""

    type = String()
    inherit_cache = True


class concat_distinct(FunctionElement[str]):  # noqa: N801
    """The distinct values of a text column joined by commas (``group_concat``)."""

    type = String()
    inherit_cache = True


@compiles(year_text)
def _year_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"strftime('%Y', {compiler.process(element.clauses, **kw)})"


@compiles(year_text, "postgresql")
def _year_pg(element: Any, compiler: Any, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY')"


@compiles(month_text)
def _month_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"strftime('%m', {compiler.process(element.clauses, **kw)})"


@compiles(month_text, "postgresql")
def _month_pg(element: Any, compiler: Any, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'MM')"


@compiles(concat_distinct)
def _concat_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"group_concat(DISTINCT {compiler.process(element.clauses, **kw)})"


@compiles(concat_distinct, "postgresql")
def _concat_pg(element: Any, compiler: Any, **kw: Any) -> str:
    return f"string_agg(DISTINCT {compiler.process(element.clauses, **kw)}, ',')"
