"""Fixtures shared by every test directory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.paths import BUNDLED_SEEDS_DIR


@pytest.fixture(scope="session")
def seeded_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds indexed once per session; tests use copies (``seeded_db``)."""
    path = tmp_path_factory.mktemp("template") / "archive.sqlite3"
    service = open_service(path)
    try:
        for _event in service.index_paths([BUNDLED_SEEDS_DIR]):
            pass
    finally:
        service.close()
    return path


@pytest.fixture
def seeded_db(seeded_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the indexed seeds: a test may change it freely."""
    target = tmp_path / "db" / seeded_db_template.name
    target.parent.mkdir()
    for file in seeded_db_template.parent.iterdir():
        shutil.copy2(file, target.parent / file.name)
    return target
