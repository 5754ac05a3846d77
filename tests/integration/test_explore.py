"""Exploring the archive (issue 15): entity timelines, co-occurrence, related
articles, the commands' output, and the v5 → v6 upgrade."""

from __future__ import annotations

import json
import random
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.cli import main
from reader.domain import EntityType, SearchRequest
from reader.paths import BUNDLED_SEEDS_DIR
from reader.store.migrations import SCHEMA_VERSION


def _entity_sets(db: Path | str) -> dict[tuple[str, str], set[int]]:
    service = open_service(db)
    try:
        return {
            (e.type.value, e.canonical): {
                a.id for a in service.articles_with_entity(e.canonical, e.type)
            }
            for e in service.entities()
        }
    finally:
        service.close()


def test_cooccurrence_equals_a_brute_force_count(seeded_archive: str) -> None:
    sets = _entity_sets(seeded_archive)
    service = open_service(seeded_archive)
    try:
        for (kind, name), anchor in list(sets.items())[:25]:
            if kind == EntityType.DATE.value:
                continue
            got = service.cooccurring(name, EntityType(kind), limit=1000)
            expected = sorted(
                (
                    (len(anchor & others), other_name, other_kind)
                    for (other_kind, other_name), others in sets.items()
                    if other_kind != EntityType.DATE.value
                    and (other_kind, other_name) != (kind, name)
                    and anchor & others
                ),
                key=lambda item: (-item[0], item[1], item[2]),
            )
            assert [(c.articles, c.canonical, c.type.value) for c in got] == expected
            counts = [c.articles for c in got]
            assert counts == sorted(counts, reverse=True)
    finally:
        service.close()


def test_entity_timeline_counts_its_articles_and_an_alias_is_its_entity(
    seeded_archive: str,
) -> None:
    service = open_service(seeded_archive)
    try:
        articles = service.articles_with_entity("宫卫红", EntityType.PERSON)
        expected = Counter(f"{a.issue_date:%Y-%m}" for a in articles if a.issue_date)
        timeline = service.entity_timeline("宫卫红", EntityType.PERSON)
        assert {b.period: b.articles for b in timeline.buckets if b.articles} == dict(expected)
        assert timeline.query == "宫卫红"
        alias = service.entity_timeline("官卫红")
        assert [b.articles for b in alias.buckets] == [b.articles for b in timeline.buckets]
    finally:
        service.close()


MEETING_BODY = [
    "会议传达学习了上级关于安全生产工作的部署要求，通报了近期安全生产检查发现的问题。",
    "会议强调，各部门要牢固树立安全发展理念，压紧压实安全生产责任，坚决守牢安全底线。",
    "要深入开展隐患排查整治，对重点行业领域开展拉网式检查，做到问题清单化、整改闭环化。",
    "要加强应急值守，完善应急预案，确保一旦发生突发情况能够快速响应、妥善处置。",
]


def _meeting(number: int, month: int, rng: random.Random, lines: list[str]) -> str:
    body = list(MEETING_BODY)
    body[rng.randrange(len(body))] = rng.choice(lines)  # one paragraph differs each time
    lead = (
        f"本报讯（记者赵根志）{month}月{number}日，高新区召开第{number}次安全生产工作例会，"
        f"听取第{number}周安全生产情况汇报，研究部署下一阶段工作。"
    )
    return "\n\n".join([f"高新区召开第{number}次安全生产工作例会", lead, *body])


def _other(rng: random.Random, lines: list[str], month: int) -> str:
    title = rng.choice(lines)[:18]
    body = [rng.choice(lines) for _ in range(rng.randint(2, 4))]
    lead = f"本报讯（记者付凯明）{month}月3日，" + body[0]
    return "\n\n".join([title, lead, *body[1:]])


def test_recurring_report_lists_its_other_instances_first(tmp_path: Path) -> None:
    rng = random.Random(15)
    lines = [
        line.strip()
        for path in sorted(BUNDLED_SEEDS_DIR.glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
        if len(line.strip()) > 30
    ]
    folder = tmp_path / "issues"
    folder.mkdir()
    for number in range(1, 7):
        month = number + 2
        articles = [_other(rng, lines, month) for _ in range(4)]
        articles.insert(rng.randrange(5), _meeting(number, month, rng, lines))
        opening = f"2025年{month}月{number}日，本期导读。"
        text = "\n\n\n".join(["", opening + "\n\n" + articles[0], *articles[1:]]) + "\n"
        (folder / f"2025-{month:02d}-{number:02d}.txt").write_text(text, "utf-8")
    db = tmp_path / "archive.sqlite3"
    service = open_service(db)
    try:
        for _ in service.index_paths([folder]):
            pass
        meetings = [
            hit.article.id
            for hit in service.search(SearchRequest('"安全生产工作例会"', limit=None)).hits
            if "例会" in hit.article.display_title
        ]
        assert len(meetings) == 6
        for article_id in meetings:
            related = service.related(article_id, limit=10)
            ids = [r.id for r in related]
            assert article_id not in ids
            assert set(ids[:5]) == set(meetings) - {article_id}, related
            scores = [r.score for r in related]
            assert scores == sorted(scores, reverse=True)
            assert all(0.0 <= s <= 1.0 for s in scores)
            assert not any(r.near_duplicate for r in related[:5])
    finally:
        service.close()


def test_a_reprint_is_a_near_duplicate_and_removal_is_incremental(tmp_path: Path) -> None:
    story = (
        BUNDLED_SEEDS_DIR / sorted(p.name for p in BUNDLED_SEEDS_DIR.glob("*.txt"))[0]
    ).read_text("utf-8")
    folder = tmp_path / "issues"
    folder.mkdir()
    (folder / "2025-11-07.txt").write_text(story, "utf-8")
    reprint = story.replace(
        "高新区召开大气污染防治攻坚调度会", "高新区召开大气污染防治攻坚调度会议", 1
    )
    other = folder / "2026-01-09.txt"
    other.write_text(reprint.replace("11月", "1月"), "utf-8")
    db = tmp_path / "archive.sqlite3"
    service = open_service(db)
    try:
        for _ in service.index_paths([folder]):
            pass
        first = service.search(SearchRequest("大气污染防治攻坚调度会", limit=None)).hits
        ids = sorted(hit.article.id for hit in first)
        related = service.related(ids[0], limit=3)
        assert related and related[0].near_duplicate and related[0].score >= 0.8
        assert related[0].id not in ids[:1]
        other.unlink()
        for _ in service.index_paths([folder]):
            pass
        left = {a for a in service.all_article_ids()}
        assert all(r.id in left for r in service.related(ids[0], limit=50))
    finally:
        service.close()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_timeline_command_json_and_csv(
    seeded_archive: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "timeline", "会议", "--json", "--db", seeded_archive)
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"query", "by", "buckets"}
    assert data["query"] == "会议" and data["by"] == "month"
    assert all(set(b) == {"period", "articles", "total"} for b in data["buckets"])
    periods = [b["period"] for b in data["buckets"]]
    assert periods == sorted(periods) and all(len(p) == 7 for p in periods)
    service = open_service(seeded_archive)
    try:
        hits = service.search(SearchRequest("会议", limit=None)).hits
    finally:
        service.close()
    expected = Counter(f"{h.article.issue_date:%Y-%m}" for h in hits if h.article.issue_date)
    assert {b["period"]: b["articles"] for b in data["buckets"] if b["articles"]} == dict(expected)
    code, out, _ = _run(capsys, "timeline", "会议", "--csv", "--by", "year", "--db", seeded_archive)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "period,articles,total"
    assert all(len(line.split(",")) == 3 and len(line.split(",")[0]) == 4 for line in lines[1:])
    code, out, _ = _run(capsys, "timeline", "--entity", "宫卫红", "--json", "--db", seeded_archive)
    assert code == 0 and json.loads(out)["query"] == "宫卫红"
    code, out, _ = _run(capsys, "timeline", "会议", "--db", seeded_archive)
    assert code == 0 and "█" in out
    code, _, err = _run(capsys, "timeline", '"', "--db", seeded_archive)
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_entities_cooccurring_and_related_commands(
    seeded_archive: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capsys, "entities", "宫卫红", "--cooccurring", "--json", "--db", seeded_archive
    )
    assert code == 0
    data = json.loads(out)
    assert data and all(set(item) == {"canonical", "type", "articles"} for item in data)
    assert "宫卫红" not in {item["canonical"] for item in data}
    assert "date" not in {item["type"] for item in data}
    code, out, _ = _run(capsys, "entities", "--json", "--limit", "2", "--db", seeded_archive)
    assert code == 0
    assert set(json.loads(out)[0]) == {"canonical", "type", "aliases", "articles", "mentions"}
    code, out, _ = _run(capsys, "related", "1", "--json", "--limit", "4", "--db", seeded_archive)
    assert code == 0
    related = json.loads(out)
    assert len(related) <= 4
    assert all({"id", "title", "date", "score"} <= set(item) for item in related)
    assert 1 not in {item["id"] for item in related}
    scores = [item["score"] for item in related]
    assert scores == sorted(scores, reverse=True)
    code, _, err = _run(capsys, "related", "99999", "--db", seeded_archive)
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_v5_archive_gets_signatures_on_opening(seeded_db: Path) -> None:
    with sqlite3.connect(seeded_db) as connection:
        connection.executescript(
            "DROP TABLE article_signatures;"
            " DELETE FROM meta WHERE key = 'signatures_generation';"
            " UPDATE meta SET value = '5' WHERE key = 'schema_version';"
        )
    service = open_service(seeded_db)
    try:
        assert service.related(1)
        assert service.health().healthy
    finally:
        service.close()
    with sqlite3.connect(seeded_db) as connection:
        version = connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        signed = connection.execute("SELECT count(*) FROM article_signatures").fetchone()[0]
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert version == (str(SCHEMA_VERSION),) and SCHEMA_VERSION >= 6
    assert signed == articles > 0
