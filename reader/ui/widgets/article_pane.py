"""The centre of the window: legend and actions above the reading surface, find bar
below. Owns the article-related actions so the main window only places them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.domain import Article, EntityType, MatchSpan, Mention, SourceExcerpt
from reader.ui.article_html import ENTITY_SCHEME, mention_tooltip, render_article, render_source
from reader.ui.colors import MUTED_TEXT
from reader.ui.icons import icon, toggle_icon
from reader.ui.ops import Change
from reader.ui.widgets.article_browser import ArticleBrowser
from reader.ui.widgets.entity_legend import EntityLegend
from reader.ui.widgets.find_bar import FindBar

RELATED_SHOWN = 8
RELATED_MIN_SCORE = 0.15
"""Below this an article only shares common words and set phrases with the open one
(unrelated seed articles score 0.05–0.15, reports of the same meeting 0.5 and more)."""

if TYPE_CHECKING:
    from reader.domain import RelatedArticle
    from reader.services import ArchiveService
    from reader.ui.ops import ArchiveOps


def _article_and_mark(
    service: ArchiveService, article: Article | None
) -> tuple[Article | None, bool]:
    """The article and whether it is bookmarked (read together, in a worker)."""
    return article, article is not None and service.is_bookmarked(article.key)


class ArticlePane(QWidget):
    articleOpened = Signal(int)
    """The article is shown (it arrived from a worker and was rendered)."""
    bookmarkToggled = Signal(str, bool)
    entityActivated = Signal(str, object)
    """canonical name, EntityType: the user clicked an entity in the text."""
    sourceShown = Signal()
    """The source view is rendered."""
    openRequested = Signal(int)
    """Open another article (a related one was chosen)."""
    relatedLoaded = Signal()
    """The open article's related articles are listed."""

    def __init__(self, ops: ArchiveOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articlePane")
        self._ops = ops
        self._article: Article | None = None
        self._bookmarked = False
        self._excerpt: tuple[int, SourceExcerpt | None] | None = None
        self._hits: tuple[MatchSpan, ...] = ()
        self._mentions: tuple[Mention, ...] = ()
        self._hit_ranges: list[tuple[int, int]] = []
        self._hit_index = -1

        self.view = ArticleBrowser(self)
        self.view.set_tooltip_provider(self._tooltip)
        self.view.anchorClicked.connect(self._on_anchor)
        self.legend = EntityLegend(self)
        self.legend.typesChanged.connect(self._render)
        self.find_bar = FindBar(self.view, self)
        self._make_actions()

        self.hit_label = QLabel(self)
        self.hit_label.setObjectName("hitLabel")
        top = QHBoxLayout()
        top.setContentsMargins(8, 4, 8, 4)
        top.addWidget(self.legend)
        top.addStretch(1)
        top.addWidget(self.hit_label)
        for action in (
            self.action_prev_hit,
            self.action_next_hit,
            self.action_show_source,
            self.action_toggle_bookmark,
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.related_label = QLabel(self.tr("相关文章"), self)
        self.related_label.setObjectName("relatedLabel")
        self.related_label.setContentsMargins(8, 4, 8, 0)
        self.related = QListWidget(self)
        self.related.setObjectName("relatedArticles")
        self.related.setMaximumHeight(140)
        self.related.setToolTip(self.tr("内容最相近的其他文章；单击打开"))
        self.related.itemActivated.connect(self._open_related)
        self.related.itemClicked.connect(self._open_related)
        for widget in (self.related_label, self.related):
            widget.hide()
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.related_label)
        layout.addWidget(self.related)
        self._show_placeholder()
        self._update_actions()
        ops.archiveChanged.connect(self._on_archive_changed)

    def _on_archive_changed(self, change: Change) -> None:
        if change & Change.ARTICLES:
            self.reload()
        elif change & Change.BOOKMARKS and self._article is not None:
            key = self._article.key
            self._ops.query(
                lambda service: service.is_bookmarked(key),
                lambda marked: self._set_bookmarked(key, marked),
                channel="article-bookmark",
            )

    def _set_bookmarked(self, key: str, marked: bool) -> None:
        if self._article is not None and self._article.key == key:
            self._bookmarked = marked
            self._update_actions()

    # -- actions ------------------------------------------------------------------------
    def _action(
        self,
        name: str,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon_name: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon_name:
            action.setIcon(icon(icon_name))
        return action

    def _make_actions(self) -> None:
        self.action_toggle_bookmark = self._action(
            "actionToggleBookmark", self.tr("收藏本文"), "Ctrl+D"
        )
        self.action_toggle_bookmark.setIcon(toggle_icon("star-empty", "star"))
        self.action_toggle_bookmark.setCheckable(True)
        self.action_toggle_bookmark.triggered.connect(self.toggle_bookmark)
        self.action_show_source = self._action(
            "actionShowSource", self.tr("查看原文行"), "Ctrl+U", "source"
        )
        self.action_show_source.setCheckable(True)
        self.action_show_source.setToolTip(self.tr("显示本文在源文件中的原始行和行号"))
        self.action_show_source.toggled.connect(self._render)
        self.action_find = self._action(
            "actionFind", self.tr("在文中查找…"), QKeySequence.StandardKey.Find
        )
        self.action_find.triggered.connect(self.find_bar.open_bar)
        self.action_next_hit = self._action("actionNextHit", self.tr("下一个命中"), "F3", "down")
        self.action_next_hit.triggered.connect(lambda: self.step_hit(+1))
        self.action_prev_hit = self._action(
            "actionPreviousHit", self.tr("上一个命中"), "Shift+F3", "up"
        )
        self.action_prev_hit.triggered.connect(lambda: self.step_hit(-1))
        self.action_zoom_in = self._action(
            "actionZoomIn", self.tr("放大"), QKeySequence.StandardKey.ZoomIn
        )
        # Ctrl+= is what people press on most keyboards (no Shift for "+").
        self.action_zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.action_zoom_in.triggered.connect(lambda: self.set_zoom(self.view.zoom + 1))
        self.action_zoom_out = self._action("actionZoomOut", self.tr("缩小"), "Ctrl+-")
        self.action_zoom_out.triggered.connect(lambda: self.set_zoom(self.view.zoom - 1))
        self.action_zoom_reset = self._action("actionZoomReset", self.tr("原始大小"), "Ctrl+0")
        self.action_zoom_reset.triggered.connect(lambda: self.set_zoom(0))
        for action in self.actions_for_menus():
            self.addAction(action)

    def actions_for_menus(self) -> list[QAction]:
        return [
            self.action_toggle_bookmark,
            self.action_show_source,
            self.action_find,
            self.action_next_hit,
            self.action_prev_hit,
            self.action_zoom_in,
            self.action_zoom_out,
            self.action_zoom_reset,
        ]

    # -- opening ------------------------------------------------------------------------
    @property
    def article(self) -> Article | None:
        return self._article

    def open_article(self, article_id: int, hits: Sequence[MatchSpan] = ()) -> bool:
        """Ask for the article; it shows when it arrives (``articleOpened``). False when
        the archive is not open yet."""
        if not self._ops.ready:
            return False
        hits = tuple(hits)
        self._ops.query(
            lambda service: _article_and_mark(service, service.article(article_id)),
            lambda found: self._show(found, hits),
            channel="article",
        )
        return True

    def _show(
        self, found: tuple[Article | None, bool], hits: tuple[MatchSpan, ...], reload: bool = False
    ) -> None:
        article, marked = found
        if article is None:
            if reload:
                self.clear()
            return
        same = self._article is not None and self._article.id == article.id
        if not same:
            self._excerpt = None
        self._article = article
        self._bookmarked = marked
        if not reload:
            self._hits = hits
        self._render(keep_scroll=reload or (same and not hits))
        if self._hit_ranges and not reload:
            self.step_hit(+1)
        self._update_actions()
        if not reload:
            self._load_related(article.id)
            self.articleOpened.emit(article.id)

    # -- related articles ---------------------------------------------------------------
    def _load_related(self, article_id: int) -> None:
        self._ops.query(
            lambda service: service.related(article_id, RELATED_SHOWN),
            lambda rows: self._show_related(article_id, rows),
            channel="article-related",
            failed=lambda _message: self._show_related(article_id, []),
        )

    def _show_related(self, article_id: int, rows: list[RelatedArticle]) -> None:
        if self._article is None or self._article.id != article_id:
            return
        self.related.clear()
        rows = [row for row in rows if row.score >= RELATED_MIN_SCORE]
        for row in rows:
            date = row.date.isoformat() if row.date else self.tr("日期不详")
            text = f"{row.title} · {date} · {row.score:.2f}"
            if row.near_duplicate:
                text = self.tr("【近似重复】") + text
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(
                self.tr("相似度 %1").replace("%1", f"{row.score:.2f}")
                + (self.tr("；几乎相同的文字（转载或重发）") if row.near_duplicate else "")
            )
            self.related.addItem(item)
        for widget in (self.related_label, self.related):
            widget.setVisible(bool(rows))
        self.relatedLoaded.emit()

    def _open_related(self, item: QListWidgetItem) -> None:
        self.openRequested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def clear(self) -> None:
        self.related.clear()
        for widget in (self.related_label, self.related):
            widget.hide()
        self._article = None
        self._excerpt = None
        self._hits = ()
        self._show_placeholder()
        self._update_actions()

    def reload(self) -> None:
        """Re-read the open article (after re-indexing); close it if it vanished."""
        if self._article is None or not self._ops.ready:
            return
        key = self._article.key
        self._excerpt = None
        self._ops.query(
            lambda service: _article_and_mark(service, service.article_by_key(key)),
            lambda found: self._show(found, self._hits, reload=True),
            channel="article",
        )

    def _show_placeholder(self) -> None:
        self._mentions = ()
        self._hit_ranges = []
        self.view.set_article_html(
            f"<p style='color:{MUTED_TEXT}'>" + self.tr("请在左侧选择一篇文章。") + "</p>"
        )
        self.hit_label.clear()

    def _render(self, *_args: object, keep_scroll: bool = True) -> None:
        if self._article is None:
            return
        scroll = self.view.verticalScrollBar().value()
        source = self.action_show_source.isChecked()
        self.legend.setEnabled(not source)
        if source:
            article_id = self._article.id
            if self._excerpt is None or self._excerpt[0] != article_id:
                self.view.set_article_html(
                    f"<p style='color:{MUTED_TEXT}'>" + self.tr("正在读取源文件…") + "</p>"
                )
                self._ops.query(
                    lambda service: service.source_excerpt(article_id),
                    lambda excerpt: self._source_arrived(article_id, excerpt),
                    channel="article-source",
                )
                return
            excerpt = self._excerpt[1]
            self._mentions = ()
            self.view.set_article_html(
                render_source(excerpt)
                if excerpt
                else "<p>" + self.tr("这篇文章没有可显示的源文件行。") + "</p>"
            )
        else:
            rendered = render_article(self._article, self.legend.enabled_types(), self._hits)
            self._mentions = rendered.mentions
            self.view.set_article_html(rendered.html)
        self._hit_ranges = [] if source else self.view.hit_ranges()
        self._hit_index = -1
        self._update_hit_label()
        self.find_bar.refresh()
        if keep_scroll:
            self.view.verticalScrollBar().setValue(scroll)
        if source:
            self.sourceShown.emit()

    def _source_arrived(self, article_id: int, excerpt: SourceExcerpt | None) -> None:
        if self._article is None or self._article.id != article_id:
            return
        self._excerpt = (article_id, excerpt)
        if self.action_show_source.isChecked():
            self._render(keep_scroll=False)

    def _update_actions(self) -> None:
        has = self._article is not None
        self.action_toggle_bookmark.setEnabled(has)
        self.action_toggle_bookmark.setChecked(has and self._bookmarked)
        self.action_show_source.setEnabled(has)
        self.action_next_hit.setEnabled(bool(self._hit_ranges))
        self.action_prev_hit.setEnabled(bool(self._hit_ranges))

    # -- bookmarks ----------------------------------------------------------------------
    def toggle_bookmark(self) -> None:
        if self._article is None:
            return
        key = self._article.key
        self._ops.operation(
            lambda service, _job: service.toggle_bookmark(key),
            lambda state: self._toggled(key, state),
            change=Change.BOOKMARKS,
        )

    def _toggled(self, key: str, state: bool) -> None:
        self._set_bookmarked(key, state)
        self.bookmarkToggled.emit(key, state)

    # -- search hits --------------------------------------------------------------------
    def step_hit(self, delta: int) -> None:
        if not self._hit_ranges:
            return
        self._hit_index = (self._hit_index + delta) % len(self._hit_ranges)
        start, end = self._hit_ranges[self._hit_index]
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()
        self._update_hit_label()

    @property
    def hit_count(self) -> int:
        return len(self._hit_ranges)

    def _update_hit_label(self) -> None:
        if not self._hit_ranges:
            self.hit_label.clear()
            return
        shown = max(self._hit_index, 0) + 1
        self.hit_label.setText(
            self.tr("命中 %1/%2")
            .replace("%1", str(shown))
            .replace("%2", str(len(self._hit_ranges)))
        )
        self._update_actions()

    # -- entities -----------------------------------------------------------------------
    def _mention_for(self, href: str) -> Mention | None:
        scheme, _, number = href.partition(":")
        if scheme != ENTITY_SCHEME or not number.isdigit():
            return None
        index = int(number)
        return self._mentions[index] if index < len(self._mentions) else None

    def _tooltip(self, href: str) -> str | None:
        mention = self._mention_for(href)
        if mention is None:
            return None
        return mention_tooltip(mention) + "\n" + self.tr("单击列出提到它的所有文章")

    def _on_anchor(self, url: QUrl) -> None:
        mention = self._mention_for(url.toString())
        if mention is not None:
            self.entityActivated.emit(mention.canonical or mention.text, mention.type)

    # -- zoom ---------------------------------------------------------------------------
    @property
    def zoom(self) -> int:
        return self.view.zoom

    def set_zoom(self, steps: int) -> None:
        self.view.set_zoom(steps)
        self._render(keep_scroll=True)

    def enabled_types(self) -> set[EntityType]:
        return self.legend.enabled_types()
