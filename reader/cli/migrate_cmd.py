"""``reader migrate SOURCE TARGET``: copy a whole archive (bookmarks included) from an
SQLite file to a PostgreSQL server and back; each is a path or a database URL."""

from __future__ import annotations

import argparse

from reader.cli.common import target_for, terminal_safe
from reader.errors import ReaderError
from reader.store.repository import Store, archive_exists
from reader.store.transfer import copy_archive


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "migrate",
        help="copy a whole archive, bookmarks included, e.g. from a file to a PostgreSQL server",
    )
    parser.add_argument("source", help="archive to copy: a file path or postgresql://user@host/db")
    parser.add_argument("target", help="where to copy it (must hold no archive yet)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    source_target, target_target = target_for(args.source), target_for(args.target)
    if not archive_exists(source_target):
        raise ReaderError(f"没有档案 (no archive at {source_target.display})")
    if source_target.url == target_target.url:
        raise ReaderError("源与目标相同 (source and target are the same archive)")
    source = Store.open(source_target)
    try:
        target = Store.open(target_target)
        try:
            copied = copy_archive(source, target, say=lambda line: print(terminal_safe(line)))
        finally:
            target.close()
    finally:
        source.close()
    print(
        f"已复制 {copied.get('articles', 0)} 篇文章、{copied.get('bookmarks', 0)} 个书签"
        f" (copied {copied.get('articles', 0)} articles, {copied.get('bookmarks', 0)} bookmarks)"
        f" → {target_target.display}"
    )
    return 0
