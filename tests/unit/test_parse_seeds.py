"""The five seed issues parse into the expected articles (titles, kinds, bylines, dates,
repaired joins), and every visible source character is accounted for."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from reader.domain import ArticleKind, ParsedIssue
from reader.ingest import (
    accounted_characters,
    decode_bytes,
    explicit_year,
    parse_issue,
    source_characters,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
ARCHIVE_YEAR = 2025
NEWS, PHOTO, COMMENTARY = ArticleKind.NEWS, ArticleKind.PHOTO, ArticleKind.COMMENTARY


def _parse(index: int) -> tuple[str, ParsedIssue]:
    path = SEED_FILES[index]
    text = decode_bytes(path.read_bytes(), path.name)
    return text, parse_issue(text, path.name, fallback_year=ARCHIVE_YEAR)


@pytest.fixture(scope="module")
def issues() -> list[ParsedIssue]:
    return [_parse(i)[1] for i in range(len(SEED_FILES))]


def d(month: int, day: int) -> dt.date:
    return dt.date(ARCHIVE_YEAR, month, day)


def test_five_seeds_give_34_articles(issues: list[ParsedIssue]) -> None:
    assert len(SEED_FILES) == 5
    assert [len(issue.articles) for issue in issues] == [7, 7, 7, 6, 7]


# (title, kind, date) per article, in reading order.
EXPECTED: list[list[tuple[str | None, ArticleKind, dt.date | None]]] = [
    [
        ("高新区召开大气污染防治攻坚调度会", NEWS, d(11, 2)),
        ("市总工会领导到高新区调研职工文体活动中心建设工作", NEWS, d(11, 4)),
        ("青春“篮”不住 “乒”出新风尚", NEWS, d(11, 3)),
        ("高新区召开生态环境保护工作推进会", NEWS, d(11, 3)),
        (None, PHOTO, d(11, 7)),
        ("高新区召开秋冬季安全生产会议", NEWS, d(11, 3)),
        ("河南省“新时代宣讲师”走进文苑街道", NEWS, d(11, 5)),
    ],
    [
        ("高新区召开大气污染防治攻坚工作推进会", NEWS, d(12, 23)),
        ("高新区召开安全稳定工作会议", NEWS, d(12, 22)),
        ("阳庙镇立足墒情苗情开展麦田管理", NEWS, None),
        ("高新区召开乡镇(街道)敬老院改革工作推进会", NEWS, d(12, 24)),
        (None, PHOTO, d(12, 27)),
        (None, NEWS, d(12, 23)),
        ("高新区召开审计整改工作联席会", NEWS, d(12, 24)),
    ],
    [
        ("高新区召开大气污染防治攻坚调度会", NEWS, d(11, 23)),
        ("高新区领导督导检查消防安全工作", NEWS, d(11, 29)),
        ("高新区重点民生实事提前“交卷”", NEWS, d(11, 25)),
        ("高新区召开金沙社区项目建设推进会", NEWS, d(11, 28)),
        (None, PHOTO, d(11, 29)),
        ("高新区领导与申万宏源证券公司客人座谈", NEWS, d(11, 25)),
        ("为幸福生活“加码”", COMMENTARY, None),
    ],
    [
        ("高新区：守护蓝天净土 共创绿色家园", NEWS, None),
        ("高新区召开领导班子会议", NEWS, d(12, 1)),
        ("高新区召开大气污染防治攻坚调度会", NEWS, d(11, 30)),
        ("高新区召开秋冬季大气污染防治攻坚工作推进会", NEWS, d(12, 3)),
        ("高新区召开重点招商引资项目推进会议", NEWS, d(12, 6)),
        ("高新区举行腾云数字经济产业园与青网科技公司项目签约仪式", NEWS, d(12, 5)),
    ],
    [
        ("高新区召开大气污染防治攻坚调度会", NEWS, d(11, 16)),
        ("高新区打造高效基层治理队伍", NEWS, None),
        (None, PHOTO, d(11, 22)),
        ("项目加力 冲刺收官", COMMENTARY, None),
        ("高新区教体中心获评全国群众体育先进单位", NEWS, d(11, 19)),
        ("市委统战部党外干部培训班学员走进高新区", NEWS, d(11, 21)),
        ("移风易俗涵养文明乡风", NEWS, None),
    ],
]


@pytest.mark.parametrize("index", range(5))
def test_titles_kinds_and_dates(issues: list[ParsedIssue], index: int) -> None:
    got = [(a.title, a.kind, a.date) for a in issues[index].articles]
    assert got == EXPECTED[index]


def test_issue_dates(issues: list[ParsedIssue]) -> None:
    assert [issue.date for issue in issues] == [d(11, 7), d(12, 27), d(11, 29), d(12, 6), d(11, 22)]


def test_year_sources(issues: list[ParsedIssue]) -> None:
    # 000, 002, 003 say 2025年; 004 only has the range 2021—2024年度, 001 no year at all.
    assert [issue.year_source for issue in issues] == [
        "explicit",
        "archive",
        "explicit",
        "explicit",
        "archive",
    ]
    assert {issue.year for issue in issues} == {ARCHIVE_YEAR}


def test_explicit_year_ignores_ranges() -> None:
    texts = [_parse(i)[0] for i in range(5)]
    assert [explicit_year(t) for t in texts] == [2025, None, 2025, 2025, None]


def test_nothing_lost_on_seeds() -> None:
    for index in range(5):
        text, issue = _parse(index)
        assert accounted_characters(issue) == source_characters(text), SEED_FILES[index].name


def test_seed_000(issues: list[ParsedIssue]) -> None:
    issue = issues[0]
    first, union, sports, ecology, photo, safety, _ = issue.articles
    assert first.byline.reporters == ("赵根志",)
    assert first.byline_lines == ("本报讯（记者赵根志）",)
    assert first.paragraphs[0].startswith("11月2日，高新区召开大气污染防治攻坚调度会")
    assert union.byline.reporters == ("付凯明",)
    assert union.byline.correspondents == ("赵岩",)
    assert sports.subtitle == "高新区“奔跑吧·少年”篮球乒乓球联赛开赛"
    assert ecology.paragraphs[-1].endswith("持续开展水环境风")  # continuation lost in the source
    assert "焦作亿腾科技有限公司" in photo.paragraphs[0]
    assert photo.byline.photographers == ("马雅宁",)
    assert photo.byline_lines == ("本报记者 马雅宁 摄",)
    assert photo.display_title == "焦作亿腾科技有限公司的工人正赶制双曲工艺产品"
    # The untitled story at line 32 claims the headline printed at line 46.
    assert [(s.first, s.last) for s in safety.source_lines] == [(32, 36), (46, 46)]
    assert issue.boilerplate == ("扫一扫", "关注我们", "高新区头条", "微信公众号")
    assert issue.unplaced == ()


def test_seed_001(issues: list[ParsedIssue]) -> None:
    issue = issues[1]
    _, safety, wheat, _, photo, untitled, audit = issue.articles
    assert any("强化城中村消防安全治理" in p for p in safety.paragraphs)
    assert wheat.byline.correspondents == ("刘丽玲",)
    assert any("确保做到责任到田。" in p for p in wheat.paragraphs)
    assert "焦作科瑞森重装股份有限公司" in photo.paragraphs[0]
    assert photo.byline.photographers == ("马雅宁",)  # credit in the next block
    assert untitled.title is None and untitled.kind is NEWS
    assert untitled.display_title.startswith("市政协副主席")
    assert len(untitled.display_title) <= 30
    assert audit.byline.correspondents == ("陈昱润",)
    assert any("压实整改链条责任。" in p for p in audit.paragraphs)
    assert issue.boilerplate[-1] == "微信公众账号"


def test_seed_002(issues: list[ParsedIssue]) -> None:
    issue = issues[2]
    first, fire, _, _, photo, meeting, comment = issue.articles
    assert "要认清空气质量综合指数持续改善" in first.paragraphs[0]
    assert "紧盯工地扬尘" in first.paragraphs[0]  # chained joins
    assert len(first.paragraphs) == 1
    assert fire.byline.reporters == ("赵根志",)
    assert photo.byline == photo.byline.__class__()  # a caption without a credit
    assert "大沙河" in photo.paragraphs[0] and "芦苇荡" in photo.paragraphs[0]
    assert meeting.byline.photographers == ("马雅宁",)  # credit printed under the orphan
    assert meeting.byline_lines == ("本报讯（记者付凯明）", "本报记者 马雅宁 摄")
    assert comment.byline.authors == ("高亢",)
    assert comment.byline_lines == ("□高 亢",)
    assert any("不断增进民生福祉，" in p for p in comment.paragraphs)
    assert issue.boilerplate == () and issue.unplaced == ()


def test_seed_003(issues: list[ParsedIssue]) -> None:
    articles = issues[3].articles
    assert articles[0].subtitle is None
    assert any("要聚焦冬季污染特点" in p for p in articles[3].paragraphs)
    investment = articles[4]
    assert any("在项目的手续办理、要素保障等环节" in p for p in investment.paragraphs)
    assert investment.byline.reporters == ("赵根志",)


def test_seed_004(issues: list[ParsedIssue]) -> None:
    articles = issues[4].articles
    assert articles[1].byline.reporters == ("朱晓琳",)
    assert articles[1].byline.correspondents == ("谢文静",)
    assert "焦作天宝桓祥机械科技有限公司" in articles[2].paragraphs[0]
    assert articles[2].byline.photographers == ("马雅宁",)
    commentary = articles[3]
    assert commentary.subtitle is None and commentary.byline.authors == ("高亢",)
    assert any("开展校地技术合作" in p for p in commentary.paragraphs)
    assert articles[5].byline.correspondents == ("许观",)
    custom = articles[6]
    assert custom.kicker == "阳庙镇" and custom.byline.correspondents == ("张志鹏",)


def test_markdown_markup_is_the_only_text_removed() -> None:
    text, issue = _parse(2)
    raw = Counter(ch for ch in text if not ch.isspace())
    kept = accounted_characters(issue)
    assert raw - kept == {"#": text.count("#")}
    assert not any("#" in a.title for a in issue.articles if a.title)
