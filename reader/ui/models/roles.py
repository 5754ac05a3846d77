"""Custom item-data roles shared by the models and the widgets that read them."""

from __future__ import annotations

from PySide6.QtCore import Qt

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The article id behind a row (int), or None for rows that are not an article."""
NODE_KIND_ROLE = Qt.ItemDataRole.UserRole + 2
"""``year`` / ``month`` / ``issue`` / ``article`` in the issue tree."""
ISSUE_ID_ROLE = Qt.ItemDataRole.UserRole + 3
PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 4
"""The frozen domain object behind a row (ArticleSummary, SearchHit, Bookmark, …)."""
HTML_ROLE = Qt.ItemDataRole.UserRole + 5
"""Rich text (already escaped) for :class:`reader.ui.widgets.rich_delegate.RichTextDelegate`."""
