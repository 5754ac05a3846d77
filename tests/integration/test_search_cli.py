"""``reader search`` over the bundled seeds indexed by the real indexer."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from reader.bootstrap import open_service
from reader.cli import search_cmd
from reader.domain import SearchRequest
from reader.errors import ReaderError


def cli(db: Path | str, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    search_cmd.register(parser.add_subparsers())
    args = parser.parse_args(["search", *argv, "--db", str(db)])
    return int(args.handler(args))


def test_json_output_has_the_documented_shape(
    seeded_archive: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(seeded_archive, "大气", "--json", "--limit", "2") == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"query", "total", "results"}
    assert data["query"] == "大气" and data["total"] >= 2 and len(data["results"]) == 2
    hit = data["results"][0]
    assert set(hit) == {
        "id",
        "key",
        "display_title",
        "issue_date",
        "date",
        "score",
        "snippet",
        "matches",
    }
    assert "【大气】" in hit["snippet"]
    assert {"field", "paragraph", "start", "end"} == set(hit["matches"][0])


def test_all_lists_every_hit_and_text_output_ends_with_a_total(
    seeded_archive: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(seeded_archive, "会", "--all") == 0
    lines = capsys.readouterr().out.splitlines()
    service = open_service(seeded_archive)
    total = service.search(SearchRequest("会")).total
    service.close()
    assert len(lines) == total + 1 and lines[-1].startswith(f"共 {total} 篇")


def test_filters_from_the_command_line(
    seeded_archive: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(seeded_archive, "。", "--kind", "photo", "--json", "--all") == 0
    photos = json.loads(capsys.readouterr().out)["total"]
    assert cli(seeded_archive, "。", "--person", "马雅宁", "--json", "--all") == 0
    assert json.loads(capsys.readouterr().out)["total"] >= 1
    assert photos >= 1
    assert cli(seeded_archive, "。", "--from", "2099-01-01", "--json") == 0
    assert json.loads(capsys.readouterr().out)["total"] == 0


def test_a_bad_query_is_one_clear_error(seeded_archive: str) -> None:
    with pytest.raises(ReaderError, match="引号"):
        cli(seeded_archive, '"未完')


def test_every_seed_article_finds_itself_by_its_title(seeded_archive: str) -> None:
    service = open_service(seeded_archive)
    try:
        for issue in service.issues():
            for summary in service.articles_in_issue(issue.id):
                if summary.untitled:
                    continue
                title = summary.display_title.replace('"', " ").split()[0]
                ids = {
                    h.article.id
                    for h in service.search(SearchRequest(f'"{title}"', limit=None)).hits
                }
                assert summary.id in ids, summary.display_title
    finally:
        service.close()
