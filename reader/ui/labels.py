"""User-facing names for domain enums, translated (context ``Labels``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reader.domain import ArticleKind, EntityType

# lupdate reads literal translate("Context", "text") calls.
translate = QCoreApplication.translate


def kind_label(kind: ArticleKind) -> str:
    return {
        ArticleKind.NEWS: translate("Labels", "消息"),
        ArticleKind.PHOTO: translate("Labels", "图片"),
        ArticleKind.COMMENTARY: translate("Labels", "评论"),
    }[kind]


def entity_type_label(entity_type: EntityType) -> str:
    return {
        EntityType.PERSON: translate("Labels", "人名"),
        EntityType.PLACE: translate("Labels", "地名"),
        EntityType.ORGANIZATION: translate("Labels", "机构"),
        EntityType.DATE: translate("Labels", "日期"),
    }[entity_type]


def role_label(role: str) -> str:
    return {
        "reporters": translate("Labels", "记者"),
        "correspondents": translate("Labels", "通讯员"),
        "photographers": translate("Labels", "摄影"),
        "authors": translate("Labels", "作者"),
    }.get(role, role)


def approximate_count(value: int) -> str:
    """An estimated count, two significant digits: ``约 28 万`` (Chinese), ``about
    280,000`` (other languages)."""
    from PySide6.QtCore import QLocale

    digits = len(str(abs(value)))
    rounded = round(value, -(digits - 2)) if digits > 2 else value
    locale = QLocale()
    if locale.language() == QLocale.Language.Chinese and rounded >= 10_000:
        number = translate("Labels", "%1 万").replace("%1", f"{rounded / 10_000:g}")
    else:
        number = locale.toString(rounded)
    return translate("Labels", "约 %1").replace("%1", number)
