"""``reader bookmarks list|add|note|remove``: the window's bookmarks on the command line.

An article is named by its id (from ``dump``, ``search`` or ``bookmarks list``) or by
its stable key; a bookmark whose article is gone is reached by its key.
"""

from __future__ import annotations

import argparse
from typing import Any

from reader.cli.common import add_db_argument, print_json, service_for, terminal_safe
from reader.domain import Bookmark
from reader.errors import ReaderError
from reader.services import ArchiveService


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("bookmarks", help="list, add, annotate or remove bookmarks")
    actions = parser.add_subparsers(dest="action", required=True)

    listing = actions.add_parser("list", help="every bookmark, newest first")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--order", choices=("added", "issue"), default="added")
    listing.set_defaults(handler=run_list)

    add = actions.add_parser("add", help="bookmark an article")
    add.add_argument("id", help="article id or key")
    add.add_argument("--note", help="the bookmark's note")
    add.set_defaults(handler=run_add)

    note = actions.add_parser("note", help="set a bookmark's note")
    note.add_argument("id", help="article id or bookmark key")
    note.add_argument("text", help="the note (empty to clear it)")
    note.set_defaults(handler=run_note)

    remove = actions.add_parser("remove", help="remove a bookmark")
    remove.add_argument("id", help="article id or bookmark key")
    remove.set_defaults(handler=run_remove)

    for sub in (listing, add, note, remove):
        add_db_argument(sub)


def bookmark_json(mark: Bookmark) -> dict[str, Any]:
    article = mark.article
    return {
        "key": mark.key,
        "article_id": article.id if article else None,
        "title": article.display_title if article else mark.title_when_saved,
        "note": mark.note,
        "missing": article is None,
        "added": mark.created_at.isoformat(timespec="seconds"),
    }


def _key(service: ArchiveService, ident: str) -> str:
    """The article key for an id or key argument."""
    if ident.isdigit():
        article = service.article(int(ident))
        if article is None:
            raise ReaderError(f"没有编号为 {ident} 的文章 (no article with id {ident})")
        return article.key
    return ident


def _with_service(args: argparse.Namespace, work: Any) -> int:
    service = service_for(args)
    try:
        return int(work(service))
    finally:
        service.close()


def run_list(args: argparse.Namespace) -> int:
    def work(service: ArchiveService) -> int:
        marks = service.bookmarks(args.order)
        if args.json:
            print_json([bookmark_json(mark) for mark in marks])
            return 0
        if not marks:
            print("没有书签 (no bookmarks)")
        for mark in marks:
            data = bookmark_json(mark)
            ident = "—" if data["missing"] else str(data["article_id"])
            state = "  [已不在档案中 missing]" if data["missing"] else ""
            print(terminal_safe(f"{ident}\t{data['added']}\t{data['title']}{state}"))
            if mark.note:
                print(terminal_safe(f"\t{mark.note}"))
        return 0

    return _with_service(args, work)


def run_add(args: argparse.Namespace) -> int:
    def work(service: ArchiveService) -> int:
        key = _key(service, args.id)
        added = service.add_bookmark(key)
        if args.note is not None:
            service.set_bookmark_note(key, args.note)
        print("已收藏 (bookmarked)" if added else "已在书签中 (already bookmarked)")
        return 0

    return _with_service(args, work)


def run_note(args: argparse.Namespace) -> int:
    def work(service: ArchiveService) -> int:
        service.set_bookmark_note(_key(service, args.id), args.text)
        print("已保存备注 (note saved)")
        return 0

    return _with_service(args, work)


def run_remove(args: argparse.Namespace) -> int:
    def work(service: ArchiveService) -> int:
        if not service.remove_bookmark(_key(service, args.id)):
            raise ReaderError(f"没有这个书签 (no bookmark for {args.id})")
        print("已取消收藏 (bookmark removed)")
        return 0

    return _with_service(args, work)
