"""A test session killed before its fixtures ran leaves its PostgreSQL cluster running;
the next cluster started on the machine stops it (tests/pg_server.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg_server import find_bindir, is_running, missing_reason, stop_orphans

pytestmark = pytest.mark.skipif(missing_reason() is not None, reason=str(missing_reason()))


def test_a_cluster_whose_session_died_is_stopped_by_the_next() -> None:
    project = Path(__file__).resolve().parents[2]
    started = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os; from tests.pg_server import Cluster; c = Cluster();"
            " print(c.root, c.port, flush=True); os._exit(0)",  # no stop(): as if killed
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    root_text, port = started.stdout.split()
    root = Path(root_text)
    pid_file = root / "data" / "postmaster.pid"
    server = int(pid_file.read_text().splitlines()[0])
    assert is_running(server)
    bindir = find_bindir()
    assert bindir is not None
    stopped = stop_orphans(bindir, os.geteuid() == 0)
    assert root in stopped
    assert not root.exists()
    assert not is_running(server)
