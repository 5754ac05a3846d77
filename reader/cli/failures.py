"""What the command line says when something goes wrong outside the program's own
checks: undecodable arguments, database trouble, and the unexpected (one line, and the
traceback in a log file)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from reader.errors import ReaderError
from reader.paths import user_data_dir

_SURROGATES = range(0xDC80, 0xDD00)  # how Python keeps bytes it could not decode


def text_arguments(argv: Sequence[str]) -> list[str]:
    """The arguments as text.  Python decodes them as UTF-8 and keeps bytes it cannot
    decode as lone surrogates; a query typed in a GBK terminal arrives like that.  Such
    an argument is read as GB18030 unless it names an existing file (a file name's bytes
    must stay as they are)."""
    out = []
    for argument in argv:
        if any(ord(char) in _SURROGATES for char in argument) and not os.path.exists(argument):
            raw = os.fsencode(argument)
            try:
                argument = raw.decode("gb18030")
            except UnicodeDecodeError:
                raise ReaderError(
                    "参数不是可识别的文字 (an argument is neither UTF-8 nor GB18030 text)"
                ) from None
        out.append(argument)
    return out


def write_crash_log() -> Path:
    """The current exception's traceback in a new log file; returns its path."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in (user_data_dir() / "logs", Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"reader-crash-{stamp}-{os.getpid()}.log"
            path.write_text(traceback.format_exc(), encoding="utf-8")
            return path
        except OSError:
            continue
    return Path(os.devnull)
