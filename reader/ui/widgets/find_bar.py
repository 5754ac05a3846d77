"""Find in article (Ctrl+F): a slim bar under the text, Enter / Shift+Enter to step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QWidget,
)

FIND_BACKGROUND = QColor("#c8f0ff")


class FindBar(QWidget):
    def __init__(self, view: QTextBrowser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._view = view
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel(self.tr("查找："), self))
        self.input = QLineEdit(self)
        self.input.setObjectName("findInput")
        self.input.setPlaceholderText(self.tr("在本文中查找"))
        self.input.setClearButtonEnabled(True)
        layout.addWidget(self.input, 1)
        for name, text, forward in (("findPrevious", "↑", False), ("findNext", "↓", True)):
            button = QToolButton(self)
            button.setObjectName(name)
            button.setText(text)
            button.setToolTip(self.tr("下一处") if forward else self.tr("上一处"))
            button.clicked.connect(lambda _=False, f=forward: self.find_match(forward=f))
            layout.addWidget(button)
        self.status = QLabel(self)
        self.status.setObjectName("findStatus")
        layout.addWidget(self.status)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(self.tr("关闭查找栏 (Esc)"))
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        self.input.textChanged.connect(self._restart)
        self.input.returnPressed.connect(lambda: self.find_match(forward=True))
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.input.setFocus()
        self.input.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._view.setExtraSelections([])
        self._view.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.find_match(forward=not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        else:
            super().keyPressEvent(event)

    def refresh(self) -> None:
        """Re-mark matches after the article changed underneath."""
        if self.isVisible() and self.input.text():
            self._restart()

    def _restart(self) -> None:
        cursor = self._view.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self._view.setTextCursor(cursor)
        self._mark_all()
        self.find_match(forward=True)

    def _mark_all(self) -> int:
        text = self.input.text()
        selections: list[QTextEdit.ExtraSelection] = []
        document = self._view.document()
        cursor = QTextCursor(document)
        while text:
            cursor = document.find(text, cursor)
            if cursor.isNull():
                break
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format.setBackground(FIND_BACKGROUND)  # type: ignore[attr-defined]
            selections.append(selection)
        self._view.setExtraSelections(selections)
        return len(selections)

    def find_match(self, forward: bool = True) -> bool:
        text = self.input.text()
        if not text:
            self.status.clear()
            return False
        flags = QTextDocument.FindFlag(0) if forward else QTextDocument.FindFlag.FindBackward
        found = self._view.find(text, flags)
        if not found:
            # Wrap around once, as every editor does.
            cursor = self._view.textCursor()
            cursor.movePosition(
                QTextCursor.MoveOperation.Start if forward else QTextCursor.MoveOperation.End
            )
            self._view.setTextCursor(cursor)
            found = self._view.find(text, flags)
        self.status.setText("" if found else self.tr("未找到"))
        return found
