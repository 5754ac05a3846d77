"""Issue 16: the same archive on a PostgreSQL server (a throwaway cluster per session,
tests/pg_server.py): URLs everywhere, the seeds dump exactly as on SQLite, bookmarks
per user, ``reader check``, ``reader migrate``, searches while another process indexes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.bootstrap import connect_server, open_service
from reader.cli import main
from reader.domain import SearchRequest
from reader.errors import ReaderError
from reader.store.location import is_database_url, resolve
from tests.conftest import server_copy
from tests.pg_server import Cluster


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seeded_url(pg_cluster: Cluster, seeded_server_template: str) -> str:
    return server_copy(pg_cluster, seeded_server_template)


def test_urls_and_paths_are_told_apart(tmp_path: Path) -> None:
    assert is_database_url("postgresql://reader@db.example/archive")
    assert is_database_url("postgres://u:pw@h:5432/db")
    assert is_database_url("postgresql:/u@h/db")  # what Path() leaves of a URL
    assert not is_database_url(tmp_path / "archive.sqlite3")
    assert not is_database_url("postgresql.sqlite3")
    target = resolve("postgresql://u:secret@h/db")
    assert target.is_server and target.url == "postgresql+psycopg://u:secret@h/db"
    assert "secret" not in target.display
    assert resolve(Path("postgresql://u@h/db")).url == "postgresql+psycopg://u@h/db"
    assert resolve(tmp_path / "a.sqlite3").path == tmp_path / "a.sqlite3"


def test_a_url_never_becomes_a_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = _cli(capsys, "search", "区", "--db", "postgresql://nobody@127.0.0.1:1/x")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_reading_command_on_an_empty_server_database_creates_nothing(
    capsys: pytest.CaptureFixture[str], pg_cluster: Cluster
) -> None:
    url = pg_cluster.create_database()
    code, _out, err = _cli(capsys, "dump", "--json", "--db", url)
    assert code == 2 and "没有档案" in err
    import psycopg

    with psycopg.connect(url) as connection:
        tables = connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    assert tables == (0,)


def test_the_seeds_dump_exactly_as_on_sqlite(
    capsys: pytest.CaptureFixture[str], seeded_url: str, seeded_db: Path
) -> None:
    code, on_server, _ = _cli(capsys, "dump", "--json", "--db", seeded_url)
    assert code == 0
    code, on_file, _ = _cli(capsys, "dump", "--json", "--db", str(seeded_db))
    assert code == 0
    assert json.loads(on_server) == json.loads(on_file)


def test_search_timeline_and_entities_agree_with_sqlite(seeded_url: str, seeded_db: Path) -> None:
    server, local = open_service(seeded_url), open_service(seeded_db)
    try:
        for query in ["区", "高新区", "会议 OR 座谈", "高新区 -调度", "大气污染防治", "，", "x"]:
            for limit in (None, 5):
                a = server.search(SearchRequest(query, limit=limit))
                b = local.search(SearchRequest(query, limit=limit))
                assert a.total == b.total, query
                assert {h.article.id for h in a.hits} <= {h.article.id for h in b.hits} | {
                    h.article.id for h in a.hits
                }
                if limit is None:
                    assert {h.article.key for h in a.hits} == {h.article.key for h in b.hits}
                    heads = [
                        h.article.key for h in a.hits if h.matches and h.matches[0].paragraph < 0
                    ]
                    assert heads == [h.article.key for h in a.hits][: len(heads)]
            assert server.timeline(SearchRequest(query), "month") == local.timeline(
                SearchRequest(query), "month"
            )
        assert server.entities(None, "", None) == local.entities(None, "", None)
        assert server.years() == local.years()
        assert server.health().healthy
    finally:
        server.close()
        local.close()


def test_bookmarks_belong_to_each_user(
    capsys: pytest.CaptureFixture[str], pg_cluster: Cluster, pinned_seeds: Path
) -> None:
    pg_cluster.create_role("alice")
    pg_cluster.create_role("bob")
    url = pg_cluster.create_database(owner="alice")
    pg_cluster.execute(f"GRANT ALL ON DATABASE {url.rsplit('/', 1)[1]} TO bob")
    code, _, _ = _cli(capsys, "index", str(pinned_seeds), "--db", url)
    assert code == 0
    pg_cluster.execute(
        "GRANT ALL ON ALL TABLES IN SCHEMA public TO bob;"
        " GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO bob",
        database=url.rsplit("/", 1)[1],
    )
    bob_url = url.replace("alice@", "bob@")
    assert _cli(capsys, "bookmarks", "add", "1", "--note", "甲", "--db", url)[0] == 0
    assert _cli(capsys, "bookmarks", "add", "1", "--note", "乙", "--db", bob_url)[0] == 0
    assert _cli(capsys, "bookmarks", "add", "2", "--db", bob_url)[0] == 0
    _, alice, _ = _cli(capsys, "bookmarks", "list", "--json", "--db", url)
    _, bob, _ = _cli(capsys, "bookmarks", "list", "--json", "--db", bob_url)
    assert [(m["article_id"], m["note"]) for m in json.loads(alice)] == [(1, "甲")]
    assert sorted((m["article_id"], m["note"]) for m in json.loads(bob)) == [(1, "乙"), (2, "")]
    assert _cli(capsys, "bookmarks", "note", "1", "改", "--db", bob_url)[0] == 0
    assert _cli(capsys, "bookmarks", "remove", "2", "--db", bob_url)[0] == 0
    _, alice, _ = _cli(capsys, "bookmarks", "list", "--json", "--db", url)
    _, bob, _ = _cli(capsys, "bookmarks", "list", "--json", "--db", bob_url)
    assert [(m["article_id"], m["note"]) for m in json.loads(alice)] == [(1, "甲")]
    assert [(m["article_id"], m["note"]) for m in json.loads(bob)] == [(1, "改")]


def test_check_on_the_server(capsys: pytest.CaptureFixture[str], seeded_url: str) -> None:
    code, out, _ = _cli(capsys, "check", "--json", "--db", seeded_url)
    assert code == 0 and json.loads(out)["healthy"] is True
    import psycopg

    with psycopg.connect(seeded_url, autocommit=True) as connection:
        connection.execute("DELETE FROM search_grams WHERE article_id = 3")
    code, out, _ = _cli(capsys, "check", "--json", "--db", seeded_url)
    assert code == 1 and not json.loads(out)["healthy"]
    code, out, _ = _cli(capsys, "check", "--repair", "--json", "--db", seeded_url)
    assert code == 0 and json.loads(out)["healthy"] is True


def test_connect_server_is_the_windows_hook(seeded_url: str, tmp_path: Path) -> None:
    service = connect_server(seeded_url)
    try:
        assert not service.is_empty()
    finally:
        service.close()
    with pytest.raises(ReaderError):
        connect_server(str(tmp_path / "a.sqlite3"))


def test_searches_run_without_errors_while_another_process_indexes(
    pg_cluster: Cluster, seeded_url: str, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    project = Path(__file__).resolve().parents[2]
    subprocess.run(
        [
            sys.executable,
            str(project / "benchmarks/make_corpus.py"),
            str(corpus),
            "--articles",
            "1500",
        ],
        check=True,
        capture_output=True,
    )
    target = pg_cluster.create_database()
    indexer = subprocess.Popen(
        [sys.executable, "-m", "reader", "index", str(corpus), "--db", target],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    errors: list[BaseException] = []
    searched = [0]

    def read(url: str) -> None:
        service = None
        try:
            service = open_service(url)
            while indexer.poll() is None:
                for query in ("区", "高新区", "会议 OR 座谈", "大气污染防治 -调度"):
                    results = service.search(SearchRequest(query, limit=20))
                    assert results.error == ""
                    searched[0] += 1
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            if service is not None:
                service.close()

    readers = [threading.Thread(target=read, args=(url,)) for url in (seeded_url, seeded_url)]
    for thread in readers:
        thread.start()
    _, err = indexer.communicate(timeout=600)
    for thread in readers:
        thread.join()
    assert indexer.returncode == 0, err
    assert errors == [] and searched[0] > 0
    after = open_service(target)
    try:
        assert after.search(SearchRequest("区", limit=1)).total > 0
    finally:
        after.close()


def test_two_indexers_of_one_server_archive_take_turns(
    capsys: pytest.CaptureFixture[str], pg_cluster: Cluster, tmp_path: Path
) -> None:
    """Both finish without errors, and the archive holds what one run would have
    stored (each file's transaction takes the archive's write lock on the server)."""
    corpus = tmp_path / "corpus"
    project = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, str(project / "benchmarks/make_corpus.py"), str(corpus)]
        + ["--articles", "400", "--per-issue", "10"],
        check=True,
        capture_output=True,
    )
    target = pg_cluster.create_database()
    assert main(["index", str(corpus), "--db", target]) == 0  # the schema, first
    for path in corpus.rglob("*.txt"):
        path.write_text(path.read_text("utf-8") + "\n编者按：再版。\n", "utf-8")
    indexers = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "index", str(corpus), "--db", target],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for indexer in indexers:
        _, err = indexer.communicate(timeout=600)
        assert indexer.returncode == 0, err
    reference = tmp_path / "reference.sqlite3"
    assert main(["index", str(corpus), "--db", str(reference)]) == 0
    capsys.readouterr()
    code, on_server, _ = _cli(capsys, "dump", "--json", "--db", target)
    assert code == 0
    code, on_file, _ = _cli(capsys, "dump", "--json", "--db", str(reference))
    assert code == 0
    assert _without_ids(json.loads(on_server)) == _without_ids(json.loads(on_file))


@pytest.mark.parametrize("work", ["repair", "rebuild_search_index", "health"])
def test_repairs_take_the_write_lock_as_the_indexer_does(
    pg_cluster: Cluster, seeded_server_template: str, work: str
) -> None:
    """While another writer holds the archive's write lock, ``reader check --repair``
    (and a search index rebuild, and the check itself) wait for it instead of
    rebuilding beside an indexer's transaction."""
    import sqlalchemy

    from reader.store.repository import WRITE_LOCK, Store

    url = server_copy(pg_cluster, seeded_server_template)
    holder = sqlalchemy.create_engine(resolve(url).url)
    store = Store(url)
    try:
        with holder.connect() as connection:
            connection.execute(sqlalchemy.select(sqlalchemy.func.pg_advisory_lock(WRITE_LOCK)))
            connection.commit()
            thread = threading.Thread(target=getattr(store, work))
            thread.start()
            waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            for _ in range(200):
                if connection.execute(sqlalchemy.text(waiting)).scalar_one():
                    break
                thread.join(0.05)
            assert connection.execute(sqlalchemy.text(waiting)).scalar_one() == 1
            assert thread.is_alive()
            connection.execute(sqlalchemy.select(sqlalchemy.func.pg_advisory_unlock(WRITE_LOCK)))
            connection.commit()
        thread.join(120)
        assert not thread.is_alive()
    finally:
        store.close()
        holder.dispose()


def _without_ids(value: object) -> object:
    """A dump without row ids (they count every row ever written)."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id" and not k.endswith("_id")}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def test_migrate_a_file_to_the_server_and_back(
    capsys: pytest.CaptureFixture[str], pg_cluster: Cluster, seeded_db: Path, tmp_path: Path
) -> None:
    assert _cli(capsys, "bookmarks", "add", "3", "--note", "笔记", "--db", str(seeded_db))[0] == 0
    url = pg_cluster.create_database()
    code, out, err = _cli(capsys, "migrate", str(seeded_db), url)
    assert code == 0, err
    back = tmp_path / "back.sqlite3"
    code, out, err = _cli(capsys, "migrate", url, str(back))
    assert code == 0, err
    dumps = [
        _cli(capsys, "dump", "--json", "--db", db)[1] for db in (str(seeded_db), url, str(back))
    ]
    assert json.loads(dumps[0]) == json.loads(dumps[1]) == json.loads(dumps[2])
    for db in (url, str(back)):
        _, listed, _ = _cli(capsys, "bookmarks", "list", "--json", "--db", db)
        assert [(m["article_id"], m["note"]) for m in json.loads(listed)] == [(3, "笔记")]
        code, out, _ = _cli(capsys, "check", "--json", "--db", db)
        assert code == 0, out
        code, out, _ = _cli(capsys, "search", "高新区", "--json", "--db", db)
        assert code == 0
    # the copy indexes further: ids continue after the copied ones
    service = open_service(url)
    try:
        assert service.add_bookmark(service.article(5).key)  # type: ignore[union-attr]
    finally:
        service.close()
    code, _, err = _cli(capsys, "migrate", str(seeded_db), url)
    assert code == 2 and "已有档案" in err


def test_a_v6_file_keeps_its_bookmarks_after_the_owner_column_arrives(
    capsys: pytest.CaptureFixture[str], seeded_db: Path
) -> None:
    import sqlite3

    assert _cli(capsys, "bookmarks", "add", "2", "--note", "旧", "--db", str(seeded_db))[0] == 0
    with sqlite3.connect(seeded_db) as connection:  # the v6 table: no owner column
        connection.executescript(
            "CREATE TABLE b6 AS SELECT id, key, note, created_at, title_when_saved,"
            " issue_date_when_saved FROM bookmarks; DROP TABLE bookmarks;"
            " CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, key VARCHAR UNIQUE, note TEXT,"
            " created_at DATETIME, title_when_saved TEXT, issue_date_when_saved DATE);"
            " INSERT INTO bookmarks SELECT * FROM b6; DROP TABLE b6;"
            " UPDATE meta SET value = '6' WHERE key = 'schema_version';"
        )
    _, listed, _ = _cli(capsys, "bookmarks", "list", "--json", "--db", str(seeded_db))
    assert [(m["article_id"], m["note"]) for m in json.loads(listed)] == [(2, "旧")]
    assert _cli(capsys, "bookmarks", "add", "4", "--db", str(seeded_db))[0] == 0
    assert _cli(capsys, "check", "--db", str(seeded_db))[0] == 0
