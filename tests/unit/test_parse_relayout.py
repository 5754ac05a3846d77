"""A re-laid-out issue composed for the tests: other places, people and stories, other
column breaks, a headline printed after its story, a story with no headline anywhere,
a photo set into the middle of a story. The rules must hold without the seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.domain import ArticleKind, LineSpan, ParsedIssue
from reader.ingest import decode_bytes, parse_issue, unaccounted

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "relaid_issue.txt"


@pytest.fixture(scope="module")
def text() -> str:
    return decode_bytes(FIXTURE.read_bytes(), FIXTURE.name)


@pytest.fixture(scope="module")
def issue(text: str) -> ParsedIssue:
    return parse_issue(text, FIXTURE.name)


def test_structure(issue: ParsedIssue) -> None:
    assert [(a.kind, a.title) for a in issue.articles] == [
        (ArticleKind.NEWS, "河东区开展冬季消防安全大排查"),
        (ArticleKind.PHOTO, None),
        (ArticleKind.NEWS, "河东区12个重点项目集中开工"),
        (ArticleKind.PHOTO, None),
        (ArticleKind.NEWS, "老旧小区改造惠及三千户居民"),
        (ArticleKind.COMMENTARY, "冬日里的暖心答卷"),
        (ArticleKind.NEWS, None),
        (ArticleKind.NEWS, "河东区部署农村供水保障工作"),
    ]


def test_year_and_dates(issue: ParsedIssue) -> None:
    # 2026年 is explicit; the range 2021-2025年度 is not a current-year mention.
    assert (issue.year, issue.year_source) == (2026, "explicit")
    assert [a.date for a in issue.articles] == [
        dt.date(2026, 1, 8),
        dt.date(2026, 1, 10),
        dt.date(2026, 1, 9),
        dt.date(2026, 1, 9),
        None,
        None,
        dt.date(2026, 1, 7),
        dt.date(2026, 1, 9),
    ]
    assert issue.date == dt.date(2026, 1, 10)


def test_subtitle_line_and_half_width_dateline(issue: ParsedIssue) -> None:
    fire = issue.articles[0]
    assert fire.subtitle == "——三百余名网格员走街入户"
    assert fire.byline_lines == ("本报讯(记者 李春华、王明 实习生 赵小雨)",)
    assert fire.byline.reporters == ("李春华", "王明")
    assert fire.byline.correspondents == ("赵小雨",)
    assert fire.paragraphs[1].startswith("会议强调") and "依法处理。" in fire.paragraphs[1]


def test_credit_in_next_block_and_photo_inside_a_story(issue: ParsedIssue) -> None:
    assert issue.articles[1].byline.photographers == ("孙立",)
    projects, photo = issue.articles[2], issue.articles[3]
    assert photo.byline.photographers == ("张一鸣",)
    # The story cut by the photo carries on after it, joined across the break.
    assert projects.paragraphs[-1].startswith("据了解")
    assert "亿元以上项目9个，签约当年开工项目7个。" in projects.paragraphs[-1]
    assert projects.source_lines == (LineSpan(16, 20), LineSpan(27, 27))


def test_kicker_commentary_and_boilerplate(issue: ParsedIssue) -> None:
    street = issue.articles[4]
    assert street.kicker == "东风街道" and street.byline.correspondents == ("刘洋",)
    comment = issue.articles[5]
    assert comment.byline.authors == ("周文",) and comment.byline_lines == ("□周 文",)
    assert len(comment.paragraphs) == 1  # column break repaired
    assert issue.boilerplate == ("长按识别二维码", "关注我们", "河东晚报")
    assert issue.unplaced == ("* * *",)


def test_orphan_headline_goes_by_content_not_position(issue: ParsedIssue) -> None:
    # The headline printed after the water story is claimed by it, not by the untitled
    # exhibition story printed just before; that one stays untitled.
    exhibition, water = issue.articles[6], issue.articles[7]
    assert exhibition.title is None
    assert exhibition.display_title == "河东区文化馆举办迎新年书画展"
    assert water.title == "河东区部署农村供水保障工作"
    assert water.source_lines == (LineSpan(48, 52),)


def test_orphan_headline_printed_before_the_untitled_story(text: str) -> None:
    # Move the orphan headline to the top of the issue: the same story claims it.
    orphan = "河东区部署农村供水保障工作"
    moved = orphan + "\n\n" + text.replace(orphan + "\n", "")
    issue = parse_issue(moved, "moved.txt")
    titled = {a.title: a for a in issue.articles}
    # At the top it is read as the fire story's kicker only if short; it is not.
    assert orphan in titled
    assert titled[orphan].paragraphs[0].startswith("1月9日，河东区召开农村供水保障工作会议")


def test_nothing_lost(text: str, issue: ParsedIssue) -> None:
    assert unaccounted(text, issue) == ({}, {})
