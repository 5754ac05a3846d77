"""One line for the person, the whole story in a log file: how every front end (the
command line, the window) reports an error.

A classified error (:class:`ReaderError`) is its own first line; a database failure is
told in the user's terms (:func:`reader.store.db_errors.database_message`); anything else
is a bug, and its traceback goes to a new file under the user data folder (or the temp
folder) whose path the line names.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path

from reader.errors import ReaderError
from reader.paths import user_data_dir


def user_message(error: BaseException) -> str:
    """The one line to show for ``error`` (writes a crash log for a bug)."""
    if isinstance(error, ReaderError):
        lines = str(error).strip().splitlines()
        return lines[0] if lines else type(error).__name__
    from reader.store.db_errors import database_message

    message = database_message(error)
    if message is not None:
        return message
    log = write_crash_log(error)
    return f"内部错误 (unexpected error: {type(error).__name__}); details in {log}"


def write_crash_log(error: BaseException) -> Path:
    """``error``'s traceback in a new log file; returns its path."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = "".join(traceback.format_exception(error))
    for folder in (user_data_dir() / "logs", Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"reader-crash-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return Path(os.devnull)
