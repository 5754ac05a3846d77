"""A second unseen issue (another district, other people and companies).

Written after the recogniser's rules were fixed; its first run found the three
misses this file guards: a name after a title followed by an ordinary word
(``书记张建国一边说``), a person named by what they are (``网格员黄丽娟``), and a
township whose name starts with a common word (``五里源乡``).
"""

from __future__ import annotations

from pathlib import Path

from reader.domain import EntityType
from reader.entities.recognise import recognise_issue
from reader.ingest import decode_bytes, parse_issue

ISSUE = Path(__file__).resolve().parents[1] / "fixtures" / "entities" / "heldout_issue_2.txt"

EXPECTED = {
    EntityType.PERSON: {"张建国", "赵立新", "周海涛", "黄丽娟"},
    EntityType.PLACE: {"李庄村", "山阳区", "修武县", "五里源乡", "南通街道", "高新区"},
    EntityType.ORGANIZATION: {
        "焦作市农业科学研究院",
        "焦作红辣椒农业专业合作社",
        "县农业农村局",
        "区发改委",
        "区住建局",
        "区自然资源局",
        "河南华宇新材料股份有限公司",
        "中原智能制造产业园",
    },
}


def _found() -> dict[EntityType, set[str]]:
    issue = parse_issue(decode_bytes(ISSUE.read_bytes()), ISSUE.name, fallback_year=2026)
    bylines = {
        name
        for article in issue.articles
        for name in (*article.byline.reporters, *article.byline.photographers)
    }
    found: dict[EntityType, set[str]] = {t: set() for t in EntityType}
    for article, mentions in zip(
        issue.articles, recognise_issue(issue, frozenset(bylines)), strict=True
    ):
        for mention in mentions:
            text = (
                (article.title or "")
                if mention.paragraph == -1
                else (article.paragraphs[mention.paragraph])
            )
            assert text[mention.start : mention.end] == mention.text
            found[mention.type].add(mention.text)
    return found


def test_every_entity_found_and_nothing_else() -> None:
    found = _found()
    for kind, names in EXPECTED.items():
        assert found[kind] == names, kind


def test_commentary_author_and_bylines() -> None:
    issue = parse_issue(decode_bytes(ISSUE.read_bytes()), ISSUE.name, fallback_year=2026)
    bylines = [a.byline for a in issue.articles]
    assert bylines[0].reporters == ("王晓燕",) and bylines[0].correspondents == ("刘德华",)
    assert bylines[2].photographers == ("李静",)
    assert bylines[3].authors == ("王磊",)
