"""Property: parsing loses and invents nothing, on issues composed at random from
realistic parts (headlines, datelines, paragraphs cut by column breaks, captions,
credits, author lines, boilerplate) mixed with random junk lines."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import ParseError
from reader.ingest import parse_issue, unaccounted
from reader.ingest.blocks import normalise_newlines

HAN = "高新区召开会议强调推进工作安全生产环境治理项目建设群众服务企业发展街道镇村社区大气污染防治"
NAMES = ["付凯明", "赵根志", "马雅宁", "刘丽玲", "张志鹏", "高亢", "欧阳明", "许观"]

han = st.text(alphabet=HAN, min_size=2, max_size=12)
name = st.sampled_from(NAMES)
separator = st.sampled_from(["\n", "\n\n", "\n\n\n\n", "\n \n", "\r\n\r\n", "\n\u3000\n", "\n\n\n"])


@st.composite
def sentence(draw: st.DrawFn) -> str:
    clauses = draw(st.lists(han, min_size=1, max_size=4))
    end = draw(st.sampled_from(["。", "！", "？", "。”", "……", "；"]))
    return "，".join(clauses) + end


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    text = "".join(draw(st.lists(sentence(), min_size=1, max_size=4)))
    if draw(st.booleans()):
        text = draw(st.sampled_from(["会议强调，", "据悉，", "今年以来，", "11月3日，"])) + text
    return text


@st.composite
def broken_paragraph(draw: st.DrawFn) -> str:
    """A paragraph cut by a column break: two blocks, the first unfinished."""
    text = draw(paragraph())
    cut = draw(st.integers(min_value=1, max_value=max(1, len(text) - 1)))
    return text[:cut] + draw(separator) + text[cut:]


@st.composite
def headline(draw: st.DrawFn) -> str:
    text = draw(han)
    shape = draw(st.sampled_from(["plain", "markdown", "couplet", "kicker", "dash"]))
    if shape == "markdown":
        return draw(st.sampled_from(["# ", "## ", "  ### "])) + text
    if shape == "couplet":
        return f"{draw(han)} {draw(han)} {text}{draw(han)}"
    if shape == "kicker":
        return draw(st.sampled_from(["阳庙镇", "东风街道"])) + draw(separator) + text
    if shape == "dash":
        return text + "\n——" + draw(han)
    return text


@st.composite
def dateline(draw: st.DrawFn) -> str:
    left, right = draw(st.sampled_from([("（", "）"), ("(", ")")]))
    people = f"记者{draw(name)}"
    if draw(st.booleans()):
        people += f"{draw(st.sampled_from([' ', '、']))}通讯员 {draw(name)}"
    return f"本报讯{left}{people}{right}{draw(paragraph())}"


@st.composite
def story(draw: st.DrawFn) -> str:
    parts = [draw(dateline())]
    parts += draw(st.lists(st.one_of(paragraph(), broken_paragraph()), max_size=3))
    if draw(st.booleans()):
        parts.insert(0, draw(headline()))
    return draw(separator).join(parts)


@st.composite
def caption(draw: st.DrawFn) -> str:
    text = f"{draw(st.integers(1, 12))}月{draw(st.integers(1, 31))}日，{draw(sentence())}"
    if draw(st.booleans()):
        text += draw(st.sampled_from(["\n", "\n\n"])) + f"本报记者 {draw(name)} 摄"
    return text


@st.composite
def commentary(draw: st.DrawFn) -> str:
    author = draw(name)
    if draw(st.booleans()) and len(author) == 2:
        author = " ".join(author)
    paragraphs = draw(st.lists(st.one_of(paragraph(), broken_paragraph()), min_size=1, max_size=3))
    return draw(separator).join([draw(headline()), f"□{author}", *paragraphs])


boilerplate = st.sampled_from(
    ["扫一扫\n关注我们", "高新区头条\n微信公众号", "微信公众账号", "某某日报"]
)
junk = st.text(
    alphabet=st.sampled_from(
        list(HAN + "#□（）()“”，。、：—·* 0123456789abcXYZ\u200b\ufeff\t摄讯")
    ),
    min_size=1,
    max_size=30,
).map(lambda t: t.replace("\n", ""))

part = st.one_of(story(), caption(), commentary(), headline(), boilerplate, junk, paragraph())


@st.composite
def issue_text(draw: st.DrawFn) -> str:
    parts = [draw(story()), *draw(st.lists(part, max_size=10))]
    parts = draw(st.permutations(parts))
    text = ""
    for piece in parts:
        text += piece + draw(separator)
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(issue_text())
def test_composed_issues_lose_nothing(text: str) -> None:
    issue = parse_issue(text, "generated.txt", fallback_year=2025)
    assert unaccounted(text, issue) == ({}, {})
    # Every article points back at real source lines and has something to show.
    lines = normalise_newlines(text).split("\n")
    for article in issue.articles:
        assert article.display_title
        assert article.source_lines
        for span in article.source_lines:
            assert 1 <= span.first <= span.last <= len(lines)
            assert lines[span.first - 1].strip() and lines[span.last - 1].strip()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_parses_or_fails_cleanly(text: str) -> None:
    try:
        issue = parse_issue(text, "random.txt", fallback_year=2025)
    except ParseError:
        return
    assert unaccounted(text, issue) == ({}, {})
