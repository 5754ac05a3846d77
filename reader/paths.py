"""Where things live: the user's database, the bundled seeds and resources."""

from __future__ import annotations

import os
import re
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
RESOURCES_DIR = PROJECT_DIR / "resources"
BUNDLED_SEEDS_DIR = PROJECT_DIR / "seeds"
APP_NAME = "archive-reader"


def user_data_dir() -> Path:
    """XDG data directory for this app (``$XDG_DATA_HOME/archive-reader``)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME


def default_database_path() -> Path:
    """``$READER_DB`` when set, else ``archive.sqlite3`` in the user data directory."""
    override = os.environ.get("READER_DB")
    if override:
        return Path(override).expanduser()
    return user_data_dir() / "archive.sqlite3"


DATABASE_URL = re.compile(
    r"^(?P<scheme>postgres(?:ql)?(?:\+\w+)?|sqlite(?:\+\w+)?):/*(?P<rest>.*)$"
)
"""A database URL, told from a path (here, not in reader.store: the window checks it on
the UI thread, where the store is never imported)."""


def is_database_url(value: str | Path) -> bool:
    """True for ``postgresql://…`` (``postgres://``, ``postgresql+psycopg://``) and
    ``sqlite:///…``; False for a plain path. A URL that went through ``Path`` (one
    slash lost: ``postgresql:/u@h/db``) still counts."""
    return bool(DATABASE_URL.match(str(value)))


def default_database() -> Path | str:
    """Like :func:`default_database_path`, but ``$READER_DB`` may be a database URL
    (``postgresql://user@host/db``), returned as is."""
    override = os.environ.get("READER_DB")
    if override and is_database_url(override):
        return override
    return default_database_path()
