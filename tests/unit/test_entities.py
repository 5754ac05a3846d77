"""Entity recognition: the issue's "Done when" list, the API contract, robustness."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.domain import (
    TITLE_PARAGRAPH,
    ArticleKind,
    Byline,
    EntityType,
    Mention,
    ParsedArticle,
    ParsedIssue,
)
from reader.entities import SurfaceStat, group_variants, recognise_article, recognise_issue
from reader.ingest import parse_issue

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
P, L, ORG, D = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION, EntityType.DATE

SEED_PERSONS = {
    "吕沛", "宫卫红", "官卫红", "柴英杰", "陈增喜", "余强", "严俊", "习近平",
    "赵根志", "付凯明", "赵岩", "马雅宁", "刘丽玲", "陈昱润", "高亢", "朱晓琳", "谢文静",
    "许观", "张志鹏",
}  # fmt: skip


NO_BYLINE = Byline()


def article(
    *paragraphs: str, title: str | None = None, byline: Byline = NO_BYLINE
) -> ParsedArticle:
    return ParsedArticle(
        title=title,
        kicker=None,
        subtitle=None,
        kind=ArticleKind.NEWS,
        date=None,
        byline=byline,
        byline_lines=(),
        paragraphs=paragraphs,
        display_title=title or "",
    )


@pytest.fixture(scope="module")
def seed_results() -> list[tuple[ParsedIssue, list[list[Mention]]]]:
    out = []
    for path in SEEDS:
        issue = parse_issue(path.read_text(encoding="utf-8"), path.name, fallback_year=2025)
        out.append((issue, recognise_issue(issue)))
    return out


def _all(seed_results: list[tuple[ParsedIssue, list[list[Mention]]]]) -> list[Mention]:
    return [m for _, results in seed_results for mentions in results for m in mentions]


# ---- Done when ----------------------------------------------------------------------


def test_every_seed_person_is_a_person(seed_results) -> None:
    persons = {m.text for m in _all(seed_results) if m.type is P}
    bylines = {n for issue, _ in seed_results for a in issue.articles for n in a.byline.all_names()}
    assert SEED_PERSONS <= persons | bylines
    assert "高亢" in bylines  # the commentary author printed □高 亢


@pytest.mark.parametrize("word", ["高新区", "会议", "养老", "文明", "蓝天", "施策", "踔厉", "卫红"])
def test_never_a_person(seed_results, word: str) -> None:
    assert word not in {m.text for m in _all(seed_results) if m.type is P}


def test_high_tech_zone_is_a_place(seed_results) -> None:
    types = {m.type for m in _all(seed_results) if m.text == "高新区"}
    assert types == {L}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("焦作亿腾科技有限公司", ORG),
        ("申万宏源证券有限公司", ORG),
        ("青网科技控股集团有限公司", ORG),
        ("市总工会", ORG),
        ("区消防救援大队", ORG),
        ("文苑街道", L),
        ("南李万村", L),
        ("阳庙镇", L),
        ("河南省", L),
        ("焦作市", L),
        ("大沙河", L),
        ("11月2日", D),
        ("12月23日晚", D),
        ("2025年", D),
    ],
)
def test_full_spans_with_the_right_type(seed_results, text: str, kind: EntityType) -> None:
    assert (text, kind) in {(m.text, m.type) for m in _all(seed_results)}


def test_relative_time_is_not_a_date(seed_results) -> None:
    assert not any("今年" in m.text for m in _all(seed_results))


def test_spelling_variants_resolve_to_one_canonical(seed_results) -> None:
    counts: Counter[tuple[EntityType, str]] = Counter()
    roles: dict[tuple[EntityType, str], set[str]] = {}
    for m in _all(seed_results):
        counts[(m.type, m.text)] += 1
        roles.setdefault((m.type, m.text), set()).update({m.role} if m.role else set())
    stats = [SurfaceStat(t, s, n, frozenset(roles[(t, s)])) for (t, s), n in counts.items()]
    canonical = group_variants(stats)
    assert canonical[(P, "官卫红")] == canonical[(P, "宫卫红")] == "宫卫红"
    assert canonical[(P, "吕沛")] == "吕沛"


def test_offsets_point_at_the_mention_text(seed_results) -> None:
    for issue, results in seed_results:
        for art, mentions in zip(issue.articles, results, strict=True):
            _check_offsets(art, mentions)


# ---- API contract ---------------------------------------------------------------------


def _check_offsets(art: ParsedArticle, mentions: list[Mention]) -> None:
    keys = [(m.paragraph, m.start) for m in mentions]
    assert keys == sorted(keys)
    for m in mentions:
        text = art.title if m.paragraph == TITLE_PARAGRAPH else art.paragraphs[m.paragraph]
        assert text is not None and text[m.start : m.end] == m.text and m.start < m.end
        assert m.canonical == m.text
    for a, b in zip(mentions, mentions[1:], strict=False):
        assert a.paragraph != b.paragraph or a.end <= b.start


def test_importing_does_not_load_jieba() -> None:
    code = "import sys, reader.entities; assert 'jieba' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_title_patterns_record_the_role() -> None:
    mentions = recognise_article(
        article("党工委副书记、管委会主任宫卫红主持会议，总经理余强出席。")
    )
    roles = {(m.text, m.role) for m in mentions if m.type is P}
    assert roles == {("宫卫红", "管委会主任"), ("余强", "总经理")}


def test_title_mentions_use_paragraph_minus_one() -> None:
    mentions = recognise_article(article("正文。", title="文苑街道召开会议"))
    assert mentions[0] == Mention("文苑街道", L, TITLE_PARAGRAPH, 0, 4, "文苑街道")


def test_byline_names_are_persons_everywhere_in_the_issue() -> None:
    signed = article("正文。", byline=Byline(reporters=("孙立新",)))
    other = article("本次活动由孙立新策划。")
    issue = ParsedIssue("x.txt", None, (signed, other))
    assert [m.text for m in recognise_issue(issue)[1] if m.type is P] == ["孙立新"]
    archive = recognise_article(article("林晓峰参与了采访。"), frozenset({"林晓峰"}))
    assert [m.text for m in archive if m.type is P] == ["林晓峰"]


def test_common_word_byline_name_only_in_its_own_article() -> None:
    mentions = recognise_article(article("歌声高亢嘹亮。"), frozenset({"高亢"}))
    assert not [m for m in mentions if m.type is P]


def test_names_found_by_cue_are_found_again_without_cue() -> None:
    mentions = recognise_article(
        article("副院长陈增喜走进社区。", "宣讲中，陈增喜结合实践经验作了讲解。")
    )
    assert [(m.text, m.paragraph) for m in mentions if m.type is P] == [
        ("陈增喜", 0),
        ("陈增喜", 1),
    ]


def test_rules_carry_over_to_unseen_names() -> None:
    mentions = recognise_article(
        article(
            "3月5日，修武县农业农村局局长刘建华带领考察团来到东王封村，先后走进河南润泰环保"
            "科技股份有限公司、焦作市第五人民医院。刘建华说，两地要加强交流。"
        )
    )
    found = {(m.text, m.type) for m in mentions}
    assert {
        ("3月5日", D),
        ("修武县农业农村局", ORG),
        ("刘建华", P),
        ("东王封村", L),
        ("河南润泰环保科技股份有限公司", ORG),
        ("焦作市第五人民医院", ORG),
    } <= found


def test_grouping_needs_a_shared_role_and_a_close_character() -> None:
    role = frozenset({"总经理"})
    stats = [
        SurfaceStat(P, "王强", 5, role),
        SurfaceStat(P, "王刚", 1, role),  # one character apart, but not a confusable pair
        SurfaceStat(P, "官卫红", 1, frozenset({"管委会主任"})),
        SurfaceStat(P, "宫卫红", 4, frozenset()),  # confusable, but no shared role
        SurfaceStat(L, "宫庄村", 2),
        SurfaceStat(L, "官庄村", 3),  # places have no role evidence: never merged
    ]
    canonical = group_variants(stats)
    assert canonical == {(t, s): s for t, s in ((x.type, x.text) for x in stats)}


def test_grouping_picks_the_more_frequent_spelling() -> None:
    role = frozenset({"管委会主任"})
    stats = [SurfaceStat(P, "官卫红", 3, role), SurfaceStat(P, "宫卫红", 12, role)]
    assert group_variants(stats) == {(P, "官卫红"): "宫卫红", (P, "宫卫红"): "宫卫红"}


# ---- robustness -----------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("高新区宫卫红吕沛说对一行主任书记总经理有限公司街道村镇市省")
    + list("年月日晚上午11月2日，。、“”（）□ ")
    + ["\n", "\t", "𠀀", "A", "9"]
)


@settings(max_examples=200, deadline=None)
@given(
    title=st.one_of(st.none(), st.text(_ALPHABET, max_size=30)),
    paragraphs=st.lists(st.text(_ALPHABET, max_size=120), max_size=4),
    known=st.frozensets(st.text(_ALPHABET, min_size=0, max_size=4), max_size=4),
)
def test_random_text_never_crashes_and_offsets_hold(
    title: str | None, paragraphs: list[str], known: frozenset[str]
) -> None:
    art = article(*paragraphs, title=title)
    _check_offsets(art, recognise_article(art, known))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode(text: str) -> None:
    art = article(text, title=text)
    _check_offsets(art, recognise_article(art))
