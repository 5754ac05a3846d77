"""The individual parsing rules, on small hand-made inputs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.domain import ArticleKind
from reader.errors import ParseError
from reader.ingest import explicit_year, parse_issue, unaccounted
from reader.ingest.blocks import split_lines, strip_heading_markup
from reader.ingest.bylines import author_names, credit_names, dateline_credits, split_dateline
from reader.ingest.classify import is_boilerplate, is_finished, is_headline_like
from reader.ingest.dates import first_date, lead_date, year_in_name
from reader.ingest.headlines import display_title, split_title
from reader.ingest.orphans import match_headlines, overlap


@pytest.mark.parametrize(
    ("line", "title", "subtitle"),
    [
        (
            "青春“篮”不住 “乒”出新风尚 高新区“奔跑吧·少年”篮球乒乓球联赛开赛",
            "青春“篮”不住 “乒”出新风尚",
            "高新区“奔跑吧·少年”篮球乒乓球联赛开赛",
        ),
        ("高新区：守护蓝天净土 共创绿色家园", "高新区：守护蓝天净土 共创绿色家园", None),
        ("项目加力 冲刺收官", "项目加力 冲刺收官", None),
        (
            "冬训正当时 汗水铸辉煌 全市青少年冬季体能训练营开营",
            "冬训正当时 汗水铸辉煌",
            "全市青少年冬季体能训练营开营",
        ),
        ("筑牢安全防线——河东区开展消防演练", "筑牢安全防线", "——河东区开展消防演练"),
        ("郑州—焦作城际铁路通车", "郑州—焦作城际铁路通车", None),
    ],
)
def test_split_title(line: str, title: str, subtitle: str | None) -> None:
    assert split_title(line) == (title, subtitle)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("高新区召开大气污染防治攻坚调度会", True),
        ("高新区召开乡镇(街道)敬老院改革工作推进会", True),
        ("河南省“新时代宣讲师”走进文苑街道", True),
        ("会议要求，各职能部门要靠前服务、主动对接，在项目的手续办", False),
        ("会上，文苑街道、区应急中心作表态发言。", False),
        ("会议强调：", False),
        ("11月7日 焦作某公司车间", False),
        ("——", False),
    ],
)
def test_headline_like(text: str, expected: bool) -> None:
    assert is_headline_like(text) is expected


@pytest.mark.parametrize(
    ("text", "finished"),
    [
        ("确保问题清仓见底。", True),
        ("确保交出“合格答卷”。”", True),
        ("他说：“要抓紧！”", True),
        ("截至目前……", True),
        ("全力推进。（完）", True),
        ("要认清空", False),
        ("亿元以上项目9个，", False),
        ("养殖户等点位、", False),
        ("为建设体育强区的“必修课”", False),
    ],
)
def test_is_finished(text: str, finished: bool) -> None:
    assert is_finished(text) is finished


def test_dateline_prefix_and_names() -> None:
    prefix, rest = split_dateline("本报讯（记者付凯明 通讯员赵岩）11月4日上午，市总工会…")  # type: ignore[misc]
    assert prefix == "本报讯（记者付凯明 通讯员赵岩）" and rest.startswith("11月4日上午")
    credits = dateline_credits(prefix)
    assert credits.reporters == ("付凯明",) and credits.correspondents == ("赵岩",)
    several = dateline_credits("本报讯(本报记者 张三 李四、王五 通讯员 赵六、钱七 实习生 孙八)")
    assert several.reporters == ("张三", "李四", "王五")
    assert several.correspondents == ("赵六", "钱七", "孙八")
    assert split_dateline("本报讯 今年以来，…") == ("本报讯", "今年以来，…")
    assert split_dateline("据本报讯，…") is None


def test_credit_and_author_lines() -> None:
    assert credit_names("本报记者 马雅宁 摄") == ("马雅宁",)
    assert credit_names("通讯员 孙立 王强 摄") == ("孙立", "王强")
    assert credit_names("图/本报记者 马雅宁") == ("马雅宁",)
    assert credit_names("高新区第三届微电影节开拍摄") is None
    assert author_names("□高亢") == ("高亢",)
    assert author_names("□高 亢") == ("高亢",)
    assert author_names("□本报评论员 欧阳明") == ("欧阳明",)
    assert author_names("□张三 李四") == ("张三", "李四")
    assert author_names("□高亢说，要抓落实。") is None


def test_boilerplate_only_when_it_stands_alone() -> None:
    assert is_boilerplate("扫一扫") and is_boilerplate("微信公众账号")
    assert not is_boilerplate("群众扫一扫二维码，即可查看办事流程。")
    text = "标题一\n\n本报讯（记者甲乙）11月1日，事情发生了。\n\n扫一扫\n关注我们\n\n某某区头条\n"
    issue = parse_issue(text, "t.txt", fallback_year=2025)
    assert issue.boilerplate == ("扫一扫", "关注我们", "某某区头条")


def test_paper_name_in_body_is_not_boilerplate() -> None:
    text = "某某日报\n\n标题一\n\n本报讯（记者甲乙）11月1日，事情发生了。\n\n晚报\n"
    issue = parse_issue(text, "t.txt", fallback_year=2025)
    assert issue.boilerplate == ("某某日报",)  # a masthead on the first line
    assert "晚报" in issue.unplaced  # too short to be a name; an orphan headline


def test_markdown_heading_markup() -> None:
    assert strip_heading_markup("## 标题") == (" 标题", True)
    assert strip_heading_markup("#话题# 正文") == ("#话题# 正文", False)
    assert strip_heading_markup("####### 七个") == ("####### 七个", False)
    lines, blank = split_lines("# 标题\n \n\u3000\n正文。")
    assert [(line.number, line.text, line.heading) for line in lines] == [
        (1, "标题", True),
        (4, "正文。", False),
    ]
    assert blank == {2, 3}


def test_explicit_year() -> None:
    assert explicit_year("2025年高新区共承担8项民生实事") == 2025
    assert explicit_year("表彰2021—2024年度全国群众体育先进单位") is None
    assert explicit_year("2021-2024年") is None
    assert explicit_year("2021年至今") is None
    assert explicit_year("到2027年，全面建成") is None
    assert explicit_year("截至2025年底") == 2025
    assert explicit_year("2024年同期相比，2025年增长") == 2025
    assert explicit_year("2025年11月3日，2035年远景目标") == 2025
    assert explicit_year("编号12025年") is None


def test_dates() -> None:
    assert first_date("11月2日，高新区召开会议。", 2025) == dt.date(2025, 11, 2)
    assert first_date("12月23日晚，吕沛深入企业。", 2025) == dt.date(2025, 12, 23)
    assert first_date("为深入贯彻精神，11月5日下午，高新区…。", 2025) == dt.date(2025, 11, 5)
    assert first_date("今年以来，高新区…。将于12月30日前完成。", 2025) is None
    assert first_date("11月2日，会议召开。", None) is None
    assert first_date("2月30日，无此日。", 2025) is None
    assert lead_date("11月22日上午，工人作业。", 2024) == dt.date(2024, 11, 22)
    assert lead_date("在11月22日，工人作业。", 2024) is None


def test_display_title() -> None:
    assert (
        display_title(["11月7日，焦作某公司的工人正赶制产品。该公司…"])
        == "焦作某公司的工人正赶制产品"
    )
    assert (
        display_title(["今年以来，某镇着力破除陈规陋习，培育文明新风。"]) == "某镇着力破除陈规陋习"
    )
    long = display_title(["12月23日晚，" + "很长的句子" * 10 + "，后面。"])
    assert len(long) == 30 and long.endswith("…")
    assert display_title([]) == "（无标题）"


def test_orphan_matching_needs_content_and_margin() -> None:
    stories = ["11月3日下午，高新区秋冬季安全生产会议召开，进一步推进安全生产治本攻坚。"]
    assert overlap("高新区召开秋冬季安全生产会议", stories[0]) > 0.8
    assert match_headlines(stories, [0], ["高新区召开秋冬季安全生产会议"]) == {0: 0}
    assert match_headlines(stories, [0], ["高新区召开审计整改工作联席会"]) == {}
    # A headline that two stories match about equally well goes to neither; a titled
    # story counts as a rival too.
    twins = [stories[0], "11月4日，高新区秋冬季安全生产会议召开，部署安全生产。"]
    assert match_headlines(twins, [0, 1], ["高新区召开秋冬季安全生产会议"]) == {}
    assert match_headlines(twins, [0], ["高新区召开秋冬季安全生产会议"]) == {}


def test_kicker_and_two_line_headlines() -> None:
    body = "\n\n本报讯（记者甲乙）11月1日，事情发生了。\n"
    kicker = parse_issue("阳庙镇\n\n移风易俗涵养文明乡风" + body, "t", fallback_year=2025)
    assert (kicker.articles[0].kicker, kicker.articles[0].title) == (
        "阳庙镇",
        "移风易俗涵养文明乡风",
    )
    sub = parse_issue("移风易俗涵养文明乡风\n阳庙镇破除陈规" + body, "t", fallback_year=2025)
    assert (sub.articles[0].title, sub.articles[0].subtitle) == (
        "移风易俗涵养文明乡风",
        "阳庙镇破除陈规",
    )
    # A long line in its own block above another headline is a headline of its own.
    apart = parse_issue("某区召开冬季安全生产工作会议\n\n移风易俗涵养文明乡风" + body, "t")
    assert apart.articles[0].kicker is None
    assert apart.unplaced == ("某区召开冬季安全生产工作会议",)


def test_column_break_not_repaired_across_a_new_start() -> None:
    text = (
        "标题一\n\n本报讯（记者甲乙）11月1日，会议要求持续开展水环境风\n\n\n\n"
        "11月7日，工人正赶制产品。\n本报记者 马雅宁 摄\n\n"
        "标题二\n\n本报讯（记者丙丁）11月2日，又一件事。"
    )
    issue = parse_issue(text, "t", fallback_year=2025)
    assert issue.articles[0].paragraphs == ("11月1日，会议要求持续开展水环境风",)
    assert [a.kind for a in issue.articles] == [
        ArticleKind.NEWS,
        ArticleKind.PHOTO,
        ArticleKind.NEWS,
    ]


def test_headline_looking_fragment_of_a_broken_paragraph() -> None:
    text = (
        "标题一\n\n本报讯（记者甲乙）11月1日，会议要求各部门认清"
        "\n\n空气质量综合指数\n\n持续改善的事实。"
    )
    issue = parse_issue(text, "t", fallback_year=2025)
    assert len(issue.articles) == 1
    assert issue.articles[0].paragraphs == (
        "11月1日，会议要求各部门认清空气质量综合指数持续改善的事实。",
    )


def test_caption_signals() -> None:
    story = "标题一\n\n本报讯（记者甲乙）11月1日，事情发生了。\n\n"
    # A date lead alone inside a story is a paragraph …
    inside = parse_issue(
        story + "11月2日，事情又有进展。\n\n标题二\n\n本报讯（记者丙丁）11月3日，另一件事。", "t"
    )
    assert [a.kind for a in inside.articles] == [ArticleKind.NEWS, ArticleKind.NEWS]
    # … after a layout break, standing alone, a caption; a credit after a layout break
    # makes a caption even without a date lead.
    alone = parse_issue(
        story
        + "\n\n11月2日，芦苇荡迎来观赏季。\n\n标题二\n\n本报讯（记者丙丁）11月3日，另一件事。",
        "t",
    )
    assert [a.kind for a in alone.articles][1] is ArticleKind.PHOTO
    credited = parse_issue(story + "\n\n工人正在车间赶制产品。\n本报记者 马雅宁 摄", "t")
    assert credited.articles[1].kind is ArticleKind.PHOTO
    assert credited.articles[1].byline.photographers == ("马雅宁",)


def test_year_fallbacks() -> None:
    text = "标题一\n\n本报讯（记者甲乙）11月1日，事情发生了。"
    assert parse_issue(text, "t").articles[0].date is None
    # The file's time: the latest year that does not put the issue after the file.
    by_file = parse_issue(text, "t", file_date=dt.date(2023, 12, 5))
    assert (by_file.year, by_file.year_source, by_file.date) == (
        2023,
        "file-time",
        dt.date(2023, 11, 1),
    )
    before = parse_issue(text, "t", file_date=dt.date(2024, 10, 30))
    assert (before.year, before.date) == (2023, dt.date(2023, 11, 1))
    by_archive = parse_issue(text, "t", fallback_year=2025, file_date=dt.date(2023, 12, 5))
    assert (by_archive.year, by_archive.year_source) == (2025, "archive")
    known = parse_issue(text, "t", known_year=(2019, "folder"), fallback_year=2025)
    assert (known.year, known.year_source) == (2019, "folder")
    named = parse_issue(text, "2021-11-01.txt", known_year=(2019, "folder"))
    assert (named.year, named.year_source) == (2021, "name")
    explicit = parse_issue(text + "2024年全年", "2021-11-01.txt", fallback_year=2025)
    assert (explicit.year, explicit.year_source) == (2024, "explicit")


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("2025-11-07.txt", 2025),
        ("20251107.txt", 2025),
        ("高新区头条2025年第45期.txt", 2025),
        ("issue2025-11.txt", 2025),
        ("paper_1998_03.txt", 1998),
        ("2025", 2025),
        ("000_efb736165eb1d41a.txt", None),
        ("a2019b.txt", None),
        ("第2025期.txt", None),
        ("12345678.txt", None),
        ("1234.txt", None),
    ],
)
def test_year_in_a_file_name(name: str, year: int | None) -> None:
    assert year_in_name(name) == year


def test_no_article_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="no article"):
        parse_issue("扫一扫\n关注我们\n\n* * *\n", "t.txt")


def test_zero_width_and_bom_characters_vanish_like_whitespace() -> None:
    text = "\ufeff标题\u200b一\n\n本报讯（记者甲乙）11月1日，事情发生了。"
    issue = parse_issue(text, "t", fallback_year=2025)
    assert issue.articles[0].title == "标题一"
    assert unaccounted(text, issue) == ({}, {})


def test_several_headline_looking_pieces_and_lone_punctuation_continue_a_paragraph() -> None:
    text = (
        "标题一\n\n本报讯（记者甲乙）11月1日，会议要求坚决遏制打"
        "\n\n击烟花\n\n爆竹非法生产、储存\n\n、销售等行为\n\n。\n\n"
        "标题二\n\n本报讯（记者丙丁）11月2日，又一件事。"
    )
    issue = parse_issue(text, "t", fallback_year=2025)
    assert [a.title for a in issue.articles] == ["标题一", "标题二"]
    assert issue.articles[0].paragraphs == (
        "11月1日，会议要求坚决遏制打击烟花爆竹非法生产、储存、销售等行为。",
    )
    assert issue.unplaced == ()


def test_caption_cut_by_column_breaks_is_one_caption() -> None:
    text = (
        "标题一\n\n本报讯（记者甲乙）11月1日，事情发生了。\n\n\n\n"
        "11月7日，工人正赶制\n\n产品\n\n。\n本报记者 马雅宁 摄\n\n"
        "标题二\n\n本报讯（记者丙丁）11月2日，又一件事。"
    )
    issue = parse_issue(text, "t", fallback_year=2025)
    photo = issue.articles[1]
    assert photo.kind is ArticleKind.PHOTO
    assert photo.paragraphs == ("11月7日，工人正赶制产品。",)
    assert photo.byline.photographers == ("马雅宁",)


def test_displaced_headline_above_another_story_goes_to_the_story_it_names() -> None:
    text = (
        "本报讯（记者甲乙）11月3日下午，高新区秋冬季安全生产会议召开，部署安全生产工作。\n\n"
        "高新区召开秋冬季安全生产会议\n\n"
        "本报讯（记者丙丁）11月5日，文苑街道滨溪社区举办养老服务专题宣讲。"
    )
    issue = parse_issue(text, "t", fallback_year=2025)
    assert [a.title for a in issue.articles] == ["高新区召开秋冬季安全生产会议", None]


def _every_pair_scored(
    stories: list[str], claimants: list[int], headlines: list[str]
) -> dict[int, int]:
    """The matcher as first written: every headline scored against every story."""
    from reader.ingest.orphans import MATCH_MARGIN, MATCH_THRESHOLD

    candidates = []
    for h, headline in enumerate(headlines):
        scores = [overlap(headline, story) for story in stories]
        column = sorted(((score, s) for s, score in enumerate(scores)), reverse=True)
        for s in claimants:
            if scores[s] < MATCH_THRESHOLD:
                continue
            rival = next((score for score, o in column if o != s), 0.0)
            if scores[s] - rival >= MATCH_MARGIN:
                candidates.append((scores[s], s, h))
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    pairs: dict[int, int] = {}
    for _, s, h in candidates:
        if s not in pairs and h not in pairs.values():
            pairs[s] = h
    return pairs


_WORDS = ["高新区", "召开", "安全生产", "会议", "秋冬季", "审计", "整改", "联席会", "推进", "，"]


@given(
    st.lists(st.lists(st.sampled_from(_WORDS), max_size=12).map("".join), min_size=1, max_size=8),
    st.lists(st.lists(st.sampled_from(_WORDS), max_size=5).map("".join), max_size=6),
    st.data(),
)
@settings(max_examples=300, deadline=None)
def test_orphan_matching_scores_rivals_only_where_it_matters(
    stories: list[str], headlines: list[str], data: st.DataObject
) -> None:
    claimants = sorted(data.draw(st.sets(st.integers(0, len(stories) - 1))))
    assert match_headlines(stories, claimants, headlines) == _every_pair_scored(
        stories, claimants, headlines
    )
