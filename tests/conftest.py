"""Fixtures shared by every test directory."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.paths import BUNDLED_SEEDS_DIR
from tests.pg_server import Cluster, missing_reason

SEEDS_FILE_TIME = dt.datetime(2026, 1, 15, 12, 0).timestamp()
"""Two seeds never print their year, so it comes from the file's time; a checkout's
time is the day of the checkout. Tests pin it, so the archive's layout (every seed in
2025) does not depend on the day the suite runs."""


@pytest.fixture(scope="session")
def pinned_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled seeds whose files all date from ``SEEDS_FILE_TIME``."""
    folder = tmp_path_factory.mktemp("pinned") / "seeds"
    shutil.copytree(BUNDLED_SEEDS_DIR, folder)
    for file in folder.glob("*.txt"):
        os.utime(file, (SEEDS_FILE_TIME, SEEDS_FILE_TIME))
    return folder


@pytest.fixture(scope="session")
def seeded_db_template(tmp_path_factory: pytest.TempPathFactory, pinned_seeds: Path) -> Path:
    """The seeds indexed once per session; tests use copies (``seeded_db``)."""
    path = tmp_path_factory.mktemp("template") / "archive.sqlite3"
    index_folder(path, pinned_seeds)
    return path


def index_folder(db: Path | str, folder: Path) -> None:
    """Index ``folder`` into the archive at ``db`` (a path or a server URL)."""
    service = open_service(db)
    try:
        for _event in service.index_paths([folder]):
            pass
    finally:
        service.close()


@pytest.fixture
def seeded_db(seeded_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the indexed seeds: a test may change it freely."""
    target = tmp_path / "db" / seeded_db_template.name
    target.parent.mkdir()
    for file in seeded_db_template.parent.iterdir():
        shutil.copy2(file, target.parent / file.name)
    return target


OLD_SEARCH_SCHEMAS = {
    2: """
DROP TABLE search_fts;
DROP TABLE search_head;
DROP TABLE search_docs;
CREATE VIRTUAL TABLE search_fts USING fts5(head, byline, body, content='', tokenize='ascii');
CREATE TABLE search_docs (article_id INTEGER PRIMARY KEY, docid INTEGER NOT NULL UNIQUE);
UPDATE meta SET value = '2' WHERE key = 'schema_version';
""",
    3: """
DROP TABLE search_fts;
DROP TABLE search_head;
DROP TABLE search_docs;
CREATE VIRTUAL TABLE search_fts USING fts5(head, byline, body, content='', tokenize='ascii',
    prefix='1');
CREATE VIRTUAL TABLE search_head USING fts5(head, content='', tokenize='ascii', prefix='1');
CREATE TABLE search_docs (article_id INTEGER PRIMARY KEY, docid INTEGER NOT NULL UNIQUE);
UPDATE meta SET value = '3' WHERE key = 'schema_version';
""",
    10: """
DROP TABLE search_fts;
DROP TABLE search_head;
CREATE VIRTUAL TABLE search_fts USING fts5(head_even, head_odd, byline_even, byline_odd,
    body_even, body_odd, content='', tokenize='ascii', prefix='1', detail=full);
CREATE VIRTUAL TABLE search_head USING fts5(head_even, head_odd, content='', tokenize='ascii',
    prefix='1', detail=full);
UPDATE meta SET value = '10' WHERE key = 'schema_version';
""",
}


@pytest.fixture
def make_old_archive() -> Callable[[Path, int], None]:
    """Turn an archive into one written by schema ``version``'s build: its search
    tables as that build made them (emptied), and its schema version."""

    def downgrade(db: Path, version: int) -> None:
        with sqlite3.connect(db) as connection:
            connection.executescript(OLD_SEARCH_SCHEMAS[version])

    return downgrade


class Backend:
    """Where a backend-independent test keeps its archive: an SQLite file, or a fresh
    database on the session's throwaway PostgreSQL cluster (tests/pg_server.py)."""

    def __init__(self, name: str, cluster: Cluster | None) -> None:
        self.name = name
        self.cluster = cluster

    def database(self, path: Path) -> str | Path:
        """``path`` for SQLite; the URL of a new empty database for PostgreSQL."""
        if self.cluster is None:
            return path
        return self.cluster.create_database()

    def __repr__(self) -> str:
        return self.name


@pytest.fixture(scope="session")
def pg_cluster() -> object:
    """One PostgreSQL server for the whole session, stopped and removed at the end."""
    reason = missing_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    cluster = Cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> Backend:
    """Every test that does not depend on the backend runs on both."""
    if request.param == "sqlite":
        return Backend("sqlite", None)
    return Backend("postgresql", request.getfixturevalue("pg_cluster"))


@pytest.fixture(scope="session")
def seeded_server_template(pg_cluster: Cluster, pinned_seeds: Path) -> str:
    """The seeds indexed once per session into a server database that tests copy
    (``CREATE DATABASE … TEMPLATE``); no connection to it stays open."""
    url = pg_cluster.create_database()
    index_folder(url, pinned_seeds)
    return url.rsplit("/", 1)[1]


@pytest.fixture
def seeded_archive(backend: Backend, request: pytest.FixtureRequest) -> str:
    """The indexed seeds on each backend: a private copy (an SQLite file's path, or a
    server database's URL), for tests that do not depend on the backend."""
    if backend.cluster is None:
        return str(request.getfixturevalue("seeded_db"))
    return server_copy(backend.cluster, request.getfixturevalue("seeded_server_template"))


def server_copy(cluster: Cluster, template: str) -> str:
    """The URL of a new server database copied from ``template`` (a database name)."""
    name = "archive_" + uuid.uuid4().hex[:12]
    cluster.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    return cluster.url(name)
