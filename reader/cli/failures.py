"""Command-line arguments that arrive as undecodable bytes (a GBK terminal)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from reader.errors import ReaderError

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
