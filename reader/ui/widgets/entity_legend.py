"""The legend above the article: one checkbox per entity type, in its highlight colour."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from reader.domain import EntityType
from reader.ui.article_html import ENTITY_COLOURS, ENTITY_TEXT_COLOURS
from reader.ui.labels import entity_type_label


class EntityLegend(QWidget):
    typesChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityLegend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self._caption = QLabel(self.tr("标注："), self)
        layout.addWidget(self._caption)
        self._boxes: dict[EntityType, QCheckBox] = {}
        for etype in EntityType:
            box = QCheckBox(entity_type_label(etype), self)
            box.setObjectName(f"legend_{etype.value}")
            box.setChecked(True)
            box.setToolTip(self.tr("显示或隐藏这一类实体的标注"))
            # The label itself is the colour key, so the legend needs no separate swatch.
            box.setStyleSheet(
                f"QCheckBox {{ background: {ENTITY_COLOURS[etype]};"
                f" color: {ENTITY_TEXT_COLOURS[etype]}; border-radius: 3px; padding: 2px 6px; }}"
            )
            box.toggled.connect(self.typesChanged)
            layout.addWidget(box)
            self._boxes[etype] = box

    def checkbox(self, etype: EntityType) -> QCheckBox:
        return self._boxes[etype]

    def enabled_types(self) -> set[EntityType]:
        return {etype for etype, box in self._boxes.items() if box.isChecked()}

    def set_enabled_types(self, types: set[EntityType]) -> None:
        for etype, box in self._boxes.items():
            box.setChecked(etype in types)
