"""Entities across the indexed seeds: the entities issue's acceptance list, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.cli import main as cli_main
from reader.domain import EntityType


def listed(db: Path | str, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    assert cli_main(["entities", "--json", "--db", str(db), *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_every_byline_name_is_a_person(seeded_archive: str, capsys) -> None:
    service = open_service(seeded_archive)
    try:
        names = set(service.byline_names())
    finally:
        service.close()
    persons = {e["canonical"] for e in listed(seeded_archive, capsys, "--type", "person")}
    persons |= {a for e in listed(seeded_archive, capsys, "--type", "person") for a in e["aliases"]}
    assert names, "the seeds credit reporters"
    assert names <= persons
    assert {"马雅宁", "柴英杰", "高亢", "吕沛", "宫卫红"} <= persons


def test_common_words_are_never_persons(seeded_archive: str, capsys) -> None:
    entries = listed(seeded_archive, capsys, "--type", "person")
    spellings = {e["canonical"] for e in entries} | {a for e in entries for a in e["aliases"]}
    assert not spellings & {"高新区", "会议", "养老", "文明", "蓝天", "卫红", "踔厉"}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("焦作亿腾科技有限公司", "organization"),
        ("申万宏源证券有限公司", "organization"),
        ("文苑街道", "place"),
        ("南李万村", "place"),
    ],
)
def test_names_are_whole_with_the_right_type(
    seeded_archive: str, capsys, name: str, kind: str
) -> None:
    entries = listed(seeded_archive, capsys, "--type", kind)
    assert name in {e["canonical"] for e in entries}


def test_spelling_variants_share_one_canonical_entity(seeded_archive: str, capsys) -> None:
    persons = listed(seeded_archive, capsys, "--type", "person")
    entries = [e for e in persons if e["canonical"] == "宫卫红"]
    assert len(entries) == 1 and entries[0]["aliases"] == ["官卫红"]
    service = open_service(seeded_archive)
    try:
        articles = service.articles_with_entity("宫卫红", EntityType.PERSON)
        texts = ["".join(a.paragraphs) for a in service.articles([s.id for s in articles])]
    finally:
        service.close()
    assert any("官卫红" in text for text in texts)
    assert any("宫卫红" in text for text in texts)


def test_byline_people_lead_to_the_articles_they_signed(seeded_archive: str) -> None:
    service = open_service(seeded_archive)
    try:
        signed = service.articles_with_entity("马雅宁", EntityType.PERSON)
        full = service.articles([s.id for s in signed])
    finally:
        service.close()
    assert len(full) == 4
    assert all("马雅宁" in a.byline.photographers for a in full)
