"""A throwaway PostgreSQL cluster for tests and benchmarks (never a mock server).

``initdb`` into a fresh temporary folder, ``pg_ctl start`` on a free port of
127.0.0.1 (the Unix socket inside the folder), ``stop`` and remove at the end. Run as
the ``postgres`` user when the caller is root (the server refuses to run as root).
The binaries come from Debian's ``postgresql`` package (``make test`` installs it).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def find_bindir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl`` (the newest installed server), or None."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").is_file() and Path(candidate, "pg_ctl").is_file():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def missing_reason() -> str | None:
    """Why no cluster can be started here (None: it can)."""
    if find_bindir() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed: pip install -e '.[postgres]'"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser to start the server as postgres"
    return None


PREFIX = "reader-pg-"
OWNER_FILE = "owner.pid"
"""The process that started a cluster: when it is gone (a test session killed before
its fixtures could stop the server), the next cluster started here stops that one."""


def is_running(pid: int) -> bool:
    """Running (a zombie, exited but not yet reaped, is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def stop_orphans(bindir: Path, as_postgres: bool) -> list[Path]:
    """Stop and remove the clusters whose starting process is gone; their folders."""
    stopped = []
    for root in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            owner = int((root / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue  # not ours to judge (no owner recorded)
        if is_running(owner):
            continue
        command = [str(bindir / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "-w"]
        command.append("stop")
        if as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, capture_output=True, check=False)
        shutil.rmtree(root, ignore_errors=True)
        stopped.append(root)
    return stopped


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """One running server; :meth:`create_database` gives each user a fresh database."""

    def __init__(self, durable: bool = False) -> None:
        bindir = find_bindir()
        if bindir is None:
            raise RuntimeError(missing_reason())
        self.bindir = bindir
        self._as_postgres = os.geteuid() == 0
        stop_orphans(bindir, self._as_postgres)
        self.root = Path(tempfile.mkdtemp(prefix=PREFIX))
        (self.root / OWNER_FILE).write_text(str(os.getpid()))
        self.data = self.root / "data"
        self.port = _free_port()
        self.superuser = "postgres"
        if self._as_postgres:
            os.chmod(self.root, 0o755)
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            self.superuser,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = [
            f"-p {self.port}",
            f"-k {self.data}",
            "-c listen_addresses=127.0.0.1",
            "-c max_connections=200",
        ]
        if not durable:  # a test cluster: nothing needs to survive a crash
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            " ".join(options),
            "-w",
            "-t",
            "60",
            "start",
        )

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.root)

    def url(self, database: str = "postgres", user: str | None = None) -> str:
        return f"postgresql://{user or self.superuser}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    def create_database(self, owner: str | None = None) -> str:
        """A new empty database; its URL (as ``owner`` when given, a role created here)."""
        name = "archive_" + uuid.uuid4().hex[:12]
        if owner:
            self.create_role(owner)
        self.execute(f'CREATE DATABASE {name} OWNER "{owner or self.superuser}"')
        return self.url(name, owner)

    def create_role(self, name: str) -> None:
        self.execute(
            f"DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}')"
            f' THEN CREATE ROLE "{name}" LOGIN; END IF; END$$'
        )

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
