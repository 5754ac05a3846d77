"""Every item model passes Qt's model tester over the real service."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from reader.bootstrap import open_service
from reader.domain import SearchRequest
from reader.ui.models.article_list import ArticleListModel
from reader.ui.models.bookmarks import BookmarksModel
from reader.ui.models.entities import EntitiesModel
from reader.ui.models.issue_tree import IssueTreeModel, tree_path
from reader.ui.models.roles import ARTICLE_ID_ROLE
from reader.ui.models.search_results import SearchResultsModel

from .helpers import load_level, ops_over


def _fetch_all(qtbot, model: IssueTreeModel) -> int:  # type: ignore[no-untyped-def]
    articles = 0
    pending = [QModelIndex()]  # invalid index = root
    while pending:
        parent = pending.pop()
        load_level(qtbot, model, parent)
        for row in range(model.rowCount(parent)):
            child = model.index(row, 0, parent)
            if model.data(child, ARTICLE_ID_ROLE) is not None:
                articles += 1
            else:
                pending.append(QPersistentModelIndex(child))  # type: ignore[arg-type]
    return articles


def test_issue_tree_model(qtbot, qtmodeltester, seeded_db: Path) -> None:
    service = open_service(seeded_db)
    ops = ops_over(service)
    model = IssueTreeModel(ops)
    assert model.rowCount() == 0 and model.canFetchMore()  # nothing read up front
    qtmodeltester.check(model)
    # A second model (the tester stays attached to the first) fully fetched.
    fetched = IssueTreeModel(ops)
    assert _fetch_all(qtbot, fetched) == 34
    qtmodeltester.check(fetched)
    # Reveal: the path to an article read in one query, the levels filled on arrival.
    first = service.articles_in_issue(service.issues()[-1].id)[0]
    fresh = IssueTreeModel(ops)
    path = tree_path(service, first.id)
    assert path is not None
    index = fresh.index_on_path(path)
    assert index.isValid() and fresh.data(index, ARTICLE_ID_ROLE) == first.id
    qtmodeltester.check(fresh)
    ops.close()


def test_search_results_model(qtbot, qtmodeltester, seeded_db: Path) -> None:
    service = open_service(seeded_db)
    ops = ops_over(service)
    model = SearchResultsModel(ops)
    request = SearchRequest("高新区", limit=5)
    model.set_results(request, service.search(request))
    assert model.rowCount() == 5 and model.total > 5
    qtmodeltester.check(model)
    while model.rowCount() < model.total:
        model.fetchMore()
        qtbot.waitUntil(lambda: not model.fetching, timeout=10_000)
    assert model.rowCount() == model.total
    qtmodeltester.check(model)
    ops.close()


def test_bookmarks_model(qtbot, qtmodeltester, seeded_db: Path) -> None:
    service = open_service(seeded_db)
    for article_id in service.all_article_ids()[:3]:
        article = service.article(article_id)
        assert article is not None
        service.toggle_bookmark(article.key)
    ops = ops_over(service)
    model = BookmarksModel(ops)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.reload()
    qtmodeltester.check(model)
    with qtbot.waitSignal(ops.archiveChanged, timeout=10_000):
        assert model.setData(model.index(0, 1), "备注")
    assert service.bookmarks()[0].note == "备注"
    with qtbot.waitSignal(ops.archiveChanged, timeout=10_000):
        model.remove(0)
    assert model.rowCount() == 2
    assert len(service.bookmarks()) == 2
    qtmodeltester.check(model)
    ops.close()


def test_entity_models(qtmodeltester, seeded_db: Path) -> None:
    service = open_service(seeded_db)
    entities = EntitiesModel()
    entities.set_entities(service.entities())
    qtmodeltester.check(entities)
    articles = ArticleListModel()
    articles.set_articles(service.articles_with_entity("吕沛"))
    assert articles.rowCount() > 0
    qtmodeltester.check(articles)
    service.close()


def test_approximate_counts_read_naturally() -> None:
    from PySide6.QtCore import QLocale

    from reader.ui.labels import approximate_count

    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        assert approximate_count(283_456) == "约 28 万"
        assert approximate_count(12_345) == "约 1.2 万"
        assert approximate_count(5_678) == "约 5,700"
        assert approximate_count(42) == "约 42"
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        assert approximate_count(283_456).endswith("280,000")
    finally:
        QLocale.setDefault(before)
