"""PDF export end to end: text layer, fonts, outline, metadata, escaping, cancel."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_export_support import (
    LOOK_ALIKES,
    make_article,
    pdffonts,
    pdftotext,
    person,
    squeeze,
)

from reader.domain import Article, EntityType, Mention
from reader.errors import ExportError, FontUnavailableError
from reader.export import ExportOptions, ExportResult, export_pdf
from reader.export.labels import headline
from reader.export.samples import seed_articles
from reader.progress import Cancelled, CancelToken

NO_LINE_START = set("，。、；：？！）》」』】〕”’…·")


@pytest.fixture(scope="module")
def articles(qapp) -> list[Article]:  # noqa: ARG001 - fonts need the application
    found = seed_articles()
    assert len(found) > 20
    return found


@pytest.fixture(scope="module")
def exported(articles: list[Article], tmp_path_factory: pytest.TempPathFactory) -> ExportResult:
    path = tmp_path_factory.mktemp("pdf") / "seeds.pdf"
    options = ExportOptions(highlight_entities=True, description="全部文章")
    return export_pdf(articles, path, options, today=dt.date(2026, 1, 5))


def test_text_layer_gives_back_every_title_and_paragraph(
    exported: ExportResult, articles: list[Article]
) -> None:
    text = squeeze(pdftotext(exported.path))
    for article in articles:
        assert squeeze(headline(article)) in text
        for line in article.byline_lines:
            assert squeeze(line) in text
        for paragraph in article.paragraphs:
            assert squeeze(paragraph) in text, paragraph[:30]


def test_no_kangxi_radicals_or_compatibility_look_alikes(exported: ExportResult) -> None:
    assert not LOOK_ALIKES.findall(pdftotext(exported.path))


def test_no_line_starts_with_closing_punctuation(exported: ExportResult) -> None:
    lines = [line.strip() for line in pdftotext(exported.path).splitlines()]
    bad = [line for line in lines if line and line[0] in NO_LINE_START]
    assert not bad


def test_cjk_font_is_embedded(exported: ExportResult) -> None:
    rows = pdffonts(exported.path)
    assert rows
    assert any("WenQuanYi" in row[0] for row in rows)
    # columns: name type… encoding emb sub uni object ID — emb is the 5th from the end
    assert all(row[-5] == "yes" for row in rows), rows
    assert exported.font_family == "WenQuanYi Micro Hei"


def test_outline_has_one_entry_per_article(exported: ExportResult, articles: list[Article]) -> None:
    reader = PdfReader(exported.path)
    outline = reader.outline
    assert len(outline) == len(articles) == exported.article_count
    assert [item.title for item in outline] == [headline(a) for a in articles]
    pages = [reader.get_destination_page_number(item) for item in outline]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)
    # every article starts on its own page, after the title page and the TOC
    assert pages[0] >= 2


def test_page_count_and_metadata(exported: ExportResult, articles: list[Article]) -> None:
    reader = PdfReader(exported.path)
    assert len(reader.pages) == exported.page_count
    assert len(articles) + 2 <= exported.page_count <= 3 * len(articles)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "高新区头条 报刊档案"
    assert meta.author and meta.creator and "Archive Reader" in meta.creator
    assert meta.subject == "全部文章"


def test_title_page_and_toc(exported: ExportResult, articles: list[Article]) -> None:
    reader = PdfReader(exported.path)
    first = squeeze(pdftotext(exported.path, "-f", "1", "-l", "1"))
    assert "高新区头条报刊档案" in first
    assert f"共{len(articles)}篇文章" in first
    assert "2026年1月5日" in first
    toc = squeeze(pdftotext(exported.path, "-f", "2", "-l", "2"))
    assert "目录" in toc
    start = reader.get_destination_page_number(reader.outline[0]) + 1
    assert squeeze(headline(articles[0])) + "2025.11.07" + str(start) in toc
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    assert links and all(link["/Subtype"] == "/Link" for link in links)


def test_article_text_is_escaped(qapp, tmp_path: Path) -> None:  # noqa: ARG001
    title = "<b>x</b> & <i>标题</i>"
    paragraph = "正文含有<b>x</b>、&amp;与<script>alert(1)</script>。"
    article = make_article(title=title, paragraphs=(paragraph,))
    result = export_pdf([article], tmp_path / "escaped.pdf", ExportOptions())
    text = squeeze(pdftotext(result.path))
    assert squeeze(title) in text
    assert squeeze(paragraph) in text


def test_highlighting_keeps_the_text(qapp, tmp_path: Path) -> None:  # noqa: ARG001
    paragraph = "市政协副主席吕沛出席会议并讲话，管委会主任官卫红作工作部署。"
    stale = Mention("不在此处", EntityType.PLACE, 0, 2, 6)  # offsets that do not match
    outside = Mention("吕沛", EntityType.PERSON, 0, 90, 92)
    mentions = (person(0, paragraph, "吕沛"), person(0, paragraph, "官卫红"), stale, outside)
    article = make_article(paragraphs=(paragraph,), mentions=mentions)
    result = export_pdf([article], tmp_path / "marked.pdf", ExportOptions(highlight_entities=True))
    assert squeeze(paragraph) in squeeze(pdftotext(result.path))


def test_cancel_stops_and_writes_nothing(articles: list[Article], tmp_path: Path) -> None:
    token = CancelToken()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 3:
            token.cancel()

    target = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        export_pdf(articles, target, ExportOptions(), progress, token)
    assert seen[-1][0] == 3
    assert not target.exists()
    assert not list(tmp_path.iterdir())


def test_progress_reaches_total(qapp, tmp_path: Path) -> None:  # noqa: ARG001
    seen: list[tuple[int, int]] = []
    articles = [make_article(i) for i in range(1, 4)]
    export_pdf(articles, tmp_path / "p.pdf", ExportOptions(), lambda d, t: seen.append((d, t)))
    assert [d for d, _ in seen] == list(range(1, len(seen) + 1))
    assert seen[-1][0] == seen[-1][1]


def test_no_font_raises_font_unavailable(qapp, tmp_path: Path) -> None:  # noqa: ARG001
    with pytest.raises(FontUnavailableError, match="fonts-wqy-microhei"):
        export_pdf([make_article()], tmp_path / "x.pdf", ExportOptions(), font_finder=lambda: None)
    assert not (tmp_path / "x.pdf").exists()


def test_unwritable_paths_raise_export_error(qapp, tmp_path: Path) -> None:  # noqa: ARG001
    with pytest.raises(ExportError):
        export_pdf([make_article()], tmp_path / "missing" / "x.pdf", ExportOptions())
    with pytest.raises(ExportError):
        export_pdf([make_article()], tmp_path, ExportOptions())
    with pytest.raises(ExportError, match="page size"):
        export_pdf([make_article()], tmp_path / "x.pdf", ExportOptions(page_size="A9x"))


def test_read_only_folder_raises_export_error(qapp, tmp_path: Path) -> None:  # noqa: ARG001
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        probe = folder / "probe"
        try:
            probe.write_text("x")
        except OSError:
            pass
        else:
            pytest.skip("running with privileges that ignore folder permissions")
        with pytest.raises(ExportError):
            export_pdf([make_article()], folder / "x.pdf", ExportOptions())
    finally:
        folder.chmod(stat.S_IRWXU)


def test_page_size_and_no_toc(qapp, tmp_path: Path) -> None:  # noqa: ARG001
    articles = [make_article(i) for i in range(1, 3)]
    result = export_pdf(
        articles, tmp_path / "a5.pdf", ExportOptions(page_size="A5", include_toc=False)
    )
    reader = PdfReader(result.path)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (420, 595)
    assert result.page_count == 3  # title page + two articles, no TOC
    assert "目录" not in squeeze(pdftotext(result.path))
