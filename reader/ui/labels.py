"""User-facing names for domain enums, translated (context ``Labels``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reader.domain import ArticleKind, EntityType


def _tr(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def kind_label(kind: ArticleKind) -> str:
    return {
        ArticleKind.NEWS: _tr("消息"),
        ArticleKind.PHOTO: _tr("图片"),
        ArticleKind.COMMENTARY: _tr("评论"),
    }[kind]


def entity_type_label(entity_type: EntityType) -> str:
    return {
        EntityType.PERSON: _tr("人名"),
        EntityType.PLACE: _tr("地名"),
        EntityType.ORGANIZATION: _tr("机构"),
        EntityType.DATE: _tr("日期"),
    }[entity_type]


def role_label(role: str) -> str:
    return {
        "reporters": _tr("记者"),
        "correspondents": _tr("通讯员"),
        "photographers": _tr("摄影"),
        "authors": _tr("作者"),
    }.get(role, role)
