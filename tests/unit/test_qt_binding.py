"""Guards against a Qt binding whose reference counting would crash the app."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QPointF


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_keep_none_alive() -> None:
    # PySide6 6.12.0 on Python 3.11 lost one reference to None per void-returning call;
    # after ~15,000 calls the interpreter aborted with "none_dealloc".
    point = QPointF()
    before = sys.getrefcount(None)
    for _ in range(2000):
        point.setX(1.0)
    assert sys.getrefcount(None) - before >= -10
