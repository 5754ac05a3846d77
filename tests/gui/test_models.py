"""Every item model passes Qt's model tester over the real service."""

from __future__ import annotations

from pathlib import Path

from reader.bootstrap import open_service
from reader.domain import SearchRequest
from reader.ui.models.article_list import ArticleListModel
from reader.ui.models.bookmarks import BookmarksModel
from reader.ui.models.entities import EntitiesModel
from reader.ui.models.issue_tree import IssueTreeModel
from reader.ui.models.roles import ARTICLE_ID_ROLE
from reader.ui.models.search_results import SearchResultsModel


def _fetch_all(model: IssueTreeModel) -> int:
    articles = 0
    pending = [model.index(-1, 0)]  # invalid index = root
    while pending:
        parent = pending.pop()
        while model.canFetchMore(parent):
            model.fetchMore(parent)
        for row in range(model.rowCount(parent)):
            child = model.index(row, 0, parent)
            if model.data(child, ARTICLE_ID_ROLE) is not None:
                articles += 1
            pending.append(child)
    return articles


def test_issue_tree_model(qtmodeltester, seeded_db: Path) -> None:
    service = open_service(seeded_db)
    model = IssueTreeModel(service)
    assert model.rowCount() == 0 and model.canFetchMore()  # nothing read up front
    qtmodeltester.check(model)
    # A second model (the tester stays attached to the first) fully fetched by hand.
    fetched = IssueTreeModel(service)
    assert _fetch_all(fetched) == 34
    qtmodeltester.check(fetched)
    first = service.articles_in_issue(service.issues()[-1].id)[0]
    fresh = IssueTreeModel(service)
    index = fresh.locate_article(first)
    assert index.isValid() and fresh.data(index, ARTICLE_ID_ROLE) == first.id
    service.close()


def test_search_results_model(qtmodeltester, seeded_db: Path) -> None:
    service = open_service(seeded_db)
    model = SearchResultsModel(service)
    request = SearchRequest("高新区", limit=5)
    model.set_results(request, service.search(request))
    assert model.rowCount() == 5 and model.total > 5
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.total
    qtmodeltester.check(model)
    service.close()


def test_bookmarks_model(qtmodeltester, seeded_db: Path) -> None:
    service = open_service(seeded_db)
    for article_id in service.all_article_ids()[:3]:
        article = service.article(article_id)
        assert article is not None
        service.toggle_bookmark(article.key)
    model = BookmarksModel(service)
    model.reload()
    qtmodeltester.check(model)
    assert model.setData(model.index(0, 1), "备注")
    assert service.bookmarks()[0].note == "备注"
    model.remove(0)
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    service.close()


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
