"""Entities in text of another kind than the seeds: national news, other places, other
bodies.  The sentences are written for this test (no evaluation corpus is quoted);
each one exercises one of the patterns the rules alone used to miss or mangle."""

from __future__ import annotations

import pytest

from reader.domain import ArticleKind, Byline, EntityType, ParsedArticle
from reader.entities import recognise_article

P, L, ORG = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION


def _found(text: str) -> set[tuple[str, EntityType]]:
    article = ParsedArticle("", None, None, ArticleKind.NEWS, None, Byline(), (), (text,), "")
    return {(m.text, m.type) for m in recognise_article(article)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # several names after one title
        (
            "国务院副总理李岚清、钱其琛、吴邦国出席了会议。",
            {("李岚清", P), ("钱其琛", P), ("吴邦国", P)},
        ),
        # names with a cue after them and no title
        ("江泽民同志指出，要加强党的建设。朱镕基说，形势很好。", {("江泽民", P), ("朱镕基", P)}),
        # reporters of other agencies
        ("新华社记者王晓东报道", {("新华社", ORG), ("王晓东", P)}),
        # transliterated names
        ("米哈伊尔·戈尔巴乔夫表示支持。", {("米哈伊尔·戈尔巴乔夫", P)}),
        # cities and provinces without 市/省, autonomous regions, landmarks, streets
        (
            "武汉、杭州、合肥三市的代表来到中南海。",
            {("武汉", L), ("杭州", L), ("合肥", L), ("中南海", L)},
        ),
        ("新疆维吾尔自治区的代表在文化路会合。", {("新疆维吾尔自治区", L), ("文化路", L)}),
        # well-known bodies without a suffix
        (
            "党中央、国务院和全国政协高度重视。",
            {("党中央", ORG), ("国务院", ORG), ("全国政协", ORG)},
        ),
        # a branch: the longest sensible span
        ("农业银行浙江省分行发放贷款。", {("农业银行浙江省分行", ORG)}),
    ],
)
def test_names_found_beyond_the_seeds(text: str, expected: set[tuple[str, EntityType]]) -> None:
    found = _found(text)
    assert expected <= found, sorted(expected - found)


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        # a name never starts with a preposition, a verb or a number
        ("据省农办统计，今年增收明显。", {("据省农办", ORG)}),
        ("他参加市政府召开的会议。", {("参加市政府", ORG)}),
        ("武汉、杭州、合肥三市的代表", {("合肥三市", L)}),
        # ordinary words that end in a suffix character
        ("行不行、敢不敢、怎么办的问题都回答了。", {("怎么办", ORG)}),
        # fragments are no persons
        ("这些都是绝对的，和海外的联系也多了。", {("都是绝", P), ("和海外", P)}),
    ],
)
def test_no_name_starts_at_a_verb_or_inside_a_word(
    text: str, not_expected: set[tuple[str, EntityType]]
) -> None:
    assert not (_found(text) & not_expected)


def test_known_body_before_a_title_is_part_of_the_title_only_when_generic() -> None:
    found = _found("市委书记张明和国务院副总理李强一起视察。")
    assert ("市委", ORG) not in found  # generic: 市委书记 is a title
    assert ("国务院", ORG) in found  # a proper name stays an organisation


def test_traditional_characters_are_read_like_simplified_ones() -> None:
    """An older or overseas paper printed in traditional characters: the same names are
    found, with their printed (traditional) spelling and offsets."""
    traditional = "國務院副總理李嵐清在北京會見了美國客人，並前往廣東省深圳市考察。"
    simplified = "国务院副总理李岚清在北京会见了美国客人，并前往广东省深圳市考察。"
    found = _found(traditional)
    assert {("國務院", ORG), ("李嵐清", P), ("北京", L), ("美國", L), ("深圳市", L)} <= found
    converted = {(name.translate(str.maketrans(traditional, simplified)), t) for name, t in found}
    assert converted == _found(simplified)
