"""The byline roles are defined once, in reader.domain, and everything else follows them."""

from __future__ import annotations

from dataclasses import fields

from reader.domain import BYLINE_ROLE_CODES, BYLINE_ROLES, Byline


def test_roles_are_the_byline_fields_and_each_has_one_code() -> None:
    assert BYLINE_ROLES == tuple(f.name for f in fields(Byline))
    assert tuple(BYLINE_ROLE_CODES) == BYLINE_ROLES
    assert len(set(BYLINE_ROLE_CODES.values())) == len(BYLINE_ROLES)


def test_by_role_all_names_and_merged_follow_the_role_order() -> None:
    byline = Byline(reporters=("甲",), photographers=("丙",)).merged(
        Byline(reporters=("乙",), correspondents=("丁",), authors=("戊",))
    )
    assert byline == Byline(("甲", "乙"), ("丁",), ("丙",), ("戊",))
    assert [role for role, _ in byline.by_role()] == list(BYLINE_ROLES)
    assert byline.all_names() == ("甲", "乙", "丁", "丙", "戊")
    assert Byline().by_role() == tuple((role, ()) for role in BYLINE_ROLES)
