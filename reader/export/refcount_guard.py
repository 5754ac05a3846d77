"""Work-around: PySide6 6.12 on CPython 3.11 drops references to ``None``.

Observed with PySide6-Essentials 6.12.0 and CPython 3.11.7: every call of a bound
``void`` method (``QPainter.save()``, ``QTextCursor.insertText()``…) returns ``None``
without taking a reference, so ``sys.getrefcount(None)`` falls by one per call and
the interpreter aborts with ``Fatal Python error: none_dealloc`` when it reaches zero:
mid-export for a few hundred articles, or at interpreter exit. An export makes about
a hundred such calls per article.

The guard lends ``None`` a reserve of references before the work and afterwards
gives back only what the work did not lose, so the count ends where it started.
From CPython 3.12 ``None`` is immortal and the guard does nothing. Remove it once
PySide6 is fixed or pinned to a release without the defect.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from contextlib import contextmanager

PER_ARTICLE_RESERVE = 2_000
BASE_RESERVE = 20_000


def _none_refcount() -> ctypes.c_ssize_t:
    return ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field


@contextmanager
def none_refcount_guard(article_count: int) -> Iterator[None]:
    """Keep ``None``'s reference count level across work calling many PySide methods."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        yield
        return
    reserve = BASE_RESERVE + PER_ARTICLE_RESERVE * article_count
    count = _none_refcount()
    before = sys.getrefcount(None)
    count.value += reserve
    try:
        yield
    finally:
        lost = before + reserve - sys.getrefcount(None)
        count.value -= reserve - max(0, lost)
