"""One line, in the user's terms, for a failure of the archive database: no library
text, no SQL, no "Background on this error" link."""

from __future__ import annotations


def database_message(error: BaseException) -> str | None:
    """One line for a database failure, without the library's own text; None when the
    error did not come from the database."""
    module = type(error).__module__
    if not (module.startswith("sqlalchemy") or module.startswith("sqlite3")):
        return None
    text = str(getattr(error, "orig", None) or error).lower()
    if "locked" in text or "busy" in text:
        return "档案正忙：另一个进程正在写入，请稍后再试 (archive busy: another process is writing)"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "档案已损坏或不是档案文件 (the archive is damaged or not an archive)"
    if "readonly" in text or "read-only" in text:
        return "档案只读，无法写入 (the archive is read-only)"
    if "unable to open" in text:
        return "无法打开档案 (cannot open the archive file)"
    if "vtable" in text or "fts5" in text:
        return (
            "搜索索引已损坏，请运行 reader check --repair "
            "(the search index is damaged: run reader check --repair)"
        )
    return "档案数据库出错 (database error): run reader check"
