"""The statements the embedded search runs for a match: its candidates from FTS5,
checked against the text where the match says so, newest first, counted or read up to
a cap, within the request's filters (:mod:`reader.search.engine` decides which)."""

from __future__ import annotations

from sqlalchemy import Connection

from reader.search.driver import fetch_rows
from reader.search.filters import Filters
from reader.search.matching import Match
from reader.store.search_schema import FTS_TABLE


class Runner:
    """FTS statements of a match (its candidates, checked) with the request's filters."""

    def __init__(self, connection: Connection, filters: Filters) -> None:
        self.connection = connection
        self.filters = filters

    def _run(
        self, select: str, match: Match, tail: str = "", table: str = FTS_TABLE, **params: object
    ) -> list[tuple]:  # type: ignore[type-arg]
        sql = f"SELECT {select} FROM {table} WHERE {table} MATCH :match"
        sql += match.on(table) + self.filters.on(table) + tail
        values = {"match": match.expression, **match.params, **self.filters.params, **params}
        return fetch_rows(self.connection, sql, values)

    def count(self, match: Match, table: str = FTS_TABLE) -> int:
        return int(self._run("count(*)", match, table=table)[0][0])

    def count_upto(self, match: Match, cap: int, table: str = FTS_TABLE) -> int:
        """The hits, counted newest first up to ``cap`` (a streaming read that stops)."""
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH :match"
        sql += match.on(table) + self.filters.on(table) + " ORDER BY rowid DESC LIMIT :cap"
        values = {"match": match.expression, **match.params, **self.filters.params, "cap": cap}
        return int(fetch_rows(self.connection, f"SELECT count(*) FROM ({sql})", values)[0][0])

    def checked_newest(self, match: Match, cap: int) -> tuple[int, list[int], tuple[int, int]]:
        """How many of the newest ``cap`` candidates of ``match`` were read, the hits
        among them, newest first, and the oldest and newest docid read ((0, 0): none)."""
        sql = (
            f"SELECT rowid, (1{match.on(FTS_TABLE)}) FROM {FTS_TABLE}"
            f" WHERE {FTS_TABLE} MATCH :match{self.filters.on(FTS_TABLE)}"
            " ORDER BY rowid DESC LIMIT :cap"
        )
        values = {"match": match.expression, **match.params, **self.filters.params, "cap": cap}
        rows = fetch_rows(self.connection, sql, values)
        span = (rows[-1][0], rows[0][0]) if rows else (0, 0)
        return len(rows), [docid for docid, hit in rows if hit], span

    def count_between(self, match: Match, lo: int, hi: int) -> int:
        """The hits with ``lo <= docid < hi`` (FTS5 seeks to the range)."""
        tail = " AND rowid >= :slice_lo AND rowid < :slice_hi"
        return int(self._run("count(*)", match, tail, slice_lo=lo, slice_hi=hi)[0][0])

    def newest(self, match: Match, limit: int, offset: int, table: str = FTS_TABLE) -> list[int]:
        rows = self._run(
            "rowid",
            match,
            " ORDER BY rowid DESC LIMIT :limit OFFSET :offset",
            table,
            limit=limit,
            offset=offset,
        )
        return [row[0] for row in rows]

    def newest_within(
        self, match: Match, limit: int, budget: int, below: int | None = None
    ) -> tuple[list[int], bool]:
        """The newest ``limit`` hits among the newest ``budget`` candidates (below the
        docid ``below`` when given: the check runs on no more of them), and whether no
        hit can be missing: ``limit`` found, or no candidate left unchecked."""
        under = "" if below is None else " AND rowid < :below"
        bounds = {"budget": budget, **({} if below is None else {"below": below})}
        candidates = (
            f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match{self.filters.on(FTS_TABLE)}"
            f"{under} ORDER BY rowid DESC"
        )
        checked = f"SELECT rowid AS candidate, (1{match.on(FTS_TABLE)}) AS hit{candidates}"
        rows = fetch_rows(
            self.connection,
            f"SELECT candidate FROM ({checked} LIMIT :budget) WHERE hit LIMIT :limit",
            {
                "match": match.expression,
                **match.params,
                **self.filters.params,
                **bounds,
                "limit": limit,
            },
        )
        found = [row[0] for row in rows]
        if len(found) == limit:
            return found, True
        beyond = fetch_rows(
            self.connection,
            f"SELECT rowid{candidates} LIMIT 1 OFFSET :budget",
            {"match": match.expression, **self.filters.params, **bounds},
        )
        return found, not beyond

    def among(self, match: Match, docids: list[int]) -> set[int]:
        """Which of ``docids`` match: one streaming read of the rowid range they span,
        checking only them against the text (the list test comes before the check:
        a range of a common term holds many more candidates than the list)."""
        named = {f"among{number}": docid for number, docid in enumerate(docids)}
        listed = ", ".join(f":{name}" for name in named)
        sql = (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"
            f" AND rowid >= :lo AND rowid <= :hi AND +rowid IN ({listed})"
            + match.on(FTS_TABLE)
            + self.filters.on(FTS_TABLE)
        )
        values = {"match": match.expression, **match.params, **self.filters.params, **named}
        rows = fetch_rows(self.connection, sql, {**values, "lo": min(docids), "hi": max(docids)})
        return {row[0] for row in rows}
